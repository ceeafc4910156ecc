import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/denoising-player/denoising-player.js';
import { configurePageModels } from '../../src/components/shared/page-models.js';
import { loadModelOnFasterProvider } from '../../src/pipeline/run/faster-provider.js';
import { choiceKey } from '../../src/pipeline/io/backend-choice.js';
import { deviceLabel } from '../../src/pipeline/io/web-backend.js';

// The provider is chosen by timing, once per model and device, and remembered. WebGPU here runs
// on SwiftShader (CPU), so these tests check that a choice is made, kept and shown, never which
// provider is faster on real hardware.
const POCKET = new URL('/assets/models/pocket/', location.href).href;
const WASM_BASE = '/node_modules/onnxruntime-web/dist/';

function mapStore() {
  const map = new Map<string, string>();
  return { map, getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value) };
}

describe('choosing the faster backend', function () {
  this.timeout(300_000);

  it('times WebGPU and WASM once, keeps the faster, and reuses the remembered choice', async () => {
    const store = mapStore();
    const first = await loadModelOnFasterProvider(POCKET, { web: { wasmBase: WASM_BASE }, cacheName: false, store, trialSteps: 3 });
    try {
      expect(first.choice.remembered).to.equal(false);
      expect(Object.keys(first.choice.medians).sort(), 'both providers were timed').to.deep.equal(['wasm', 'webgpu']);
      for (const ms of Object.values(first.choice.medians)) expect(ms).to.be.greaterThan(0);
      const faster = Object.entries(first.choice.medians).sort((a, b) => a[1]! - b[1]!)[0]![0];
      expect(first.choice.provider).to.equal(faster);
      expect(first.model.providers.unet).to.equal(first.choice.provider);
      expect([...store.map.entries()]).to.deep.equal([[choiceKey(POCKET, await deviceLabel()), first.choice.provider]]);
    } finally {
      await first.model.dispose();
    }
    const again = await loadModelOnFasterProvider(POCKET, { web: { wasmBase: WASM_BASE }, cacheName: false, store, trialSteps: 3 });
    try {
      expect(again.choice).to.deep.equal({ provider: first.choice.provider, medians: {}, remembered: true });
      expect(again.model.providers.unet).to.equal(first.choice.provider);
    } finally {
      await again.model.dispose();
    }
  });

  it('a remembered choice is used without timing, even against the other provider', async () => {
    const store = mapStore();
    store.setItem(choiceKey(POCKET, await deviceLabel()), 'wasm');
    const { model, choice } = await loadModelOnFasterProvider(POCKET, { web: { wasmBase: WASM_BASE }, cacheName: false, store });
    try {
      expect(choice).to.deep.equal({ provider: 'wasm', medians: {}, remembered: true });
      expect(model.providers.unet).to.equal('wasm');
    } finally {
      await model.dispose();
    }
  });

  it("the player chooses on first load, remembers it in this origin's localStorage and says which backend runs", async () => {
    const key = choiceKey(POCKET, await deviceLabel());
    localStorage.removeItem(key);
    configurePageModels({ web: { wasmBase: WASM_BASE }, providers: undefined, cacheName: false });
    const player = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(
      html`<lx-denoising-player model=${POCKET} steps="2" seed="3" prompt="a sheep"></lx-denoising-player>`,
    );
    expect(player.shadowRoot!.querySelector('[part=backend]'), 'nothing said before a model runs').to.equal(null);
    await player.generate();
    await player.updateComplete;
    expect(player.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    const chosen = localStorage.getItem(key);
    expect(chosen).to.be.oneOf(['webgpu', 'wasm']);
    const label = chosen === 'webgpu' ? 'WebGPU' : 'WASM';
    const text = player.shadowRoot!.querySelector('[part=backend]')!.textContent!.replace(/\s+/g, ' ').trim();
    console.log(`the player's backend line (WebGPU here is SwiftShader): ${text}`);
    expect(text).to.match(new RegExp(`^Runs on ${label} \\(\\d+\\.\\d ms/step; (WebGPU|WASM) \\d+\\.\\d\\)\\.$`));
    player.remove(); // the page model is disposed with its last lease

    const later = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(
      html`<lx-denoising-player model=${POCKET} steps="2" seed="3" prompt="a sheep"></lx-denoising-player>`,
    );
    await later.generate();
    await later.updateComplete;
    const again = later.shadowRoot!.querySelector('[part=backend]')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(again).to.equal(`Runs on ${label} (chosen earlier on this device).`);
    localStorage.removeItem(key);
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/denoising-player/denoising-player.js';
import { configurePageModels } from '../../src/components/shared/page-models.js';
import { librarySources, measureBestProbe, probe, scriptsOverLimit, wait, watchMainThread } from './main-thread-watch.js';

// "The page stays responsive during generation": from the model's download to the decoded
// image, no script of ours holds the page's main thread for more than 50 ms. Downloads and
// inference run in workers of ours; what is left on the page is drawing each step.

const WASM_BASE = '/node_modules/onnxruntime-web/dist/';
const POCKET = new URL('/assets/models/pocket/', location.href).href;

describe('the page stays responsive while a player downloads its model and generates', function () {
  this.timeout(300_000);

  it('no script of ours runs over 50 ms (stretched by the load measured meanwhile), first step and chart included', async () => {
    configurePageModels({ web: { wasmBase: WASM_BASE }, providers: ['wasm'], cacheName: false });
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(
      html`<lx-denoising-player model=${POCKET} steps="8" seed="3" prompt="a white sheep riding a red motorcycle"></lx-denoising-player>`,
    );
    await wait(300); // the element's own first render is page setup, not the run
    const bestProbe = await measureBestProbe();
    const probes: number[] = [];
    let running = true;
    const report = await watchMainThread(librarySources, async () => {
      const generation = el.generate().finally(() => (running = false));
      while (running) {
        await wait(100);
        probes.push(probe());
      }
      await generation;
      await el.chartComplete;
    });
    expect(el.stepRecords).to.have.length(8);
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    // Other processes (here: the worker's inference, the GPU process's software rendering) take
    // time slices in bursts; a 50–100 ms task sees the typical stretch, not the single worst
    // burst one 1 ms probe can land in. The 90th percentile of the probes stands for it.
    probes.sort((a, b) => a - b);
    const quantile = (q: number) => probes[Math.min(probes.length - 1, Math.floor(q * probes.length))]! / bestProbe;
    const slowdown = Math.max(1, quantile(0.9));
    console.log(`probe slowdown p50/p90/max ${[0.5, 0.9, 1].map((q) => quantile(q).toFixed(1)).join(' / ')}`);
    const limit = 50 * slowdown;
    console.log(
      `player run: main-thread slowdown from other load ${slowdown.toFixed(1)}×, limit ${limit.toFixed(0)} ms; ` +
        `our scripts over 50 ms: ${JSON.stringify(report.ourLongScripts)}; long tasks (any source): ${JSON.stringify(report.longTasks)}`,
    );
    expect(scriptsOverLimit(report, limit), `our scripts running over ${limit.toFixed(0)} ms on the main thread`).to.deep.equal([]);
  });

});

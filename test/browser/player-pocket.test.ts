import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/denoising-player/denoising-player.js';
import { configureWasmPageModels, POCKET } from './page-model-setup.js';

// The player live on the shipped pocket model (word-level vocabulary of 36 words with a word
// map, VAE cheap enough to decode every step). 2 steps: CPU is scarce.

describe('lx-denoising-player live on the pocket model', function () {
  this.timeout(240_000);
  before(() => configureWasmPageModels());

  it('decodes x̂₀ at every step and names the words it replaced or did not know', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(
      html`<lx-denoising-player model=${POCKET} steps="2" seed="3" prompt="an astronaut riding a horse"></lx-denoising-player>`,
    );
    await el.generate();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    expect(el.stepRecords.map((step) => step.decodedImage && [step.decodedImage.width, step.decodedImage.height])).to.deep.equal([
      [128, 128],
      [128, 128],
    ]);
    el.showStep(0);
    await el.updateComplete;
    const decoded = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.decoded')!;
    expect(decoded.getAttribute('aria-label')).to.equal('an astronaut riding a horse — x̂₀ decoded at step 1');
    expect(decoded.width, 'a full-resolution picture, not the 16×16 mosaic').to.equal(128);
    expect(el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.predicted')!.width).to.equal(16);
    const note = el.shadowRoot!.querySelector('.vocabulary-note')!.textContent!;
    expect(note).to.contain('does not know “astronaut”');
    expect(note).to.contain('drew “horse” as “dog”');
  });
});

describe('lx-denoising-player with its attention layer (pocket model)', function () {
  this.timeout(240_000);
  before(() => configureWasmPageModels());

  it('shows the prompt\'s words and the hovered word\'s map at the step shown', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(
      html`<lx-denoising-player attention model=${POCKET} steps="2" seed="3" prompt="a red cat driving a car"></lx-denoising-player>`,
    );
    await el.generate();
    await el.updateComplete;
    expect(el.stepRecords.every((step) => step.unetOutputs !== undefined)).to.equal(true);
    const words = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=attention] button.word')];
    expect(words.map((b) => b.querySelector('span')!.textContent)).to.deep.equal(['a', 'red', 'cat', 'driving', 'a', 'car']);
    words[5]!.dispatchEvent(new MouseEvent('mouseenter'));
    await el.updateComplete;
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.attention-map')!;
    expect(canvas.width).to.equal(128);
    expect(canvas.getAttribute('aria-label')).to.equal('Where “car” looks at step 2 of "a red cat driving a car"');
    el.showStep(0);
    await el.updateComplete;
    expect(canvas.getAttribute('aria-label')).to.contain('step 1');
    await expect(el).to.be.accessible();
  });

  it('without the attribute, fetches no attention and shows no layer', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player model=${POCKET} steps="1" seed="3" prompt="a cat"></lx-denoising-player>`);
    await el.generate();
    await el.updateComplete;
    expect(el.stepRecords[0]!.unetOutputs).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('[part=attention]')).to.equal(null);
  });
});

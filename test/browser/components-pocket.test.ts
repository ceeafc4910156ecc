import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/denoising-player/denoising-player.js';
import '../../src/components/guidance-comparison/guidance-comparison.js';
import '../../src/components/seed-comparison/seed-comparison.js';
import { configureWasmPageModels, POCKET } from './page-model-setup.js';

// The player and the comparisons download the shipped pocket model and generate on it, from
// the download to the decoded images. How long they hold the page's main thread meanwhile (the
// 50 ms budget) is measured by bench/elements-main-thread.bench.ts, not asserted here.

/** An element that runs the model when asked. */
type Generating = HTMLElement & { generate(): Promise<void> };

describe('elements download the pocket model and generate on it', function () {
  this.timeout(300_000);
  before(() => configureWasmPageModels());

  it('player: eight steps, no error', async () => {
    const element = await fixture<Generating>(html`<lx-denoising-player model=${POCKET} steps="8" seed="3" prompt="a white sheep riding a red motorcycle"></lx-denoising-player>`);
    await element.generate();
    expect((element as HTMLElementTagNameMap['lx-denoising-player']).stepRecords).to.have.length(8);
    expect(element.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });

  it('guidance comparison: four cells filling in step by step, then four decodes, no error', async () => {
    const element = await fixture<Generating>(html`<lx-guidance-comparison model=${POCKET} steps="6" seed="3"></lx-guidance-comparison>`);
    await element.generate();
    expect(element.shadowRoot!.querySelectorAll('canvas').length).to.be.greaterThan(3);
    expect(element.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });

  it('seed comparison: four seeds in one sweep, no error', async () => {
    const element = await fixture<Generating>(html`<lx-seed-comparison model=${POCKET} steps="6"></lx-seed-comparison>`);
    await element.generate();
    expect(element.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/denoising-player/denoising-player.js';
import '../../src/components/guidance-comparison/guidance-comparison.js';
import '../../src/components/seed-comparison/seed-comparison.js';
import '../../src/components/prompt-tokens/prompt-tokens.js';
import { pageModels } from '../../src/components/shared/page-models.js';
import { holdPageModel, SD15, WASM_BASE } from './page-model-setup.js';
import { loadModelFromUrl } from '../../src/pipeline/model/web.js';

// The elements live on a real model: the SD 1.5 fixture (tiny random weights, SD 1.5's exact
// graph interfaces, real CLIP tokenizer). The test holds its own lease so the model loads once
// for the whole file; CPU is scarce, so runs are 2 steps at 64×64.

/** Records the lx-* events an element fires, in order. */
function recordEvents(el: HTMLElement): string[] {
  const events: string[] = [];
  for (const type of ['lx-progress', 'lx-step', 'lx-complete', 'lx-error']) el.addEventListener(type, () => events.push(type));
  return events;
}

/** Checks the documented order: progress…, steps…, then exactly one complete and no error. */
function expectOrdered(events: string[], steps: number): void {
  expect(events).not.to.include('lx-error');
  expect(events.filter((e) => e === 'lx-step')).to.have.length(steps);
  expect(events.at(-1)).to.equal('lx-complete');
  expect(events.filter((e) => e === 'lx-complete')).to.have.length(1);
  expect(events.indexOf('lx-progress')).to.be.lessThan(events.indexOf('lx-step'));
}

describe('components live on a model (WASM)', () => {
  const held = holdPageModel(SD15);

  it('player: generates step by step, emits its events in order, keeps every step and decodes the last', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player model=${SD15} steps="2" size="64" guidance="7.5" prompt="a red bicycle"></lx-denoising-player>`);
    const events = recordEvents(el);
    await el.generate();
    expectOrdered(events, 2);
    expect(el.stepRecords).to.have.length(2);
    expect(el.stepRecords[0]!.noisePredUncond).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('canvas.decoded')!.getAttribute('aria-label')).to.contain('a red bicycle');
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled).to.equal(false);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.stop')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('player: stands its panels empty while a run starts, so the first step fills them without moving anything', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player model=${SD15} steps="2" size="64"></lx-denoising-player>`);
    expect(el.shadowRoot!.querySelector('.panels'), 'no panels before any run').to.equal(null);
    const firstStep = oneEvent(el, 'lx-step');
    const running = el.generate();
    await el.updateComplete;
    const canvases = [...el.shadowRoot!.querySelectorAll('.panels canvas')];
    expect(canvases.length, 'previews, the decoded picture and 4 channels').to.equal(8);
    // Blank canvases have no role yet (nothing to name); the captions say what will appear.
    expect(canvases.map((c) => c.getAttribute('role'))).to.deep.equal(canvases.map(() => null));
    const place = () => JSON.stringify(el.shadowRoot!.querySelector('canvas.noisy')!.getBoundingClientRect());
    const before = place();
    await firstStep;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('canvas.noisy')!.getAttribute('aria-label')).to.match(/^Noisy latent of .* at step 1$/);
    expect(place(), 'the first step draws where the empty panel stood').to.equal(before);
    await running;
  });

  it('player: Stop aborts the run through its signal and leaves the buttons consistent', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player model=${SD15} steps="50" size="64"></lx-denoising-player>`);
    const events = recordEvents(el);
    const firstStep = oneEvent(el, 'lx-step');
    const running = el.generate();
    await firstStep;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.stop')!.click();
    await running;
    await el.updateComplete;
    expect(el.stepRecords.length).to.be.lessThan(50);
    expect(events).not.to.include('lx-complete');
    expect(events).not.to.include('lx-error');
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled).to.equal(false);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.stop')!.disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
  });

  it('guidance comparison: one batched sweep fills every cell, then decodes each', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-guidance-comparison']>(html`<lx-guidance-comparison model=${SD15} scales="1, 5" steps="2" size="64"></lx-guidance-comparison>`);
    const events = recordEvents(el);
    await el.generate();
    expectOrdered(events, 4);
    expect(el.comparison.map((cell) => cell.label)).to.deep.equal(['guidance 1', 'guidance 5']);
    expect(el.comparison.every((cell) => cell.decoded !== null && cell.records.length === 2)).to.equal(true);
    // Same seed: both cells start from the same noise.
    expect(el.comparison[0]!.records[0]!.latentIn.data).to.deep.equal(el.comparison[1]!.records[0]!.latentIn.data);
    await expect(el).to.be.accessible();
  });

  it('seed comparison: several seeds in one sweep, and one seed over prompt edits', async () => {
    const seeds = await fixture<HTMLElementTagNameMap['lx-seed-comparison']>(html`<lx-seed-comparison model=${SD15} seeds="1, 2" steps="1" size="64" guidance="1"></lx-seed-comparison>`);
    await seeds.generate();
    expect(seeds.comparison.map((cell) => cell.label)).to.deep.equal(['seed 1', 'seed 2']);
    expect(seeds.comparison[0]!.records[0]!.latentIn.data).not.to.deep.equal(seeds.comparison[1]!.records[0]!.latentIn.data);
    const edits = await fixture<HTMLElementTagNameMap['lx-seed-comparison']>(html`<lx-seed-comparison
      mode="prompts"
      model=${SD15}
      prompt="a red car"
      variants="a red car | a blue car"
      seed="5"
      steps="1"
      size="64"
      guidance="1"
    ></lx-seed-comparison>`);
    const events = recordEvents(edits);
    await edits.generate();
    expectOrdered(events, 2);
    expect(edits.comparison.map((cell) => cell.label)).to.deep.equal(['same prompt', 'blue']);
    expect(edits.comparison[0]!.records[0]!.latentIn.data).to.deep.equal(edits.comparison[1]!.records[0]!.latentIn.data);
  });

  it('prompt tokens: CLIP BPE ids and one embedding row per token', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-prompt-tokens']>(html`<lx-prompt-tokens model=${SD15} prompt="a photograph of an astronaut"></lx-prompt-tokens>`);
    await el.encode();
    const result = el.tokens!;
    // OpenAI CLIP: <|startoftext|> a photograph of an astronaut <|endoftext|>
    expect(Array.from(result.tokenized.ids.subarray(0, 7))).to.deep.equal([49406, 320, 8853, 539, 550, 18376, 49407]);
    expect(result.embeddings.shape[2]).to.equal(7);
    expect(el.shadowRoot!.querySelectorAll('li.token')).to.have.length(7);
    await expect(el).to.be.accessible();
  });

  it('shares one loaded model across every element, and releases it when the last holder goes', async () => {
    expect(pageModels.loadCount - held.loadsBefore).to.equal(1);
    const el = await fixture<HTMLElementTagNameMap['lx-prompt-tokens']>(html`<lx-prompt-tokens model=${SD15} prompt="a cat"></lx-prompt-tokens>`);
    await el.encode();
    expect(pageModels.holders(SD15)).to.equal(2);
    el.remove();
    expect(el.holdsModel).to.equal(false);
    expect(pageModels.holders(SD15)).to.equal(1);
    held.lease.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.model.disposed).to.equal(true);
    held.lease = pageModels.acquire(SD15); // for after(); loads again only if used
  });

  it('shows a typed error naming the file for a model URL with no model, and no stuck progress', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player model="/no/such/model/" steps="2"></lx-denoising-player>`);
    const failed = oneEvent(el, 'lx-error');
    void el.generate();
    const { detail } = await failed;
    await el.updateComplete;
    expect(detail.error.name).to.equal('ModelLoadError');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('model_index.json');
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled).to.equal(false);
  });
});

describe('components live on a model (WebGPU)', () => {
  it('player runs on a WebGPU model instance passed in, and does not dispose it', async () => {
    const model = await loadModelFromUrl(SD15, { web: { wasmBase: WASM_BASE }, providers: ['webgpu'], cacheName: false });
    try {
      expect(model.providers.unet).to.equal('webgpu');
      const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player .modelInstance=${model} steps="2" size="64"></lx-denoising-player>`);
      await el.generate();
      expect(el.stepRecords).to.have.length(2);
      el.remove();
      expect(model.disposed).to.equal(false);
    } finally {
      await model.dispose();
    }
  });
});

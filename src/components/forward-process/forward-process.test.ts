import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './forward-process.js';
import type { LxForwardProcess } from './forward-process.component.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { configureWasmPageModels, holdPageModel } from '../../../test/browser/page-model-setup.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { noiseToTimestep } from '../../pipeline/run/forward-noise.js';
import { decodeLatent } from '../../pipeline/run/latent-images.js';

configureWasmPageModels();

/** Mean absolute difference of the RGB bytes of two images of one size (0…255). */
function meanAbsDiff(a: RgbaImage, b: RgbaImage): number {
  expect([a.width, a.height]).to.deep.equal([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let k = 0; k < 3; k++) sum += Math.abs(a.data[i + k]! - b.data[i + k]!);
  }
  return sum / ((a.data.length / 4) * 3);
}

/** Records the lx-* events an element fires, in order. */
function recordEvents(el: HTMLElement): string[] {
  const events: string[] = [];
  for (const type of ['lx-progress', 'lx-complete', 'lx-error']) el.addEventListener(type, () => events.push(type));
  return events;
}

/** Checks the documented order: progress first, then exactly one lx-complete, last, and no error. */
function expectOrdered(events: string[]): void {
  expect(events[0]).to.equal('lx-progress');
  expect(events.at(-1)).to.equal('lx-complete');
  expect(events.filter((e) => e !== 'lx-progress')).to.deep.equal(['lx-complete']);
}

/** A 96×64 PNG file drawn in the test: left half red, right half blue, a yellow disc in the middle. */
async function patternFile(name = 'pattern.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 96;
  canvas.height = 64;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#d62828';
  context.fillRect(0, 0, 48, 64);
  context.fillStyle = '#1d4ed8';
  context.fillRect(48, 0, 48, 64);
  context.fillStyle = '#facc15';
  context.beginPath();
  context.arc(48, 32, 14, 0, 2 * Math.PI);
  context.fill();
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** The model with its VAE decoder's runs counted (same sessions; disposing it disposes nothing). */
function countingDecodes(model: DiffusionModel): { model: DiffusionModel; runs: () => number } {
  let runs = 0;
  const { session, graph } = model.components.vaeDecoder;
  const counted = Object.create(session) as typeof session;
  Object.defineProperty(counted, 'run', { value: (feeds: Parameters<typeof session.run>[0]) => (runs++, session.run(feeds)) });
  const wrapped: DiffusionModel = {
    id: model.id,
    config: model.config,
    tokenizer: model.tokenizer,
    latentRgb: model.latentRgb,
    backend: model.backend,
    providers: model.providers,
    disposed: false,
    dispose: async () => undefined,
    components: { ...model.components, vaeDecoder: { session: counted, graph } },
  };
  return { model: wrapped, runs: () => runs };
}

describe('lx-forward-process', () => {
  it('shows a typed error for a bad timestep or noise seed, and clears it once fixed', async () => {
    const el = document.createElement('lx-forward-process');
    el.setAttribute('timestep', '1000');
    const failed = oneEvent(el, 'lx-error');
    document.body.append(el);
    const { detail } = await failed;
    await el.updateComplete;
    expect(detail.error.field).to.equal('timestep');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('timestep');
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled).to.equal(true);
    el.setAttribute('timestep', '999');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    el.setAttribute('noise-seed', '-1');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.getAttribute('data-field')).to.equal('noise-seed');
    expect(el.holdsModel).to.equal(false); // validation alone never loads a model
    el.remove();
  });

  describe('live on the pocket model (WASM)', () => {
    // The test holds its own lease, so the pocket model loads once for the whole file (on a busy
    // machine the load alone can take a minute or two).
    const held = holdPageModel(DEFAULT_MODEL_URL, { timeout: 300_000 });

    it('generates a clean image, noises it to t and decodes: t = 0 is the image, t = 999 is mostly noise', async () => {
      const el = await fixture<LxForwardProcess>(html`<lx-forward-process steps="4" timestep="0" seed="3" noise-seed="11"></lx-forward-process>`);
      const events = recordEvents(el);
      await el.generate();
      expectOrdered(events);
      const clean = el.cleanImage!;
      expect([clean.width, clean.height]).to.deep.equal([128, 128]);
      // xₜ is the pipeline's forward process for the same latent, t and seed.
      const reference = noiseToTimestep(held.model, el.cleanLatent!, { timestep: 0, seed: 11 });
      expect(el.noisyLatent!.data).to.deep.equal(reference.noisy.data);
      const atZero = el.decodedImage!;
      expect(atZero.timestep).to.equal(0);
      const nearClean = meanAbsDiff(atZero.image, clean);

      el.timestep = '999';
      await el.settled();
      const atEnd = el.decodedImage!;
      expect(atEnd.timestep).to.equal(999);
      const pureNoise = await decodeLatent(held.model, el.noiseLatent!);
      const fromClean = meanAbsDiff(atEnd.image, clean);
      const fromNoise = meanAbsDiff(atEnd.image, pureNoise);
      console.log(`forward process: |x̂(t=0) − clean| = ${nearClean.toFixed(2)}, |x̂(t=999) − clean| = ${fromClean.toFixed(2)}, |x̂(t=999) − decode(ε)| = ${fromNoise.toFixed(2)} (of 255)`);
      expect(nearClean).to.be.lessThan(4);
      expect(fromClean).to.be.greaterThan(8 * nearClean);
      expect(fromNoise).to.be.lessThan(fromClean / 3);

      // The numbers and the alt text follow t.
      expect(el.shadowRoot!.querySelector('.numbers')!.textContent).to.contain('t = 999');
      expect(el.shadowRoot!.querySelector('canvas.decoded')!.getAttribute('aria-label')).to.contain('t = 999');
      expect(el.shadowRoot!.querySelector('canvas.clean')!.getAttribute('role')).to.equal('img');
      expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
    });

    it('moves t from the keyboard (arrows, Page keys) with an instant preview and one decode per settled position', async () => {
      const counting = countingDecodes(held.model);
      const el = await fixture<LxForwardProcess>(html`<lx-forward-process steps="2" timestep="500" .modelInstance=${counting.model}></lx-forward-process>`);
      await el.generate();
      const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
      const previewAlt = () => el.shadowRoot!.querySelector('canvas.preview')!.getAttribute('aria-label');
      slider.focus();
      const changes: number[] = [];
      el.addEventListener('lx-change', (event) => changes.push((event as CustomEvent).detail.timestep));
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(el.currentTimestep).to.equal(501);
      expect(previewAlt()).to.contain('t = 501'); // the latent preview does not wait for the decoder
      await sendKeys({ press: 'PageUp' });
      await el.updateComplete;
      expect(el.currentTimestep).to.be.greaterThan(501);
      await sendKeys({ press: 'Home' });
      expect(changes.at(-1)).to.equal(0);

      // A drag: 40 positions in a row cost the decode already running and one for the last position.
      await el.settled();
      const before = counting.runs();
      for (let t = 100; t < 140; t++) {
        el.timestep = String(t);
        await el.updateComplete;
      }
      await el.settled();
      const decodes = counting.runs() - before;
      console.log(`forward process: 40 slider positions → ${decodes} VAE decodes`);
      expect(decodes).to.be.at.most(2);
      expect(el.decodedImage!.timestep).to.equal(139);
    });

    it('noises an image the reader picks with the file button, and one dropped on the panel', async () => {
      const el = await fixture<LxForwardProcess>(html`<lx-forward-process timestep="0"></lx-forward-process>`);
      const events = recordEvents(el);
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
      const pickerOpened = new Promise<void>((resolve) => input.addEventListener('click', (event) => (event.preventDefault(), resolve())));
      el.shadowRoot!.querySelector<HTMLButtonElement>('button.pick')!.click();
      await pickerOpened;
      const transfer = new DataTransfer();
      transfer.items.add(await patternFile());
      input.files = transfer.files;
      const complete = oneEvent(el, 'lx-complete');
      input.dispatchEvent(new Event('change'));
      expect((await complete).detail.source).to.equal('file');
      await el.updateComplete;
      expectOrdered(events);
      const clean = el.cleanImage!;
      // The 96×64 drawing centre-cropped to a square and resized to the model's 128×128: red left, blue right, yellow centre.
      expect([clean.width, clean.height]).to.deep.equal([128, 128]);
      const pixel = (x: number, y: number) => Array.from(clean.data.subarray((y * 128 + x) * 4, (y * 128 + x) * 4 + 3));
      expect(pixel(4, 64)[0]).to.be.greaterThan(180);
      expect(pixel(123, 64)[2]).to.be.greaterThan(180);
      expect(pixel(64, 64)[1]).to.be.greaterThan(150);
      const reconstruction = meanAbsDiff(el.decodedImage!.image, clean);
      console.log(`forward process: picked image, |x̂(t=0) − image| = ${reconstruction.toFixed(2)} (of 255)`);
      expect(reconstruction).to.be.lessThan(40);
      expect(el.shadowRoot!.querySelector('canvas.clean')!.getAttribute('aria-label')).to.contain('pattern.png');

      const dropped = new DataTransfer();
      dropped.items.add(await patternFile('dropped.png'));
      const zone = el.shadowRoot!.querySelector('.drop')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dropped, bubbles: true, cancelable: true }));
      await el.updateComplete;
      expect(zone.classList.contains('over')).to.equal(true);
      const droppedComplete = oneEvent(el, 'lx-complete');
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
      expect((await droppedComplete).detail.label).to.equal('dropped.png');
      await el.updateComplete;
      expect(zone.classList.contains('over')).to.equal(false);
    });

    it('shows a typed error for a text file and for an image that fails to decode, keeping the image shown before', async () => {
      const el = await fixture<LxForwardProcess>(html`<lx-forward-process steps="1"></lx-forward-process>`);
      await el.generate();
      const before = el.cleanLatent;
      const badFiles: [File, string][] = [
        [new File(['hello'], 'notes.txt', { type: 'text/plain' }), 'not-an-image'],
        [new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], 'broken.png', { type: 'image/png' }), 'image-decode-failed'],
      ];
      for (const [file, code] of badFiles) {
        const events = recordEvents(el);
        const failed = oneEvent(el, 'lx-error');
        void el.useImage(file);
        const { detail } = await failed;
        await el.updateComplete;
        expect(detail.error.name).to.equal('ImageFileError');
        expect(detail.error.code).to.equal(code);
        expect(detail.error.field).to.equal('file');
        expect(events[0]).to.equal('lx-progress');
        expect(events.filter((e) => e !== 'lx-progress')).to.deep.equal(['lx-error']);
        expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(file.name);
        // Nothing half-done: no progress bar, buttons usable, the earlier image still shown.
        expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
        expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.pick')!.disabled).to.equal(false);
        expect(el.cleanLatent).to.equal(before);
        expect(el.shadowRoot!.querySelector('canvas.clean')).to.not.equal(null);
      }
    });

    it('shows a typed error for a model without a VAE encoder', async () => {
      const withoutEncoder: DiffusionModel = { ...countingDecodes(held.model).model, components: { ...held.model.components, vaeEncoder: null } };
      const el = await fixture<LxForwardProcess>(html`<lx-forward-process .modelInstance=${withoutEncoder}></lx-forward-process>`);
      const failed = oneEvent(el, 'lx-error');
      void el.useImage(await patternFile());
      const { detail } = await failed;
      await el.updateComplete;
      expect(detail.error.code).to.equal('invalid-option');
      expect(detail.error.field).to.equal('model');
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('VAE encoder');
      expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
      expect(el.cleanLatent).to.equal(undefined);
    });

    it('passes an axe audit with an image shown, in both themes, and fits 360 px', async () => {
      const el = await fixture<LxForwardProcess>(html`<lx-forward-process theme="light" steps="1"></lx-forward-process>`);
      await el.generate();
      await expect(el).to.be.accessible();
      el.theme = 'dark';
      await el.updateComplete;
      await expect(el).to.be.accessible();
      // A phone-width column: everything wraps, nothing scrolls sideways.
      el.style.width = '360px';
      await el.updateComplete;
      expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      const frames = el.shadowRoot!.querySelector('.frames')!;
      expect(frames.scrollWidth).to.be.at.most(frames.clientWidth);
    });

    it('releases its model lease when removed from the page', async () => {
      const el = await fixture<LxForwardProcess>(html`<lx-forward-process steps="1"></lx-forward-process>`);
      await el.generate();
      expect(el.holdsModel).to.equal(true);
      expect(pageModels.holders(DEFAULT_MODEL_URL)).to.equal(2);
      el.timestep = '900'; // a decode in flight when removed must not bring anything back
      await el.updateComplete;
      el.remove();
      expect(el.holdsModel).to.equal(false);
      expect(pageModels.holders(DEFAULT_MODEL_URL)).to.equal(1);
      await el.settled();
      expect(el.holdsModel).to.equal(false);
      expect(el.cleanLatent).to.equal(undefined);
      expect(el.decodedImage).to.equal(undefined);
    });
  });
});

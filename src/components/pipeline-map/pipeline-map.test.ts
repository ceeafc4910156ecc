import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './pipeline-map.js';
import type { LxPipelineMap } from './pipeline-map.component.js';
import type { OpenPartDetail, PipelinePartId } from './pipeline-parts.js';
import { configurePageModels } from '../shared/page-models.js';
import { loadModelFromUrl } from '../../pipeline/model/web.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';

const POCKET = new URL('/assets/models/pocket/', location.href).href;
const WASM_BASE = '/node_modules/onnxruntime-web/dist/';

const shapeOf = (el: LxPipelineMap, part: PipelinePartId): string =>
  el.shadowRoot!.querySelector(`code.shape[data-part="${part}"]`)!.textContent!.trim();
const counterOf = (el: LxPipelineMap): string => el.shadowRoot!.querySelector('output.counter')!.textContent!.trim();
const modelRequests = (): string[] =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/assets/models/'));

/** Whether a canvas holds a picture (more than one colour), not a blank. */
function hasPicture(canvas: HTMLCanvasElement): boolean {
  if (!canvas.width || !canvas.height) return false;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 4; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
  return false;
}

describe('lx-pipeline-map', function () {
  this.timeout(240_000);
  before(() => configurePageModels({ web: { wasmBase: WASM_BASE }, providers: ['wasm'], cacheName: false }));

  // First in this file: no model has been fetched by this page yet.
  it('opens on the shipped recording of the default run, before any model loads', async () => {
    const el = await fixture<LxPipelineMap>(html`<lx-pipeline-map></lx-pipeline-map>`);
    await el.recordingComplete;
    await el.updateComplete;
    expect(el.stepRecords).to.have.length(20);
    expect(counterOf(el)).to.equal('Step 20 of 20');
    const picture = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[data-picture="picture"]')!;
    expect(picture.width, 'the recorded decoded picture, full size').to.equal(128);
    expect(hasPicture(picture)).to.equal(true);
    for (const name of ['start', 'cond', 'uncond', 'guided', 'latent']) {
      expect(hasPicture(el.shadowRoot!.querySelector<HTMLCanvasElement>(`canvas[data-picture="${name}"]`)!), name).to.equal(true);
    }
    expect(shapeOf(el, 'scheduler')).to.equal('[1, 4, 16, 16]');
    expect(shapeOf(el, 'tokenizer'), 'recordings hold no tokens').to.equal('');
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('recording');
    expect(modelRequests()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('fetches nothing while far out of view', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    const el = document.createElement('lx-pipeline-map');
    document.body.append(spacer, el);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.stepRecords).to.have.length(0);
    spacer.remove();
    el.remove();
  });

  describe('live on the pocket model', () => {
    let model: DiffusionModel;
    before(async () => {
      model = await loadModelFromUrl(POCKET, { web: { wasmBase: WASM_BASE }, providers: ['wasm'], cacheName: false, downloadWorker: false });
    });
    after(() => model.dispose());

    it('moves the loop\'s counter with each step and shows every part\'s tensor in the model\'s own shapes', async () => {
      const el = await fixture<LxPipelineMap>(html`<lx-pipeline-map steps="3" seed="5" .modelInstance=${model}></lx-pipeline-map>`);
      const counters: string[] = [];
      el.addEventListener('lx-step', () => void el.updateComplete.then(() => counters.push(counterOf(el))));
      await el.generate();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
      expect(counters).to.deep.equal(['Step 1 of 3', 'Step 2 of 3', 'Step 3 of 3']);
      const { config } = model;
      const width = model.components.textEncoder.graph['last_hidden_state']!.shape[2];
      const latent = `[1, ${config.latentChannels}, ${config.sampleSize}, ${config.sampleSize}]`;
      expect(shapeOf(el, 'tokenizer')).to.equal(`[1, ${config.textMaxLength}]`);
      expect(shapeOf(el, 'text-encoder')).to.equal(`[1, ${config.textMaxLength}, ${width}]`);
      expect(shapeOf(el, 'seed')).to.equal(latent);
      expect(shapeOf(el, 'unet')).to.equal(`2 × ${latent}`);
      expect(shapeOf(el, 'guidance')).to.equal(latent);
      expect(shapeOf(el, 'scheduler')).to.equal(latent);
      expect(shapeOf(el, 'decoder')).to.equal(`[1, 3, ${config.imageSize}, ${config.imageSize}]`);
      expect(el.shadowRoot!.querySelector('.part-tokenizer .note')!.textContent).to.match(/^7 tokens, padded to 16: (\d+ ){6}\d+$/);
      expect(el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[data-picture="embeddings"]')!.width).to.equal(width);
      expect(el.shadowRoot!.querySelector('[part=status]'), 'a live run is not called a recording').to.equal(null);
      // Another prompt: the run shown goes (it was not of that prompt), and the map says what Run live will do.
      el.prompt = 'a cow driving a car';
      await el.updateComplete;
      expect(el.stepRecords).to.have.length(0);
      expect(shapeOf(el, 'text-encoder')).to.equal('');
      expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('Press Run live').and.contain('a cow driving a car');
      // Guidance off: the denoiser is asked once.
      el.guidance = '1';
      await el.updateComplete;
      await el.generate();
      await el.updateComplete;
      expect(shapeOf(el, 'unet')).to.equal(latent);
      expect(hasPicture(el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[data-picture="uncond"]')!)).to.equal(false);
    });
  });

  it('opens the explaining element of a part chosen by click or from the keyboard', async () => {
    const el = await fixture<LxPipelineMap>(html`<lx-pipeline-map model="/no/model/here/"></lx-pipeline-map>`);
    const opened: OpenPartDetail[] = [];
    el.addEventListener('lx-open-part', (event) => opened.push((event as CustomEvent<OpenPartDetail>).detail));
    // A click anywhere on a box (here near its bottom edge, below its text) lands on its opener.
    const box = el.shadowRoot!.querySelector<HTMLElement>('.part-tokenizer')!.getBoundingClientRect();
    const hit = el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.bottom - 3) as HTMLElement;
    expect(hit.matches('button.open[data-part="tokenizer"]')).to.equal(true);
    hit.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.open[data-part="scheduler"]')!.focus();
    await sendKeys({ press: 'Enter' });
    el.shadowRoot!.querySelector<HTMLButtonElement>('#loop-title')!.focus();
    await sendKeys({ press: 'Space' });
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.open[data-part="guidance"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(opened.map((detail) => [detail.part, detail.element, detail.href])).to.deep.equal([
      ['tokenizer', 'lx-prompt-tokens', undefined],
      ['scheduler', 'lx-noise-schedule', undefined],
      ['loop', 'lx-denoising-player', undefined],
      ['guidance', 'lx-guidance-comparison', undefined],
    ]);
  });

  it('links each box to its element\'s page with link-base; a listener can keep the reader on the page', async () => {
    const el = await fixture<LxPipelineMap>(html`<lx-pipeline-map model="/no/model/here/" link-base="components/"></lx-pipeline-map>`);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a.open[data-part="guidance"]')!;
    expect(link.getAttribute('href')).to.equal('components/lx-guidance-comparison.html');
    el.addEventListener('lx-open-part', (event) => event.preventDefault());
    const opened = oneEvent(el, 'lx-open-part');
    const before = location.href;
    link.click();
    const { detail } = await opened;
    expect(detail).to.deep.equal({ part: 'guidance', element: 'lx-guidance-comparison', href: 'components/lx-guidance-comparison.html' });
    expect(location.href).to.equal(before);
  });

  it('shows a typed error for a bad attribute', async () => {
    const el = await fixture<LxPipelineMap>(html`<lx-pipeline-map model="/no/model/here/" steps="zero"></lx-pipeline-map>`);
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.getAttribute('data-field')).to.equal('steps');
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.run-live')!.disabled).to.equal(true);
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/denoising-player/denoising-player.js';
import '../../src/components/guidance-comparison/guidance-comparison.js';
import '../../src/components/seed-comparison/seed-comparison.js';
import '../../src/components/scheduler-comparison/scheduler-comparison.js';
import '../../src/components/prompt-tokens/prompt-tokens.js';
import '../../src/components/explainer/explainer.js';
import '../../src/components/latent-walk/latent-walk.js';
import { configurePageModels, DEFAULT_MODEL_URL } from '../../src/components/shared/page-models.js';
import { loadModelFromUrl } from '../../src/pipeline/model/web.js';

// Issue 15.3: every diffusion figure shows a true picture within 1 s of coming into view, before
// any model loads (the shipped recording of its default run); figures far out of view fetch
// nothing; the explainer runs its lesson from one action.

/** How long a figure may take from being put in view to a drawn picture. */
const FIRST_PICTURE_MS = 1000;

/** Whether any canvas under `root` holds a picture (more than one colour), not a blank. */
function hasPicture(root: ParentNode): boolean {
  for (const canvas of root.querySelectorAll('canvas')) {
    if (!canvas.width || !canvas.height) continue;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 4; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3]) return true;
    }
  }
  return false;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from `start` until a picture is drawn under `root()` (gives up after 10 s). */
async function msToPicture(start: number, root: () => ParentNode | null | undefined): Promise<number> {
  for (;;) {
    const where = root();
    if (where && hasPicture(where)) return performance.now() - start;
    if (performance.now() - start > 10_000) throw new Error('no picture after 10 s');
    await frame();
  }
}

/** URLs the page has fetched whose path contains `part`. */
const requested = (part: string): string[] =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes(part));

/** Makes every request for the shipped model's files hang until aborted: a model that never arrives. */
function holdModelDownloads(): () => void {
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes('/assets/models/')) return realFetch(input, init);
    return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
  };
  return () => (window.fetch = realFetch);
}

describe('first picture: figures open on recordings of their default runs', () => {
  let release: () => void;
  before(() => {
    configurePageModels({ downloadWorker: false, cacheName: false });
    release = holdModelDownloads();
  });
  after(() => release());
  beforeEach(() => performance.clearResourceTimings());

  it("the README's player shows a picture within 1 s, with no model request, and says it is a recording", async () => {
    const el = document.createElement('lx-denoising-player');
    el.setAttribute('prompt', 'a sheep riding a motorcycle');
    el.setAttribute('seed', '42');
    const start = performance.now();
    document.body.append(el);
    const ms = await msToPicture(start, () => el.shadowRoot);
    console.log(`player: first picture ${ms.toFixed(0)} ms after it was connected in view`);
    expect(ms).to.be.below(FIRST_PICTURE_MS);
    expect(el.stepRecords).to.have.length(20);
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('recording of the default run');
    expect(requested('/assets/models/'), 'no model file requested').to.deep.equal([]);
    expect(el.holdsModel).to.equal(false);
    el.remove();
  });

  it('an autoplay player shows the recording at once while its model has not arrived', async () => {
    const el = document.createElement('lx-denoising-player');
    el.autoplay = true;
    const start = performance.now();
    document.body.append(el);
    const ms = await msToPicture(start, () => el.shadowRoot);
    expect(ms).to.be.below(FIRST_PICTURE_MS);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('while the model loads');
    el.remove();
  });

  it('goes live when the reader changes a setting, keeping the recording until the first live step', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player></lx-denoising-player>`);
    await msToPicture(performance.now(), () => el.shadowRoot);
    const seed = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=seed]')!;
    seed.value = '7';
    seed.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.stop')!.disabled, 'a live run started').to.equal(false);
    expect(el.stepRecords, 'the recording stays while the model loads').to.have.length(20);
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('while the model loads');
    el.stop();
  });

  it('shows the recording only for its own settings: other settings say what Generate will do', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player seed="5"></lx-denoising-player>`);
    await sleep(300);
    await el.updateComplete;
    expect(el.stepRecords).to.have.length(0);
    expect(el.shadowRoot!.querySelector('.hint')!.textContent).to.contain('Press Generate').and.contain('seed 5');
    el.seed = '42';
    await el.updateComplete;
    await el.recordingComplete;
    expect(el.stepRecords).to.have.length(20);
    el.steps = '10';
    await el.updateComplete;
    expect(el.stepRecords, 'the recording of 20 steps goes').to.have.length(0);
  });

  it('an author-given src wins over the shipped recording', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-denoising-player']>(html`<lx-denoising-player src="/docs/examples/sheep.lxt"></lx-denoising-player>`);
    await oneEvent(el, 'lx-complete');
    await el.updateComplete;
    expect(el.guidance, 'the example recording is at guidance 5').to.equal('5');
    expect(el.shadowRoot!.querySelector('[part=status]')).to.equal(null);
  });

  for (const tag of ['lx-guidance-comparison', 'lx-seed-comparison'] as const) {
    it(`${tag}: every cell shows a picture within 1 s, before any model`, async () => {
      const el = document.createElement(tag);
      const start = performance.now();
      document.body.append(el);
      await msToPicture(start, () => el.shadowRoot);
      await el.recordingComplete;
      const ms = performance.now() - start;
      console.log(`${tag}: all 4 cells ${ms.toFixed(0)} ms after it was connected in view`);
      expect(ms).to.be.below(FIRST_PICTURE_MS);
      expect(el.comparison.map((cell) => cell.records.length)).to.deep.equal([20, 20, 20, 20]);
      expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('recording of the default run');
      expect(requested('/assets/models/')).to.deep.equal([]);
      // The recordings' stored final pictures (128×128), not the 16×16 latent mosaic.
      const canvases = [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('.grid-cell canvas')];
      expect(canvases.map((canvas) => canvas.width)).to.deep.equal([128, 128, 128, 128]);
      expect(canvases.map((canvas) => canvas.getAttribute('aria-label'))).to.satisfy((labels: string[]) => labels.every((label) => label.endsWith('final image')));
      el.remove();
    });
  }

  it('lx-scheduler-comparison: every column shows its final picture and the σ schedules within 1 s, before any model', async () => {
    const el = document.createElement('lx-scheduler-comparison');
    const start = performance.now();
    document.body.append(el);
    let shown = NaN;
    el.addEventListener('lx-complete', () => (shown = performance.now() - start), { once: true });
    const ms = await msToPicture(start, () => el.shadowRoot);
    await el.recordingComplete;
    await el.updateComplete;
    console.log(`lx-scheduler-comparison: recordings read ${shown.toFixed(0)} ms, pictures seen ${ms.toFixed(0)} ms after it was connected in view`);
    expect(ms).to.be.below(FIRST_PICTURE_MS);
    // The default columns: ddim:50, ddim:10, dpm++2m:10, euler:10, euler-a:10, lcm:4, ddpm:50.
    expect(el.comparison.map((cell) => cell.records.length)).to.deep.equal([50, 10, 10, 10, 10, 4, 50]);
    expect(el.comparison.map((cell) => cell.label)).to.deep.equal(['DDIM · 50 steps', 'DDIM · 10 steps', 'DPM++ 2M · 10 steps', 'Euler · 10 steps', 'Euler a · 10 steps', 'LCM · 4 steps', 'DDPM · 50 steps']);
    expect(el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('.grid-cell canvas')[0]!.width, 'the stored picture, not the latent mosaic').to.equal(128);
    expect(el.sigmaSeries.map((series) => series.sigma.length), 'each step’s σ, then 0').to.deep.equal([51, 11, 11, 11, 11, 5, 51]);
    expect(el.shadowRoot!.querySelector('[part=sigma] path, [part=sigma] polyline'), 'σ chart drawn').to.not.equal(null);
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.contain('recording of the default run');
    expect(requested('/assets/models/')).to.deep.equal([]);
    el.columns = 'ddim:50, euler:20';
    await el.updateComplete;
    await el.recordingComplete; // it looks for recordings of the new columns (euler:20 has none)
    expect(el.comparison, 'other columns: the recordings go').to.have.length(0);
    el.remove();
  });

  it('lx-latent-walk: its nine frames and the noise-length chart within 1 s, before any model', async () => {
    const el = document.createElement('lx-latent-walk');
    const start = performance.now();
    document.body.append(el);
    const ms = await msToPicture(start, () => el.shadowRoot);
    await el.recordingComplete;
    await el.updateComplete;
    console.log(`lx-latent-walk: first picture ${ms.toFixed(0)} ms after it was connected in view`);
    expect(ms).to.be.below(FIRST_PICTURE_MS);
    const root = el.shadowRoot!;
    // Seeds 1 → 2 in 9 frames: each frame its last recorded step and final picture.
    expect(el.comparison.map((cell) => cell.label)).to.deep.equal(['t = 0.00', 't = 0.13', 't = 0.25', 't = 0.38', 't = 0.50', 't = 0.63', 't = 0.75', 't = 0.88', 't = 1.00']);
    expect(el.comparison.map((cell) => cell.records.length)).to.deep.equal([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect([...root.querySelectorAll<HTMLCanvasElement>('.grid-cell canvas')].map((canvas) => canvas.width), 'the stored pictures, not latent mosaics').to.deep.equal(Array(9).fill(128));
    expect(el.position).to.deep.equal({ frame: 4, t: 0.5 });
    expect(root.querySelector('canvas.current')!.getAttribute('aria-label')).to.contain('Frame 5 of 9').and.contain('final image');
    expect(root.querySelectorAll('svg.norms path.series'), 'the noise-length chart, drawn without a model').to.have.length(2);
    expect(root.querySelector('[part=status].recorded')!.textContent).to.contain('recording of the default run');
    expect(root.querySelector<HTMLButtonElement>('button.save')!.disabled, 'a shipped recording is not the reader’s walk to save').to.equal(true);
    expect(requested('/assets/models/'), 'no model file requested').to.deep.equal([]);
    expect(el.holdsModel).to.equal(false);
    // Scrubbing and playing work on the recording.
    el.showFrame(8);
    await el.updateComplete;
    expect(root.querySelector('canvas.current')!.getAttribute('aria-label')).to.contain('Frame 9 of 9');
    el.remove();
  });

  it('lx-latent-walk goes live when the reader edits; the recording goes when its settings change', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-latent-walk']>(html`<lx-latent-walk></lx-latent-walk>`);
    await msToPicture(performance.now(), () => el.shadowRoot);
    await el.recordingComplete;
    const toSeed = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=to-seed]')!;
    toSeed.value = '7';
    toSeed.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await el.updateComplete;
    expect(el.toSeed).to.equal('7');
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.stop')!.disabled, 'a live walk started').to.equal(false);
    expect(el.shadowRoot!.querySelector('[part=status].recorded')!.textContent).to.contain('while the model loads');
    el.stop();
    el.remove();

    const other = await fixture<HTMLElementTagNameMap['lx-latent-walk']>(html`<lx-latent-walk></lx-latent-walk>`);
    await msToPicture(performance.now(), () => other.shadowRoot);
    await other.recordingComplete;
    await other.updateComplete;
    expect(other.comparison).to.have.length(9);
    other.frames = '5';
    await other.updateComplete;
    expect(other.comparison, 'five frames are not the recorded nine').to.have.length(0);
    expect(other.shadowRoot!.querySelector('[part=status].recorded')).to.equal(null);
    expect(other.shadowRoot!.querySelector('.hint')!.textContent).to.contain('Press Generate');
    other.remove();
  });

  it('lx-latent-walk where its recording is not served (the npm package): waits for Generate, no error', async () => {
    const realFetch = window.fetch;
    const refused: string[] = [];
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.includes('/assets/recordings/sheep-walk-')) return realFetch(input, init);
      refused.push(url);
      return Promise.resolve(new Response('Not found', { status: 404 }));
    };
    const el = document.createElement('lx-latent-walk');
    try {
      const errors: Event[] = [];
      el.addEventListener('lx-error', (event) => errors.push(event));
      document.body.append(el);
      // It asks for the recording once in view (the next frames), then settles on the refusal.
      for (let waited = 0; !refused.length && waited < 5000; waited += 50) await sleep(50);
      await el.recordingComplete;
      await el.updateComplete;
      expect(refused, 'it looked for the recording').to.have.length(1);
      expect(el.comparison).to.have.length(0);
      expect(el.shadowRoot!.querySelector('.hint')!.textContent).to.contain('Press Generate');
      expect(el.shadowRoot!.querySelector('[part=error]'), 'no error shown').to.equal(null);
      expect(errors).to.deep.equal([]);
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled, 'Generate is ready').to.equal(false);
    } finally {
      el.remove();
      window.fetch = realFetch;
    }
  });

  it('figures far below the viewport fetch nothing until the reader scrolls near them', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <div style="height: 6000px"></div>
      <lx-denoising-player></lx-denoising-player>
      <lx-guidance-comparison></lx-guidance-comparison>
      <lx-prompt-tokens model="/never/answers/"></lx-prompt-tokens>
    </div>`);
    const player = page.querySelector('lx-denoising-player')!;
    const tokens = page.querySelector('lx-prompt-tokens')!;
    const tokenEvents: string[] = [];
    for (const type of ['lx-progress', 'lx-error']) tokens.addEventListener(type, () => tokenEvents.push(type));
    await sleep(500);
    expect(requested('/assets/recordings/'), 'no recording fetched out of view').to.deep.equal([]);
    expect(player.stepRecords).to.have.length(0);
    expect(tokenEvents, 'the token view has not asked for its model').to.deep.equal([]);
    const start = performance.now();
    player.scrollIntoView();
    const ms = await msToPicture(start, () => player.shadowRoot);
    expect(ms).to.be.below(FIRST_PICTURE_MS);
    expect(requested('/assets/recordings/').length).to.be.greaterThan(0);
    await (tokenEvents.length ? undefined : oneEvent(tokens, 'lx-error'));
    expect(tokenEvents, 'near now: it asked for its model (which does not exist)').to.include('lx-error');
    window.scrollTo(0, 0);
  });

  it('the explainer reads at once: its figures open on recordings, and the trajectory plot on the recorded guidance runs', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-explainer']>(html`<lx-explainer></lx-explainer>`);
    const root = el.shadowRoot!;
    const guidance = root.querySelector('lx-guidance-comparison')!;
    const start = performance.now();
    guidance.scrollIntoView();
    const ms = await msToPicture(start, () => guidance.shadowRoot);
    expect(ms).to.be.below(FIRST_PICTURE_MS);
    const plot = root.querySelector('lx-trajectory-plot')!;
    plot.scrollIntoView();
    await guidance.recordingComplete;
    await el.updateComplete;
    await plot.projectionComplete;
    expect(plot.projectedPaths.map((path) => path.label)).to.deep.equal(['guidance 1', 'guidance 3', 'guidance 7.5', 'guidance 12']);
    window.scrollTo(0, 0);
  });
});

describe('the explainer runs its lesson from one action', () => {
  it('one click draws the forward process, the player, both grids and the trajectory plot live', async () => {
    const model = await loadModelFromUrl(DEFAULT_MODEL_URL, { web: { wasmBase: '/node_modules/onnxruntime-web/dist/' }, providers: ['wasm'], cacheName: false, downloadWorker: false });
    try {
      const el = await fixture<HTMLElementTagNameMap['lx-explainer']>(html`<lx-explainer steps="2" .modelInstance=${model}></lx-explainer>`);
      const root = el.shadowRoot!;
      const seeds = root.querySelector('lx-seed-comparison')!;
      const done = oneEvent(seeds, 'lx-complete');
      root.querySelector<HTMLButtonElement>('[part=run-all]')!.click();
      await done;
      await el.updateComplete;
      expect(root.querySelector('lx-noise-schedule')!.forwardProcess!.cleanImage, 'forward process image').to.not.equal(undefined);
      expect(root.querySelector('lx-denoising-player')!.stepRecords).to.have.length(2);
      expect(root.querySelector('lx-guidance-comparison')!.comparison.map((cell) => cell.records.length)).to.deep.equal([2, 2, 2, 2]);
      expect(seeds.comparison.map((cell) => cell.records.length)).to.deep.equal([2, 2, 2, 2]);
      const plot = root.querySelector('lx-trajectory-plot')!;
      await plot.projectionComplete;
      expect(plot.projectedPaths).to.have.length(4);
      el.remove();
    } finally {
      await model.dispose();
    }
  });
});

import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import type { TokenizedPrompt } from '../../pipeline/tokenizers/types.js';
import { generate } from '../../pipeline/run/generate.js';
import { encodePrompts } from '../../pipeline/run/text-conditioning.js';
import { previewLatent } from '../../pipeline/run/latent-images.js';
import { decodesStepsByDefault } from '../../pipeline/run/decode-steps.js';
import { previewRecordedLatent } from '../../pipeline/trajectory/index.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { emit } from '../shared/events.js';
import { ModelController } from '../shared/controllers/model-controller.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { NearViewportController } from '../shared/controllers/near-viewport-controller.js';
import { parseRunAttributes, type RunAttributes } from '../shared/run-attributes.js';
import { renderError, renderProgress } from '../shared/render/templates.js';
import { fetchShippedRecording } from '../shared/shipped-recording.js';
import { inheritModel, inheritTheme } from '../shared/contexts.js';
import { PIPELINE_PARTS, summarizePart, type ExplainingElement, type MapSnapshot, type OpenPartDetail, type PipelinePart, type PipelinePartId } from './pipeline-parts.js';
import { drawPartPictures } from './pipeline-map-draw.js';
import { renderNerdZone } from './nerd-zone.js';
import { pipelineMapStyles } from './pipeline-map.styles.js';

/** Milliseconds per step when replaying the kept steps. */
const REPLAY_INTERVAL_MS = 220;

/** The picture each box draws (see `drawPartPictures`), by part. */
const PICTURES: Partial<Record<PipelinePartId, readonly { name: string; label: string }[]>> = {
  'text-encoder': [{ name: 'embeddings', label: '' }],
  seed: [{ name: 'start', label: '' }],
  unet: [
    { name: 'cond', label: 'with' },
    { name: 'uncond', label: 'without' },
  ],
  guidance: [{ name: 'guided', label: '' }],
  scheduler: [{ name: 'latent', label: '' }],
  decoder: [{ name: 'picture', label: '' }],
};

/**
 * The whole text-to-image machine on one screen: the sentence, the tokenizer and text encoder,
 * the seed's starting static, the denoising loop (the UNet asked twice, guidance combining its
 * two guesses, the scheduler's step) and the decoder that paints the picture, each box saying
 * in a sentence what it does and showing what it holds right now (its tensor's shape and a
 * small picture of it). While a run plays the boxes follow it and the loop counts its steps.
 * With its default settings it opens on the shipped recording of that run (the words' boxes
 * fill in once a model has run); Run live draws it on the model in the page. Choosing a box
 * (click, or Enter/Space) fires `lx-open-part` naming the element that explains that part;
 * with `link-base` each box is also a link to that element's page. Nothing is fetched until
 * the map comes near the viewport.
 *
 * @summary Diagram of a whole diffusion run, live, each part linked to the element that explains it.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each `StepRecord` as it is generated, or read from the shipped recording.
 * @event lx-complete - The run finished, or the shipped recording is shown; detail `{ records }` (and `recorded: true` for the latter).
 * @event lx-error - A typed error (bad attribute, model URL); detail `{ error }`.
 * @event lx-open-part - The reader chose a box; detail `{ part, element, href }` (`OpenPartDetail`). Cancelable: `preventDefault()` stops a `link-base` link from being followed.
 * @csspart map - The diagram.
 * @csspart part - Each box (also `part-<id>`, e.g. `part-unet`).
 * @csspart loop - The denoising loop's frame and its step counter.
 * @csspart controls - The Run live and Replay buttons.
 * @csspart nerd-zone - The collapsed box with the formulas.
 * @csspart status - The line under the map saying what it shows (a recording, or what Run live will do).
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @cssprop --lx-color-accent - Frame of the loop, arrows and the step counter.
 */
export class LxPipelineMap extends LitElement {
  static override styles = [themeStyles, widgetStyles, pipelineMapStyles];

  /** The prompt the run draws. */
  @property({ attribute: 'prompt' }) prompt = 'a sheep riding a motorcycle';
  /** Seed of the starting noise, 0…2⁶⁴−1 (raw attribute string, validated). */
  @property({ attribute: 'seed' }) seed = '42';
  /** Classifier-free guidance scale (raw attribute string, validated). */
  @property({ attribute: 'guidance' }) guidance = '7.5';
  /** Number of denoising steps (raw attribute string, validated). */
  @property({ attribute: 'steps' }) steps = '20';
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model to use instead of `model` (shared with other elements; never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /**
   * Where the explaining elements' pages live: each box links to `<link-base><element>.html`
   * (e.g. `components/`). Empty: boxes are buttons that only fire `lx-open-part`.
   */
  @property({ attribute: 'link-base' }) linkBase = '';
  /** Links per explaining element, overriding `link-base` (e.g. anchors of a page's own sections). */
  @property({ attribute: false }) hrefs: Partial<Record<ExplainingElement, string>> | undefined;
  /** Run live as soon as the map comes near the viewport. */
  @property({ attribute: 'autoplay', type: Boolean }) autoplay = false;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  constructor() {
    super();
    // Inside lx-explainer, the explainer's model and theme (shared/contexts.ts); on its own, nothing.
    inheritModel(this);
    inheritTheme(this);
  }

  @state() protected shown: readonly StepRecord[] = [];
  @state() protected current = 0;
  @state() protected tokens: TokenizedPrompt | null = null;
  @state() protected embeddings: Tensor | null = null;
  /** Whether the steps shown are the shipped recording (not a run on this page). */
  @state() protected recorded = false;
  @state() protected replaying = false;

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  protected readonly nearby = new NearViewportController(this, () => this.#onNear());

  #options: RunAttributes | undefined;
  #preview: (latent: Tensor) => RgbaImage = () => ({ width: 0, height: 0, data: new Uint8ClampedArray(0) });
  #replayTimer: ReturnType<typeof setInterval> | undefined;
  /** Bumped whenever something else is shown, so a late recording is dropped. */
  #shownVersion = 0;
  #recordingPending: Promise<void> = Promise.resolve();

  /** The steps kept (all of them: replaying never recomputes). */
  get stepRecords(): readonly StepRecord[] {
    return this.shown;
  }

  /** The step the boxes show (0-based). */
  get currentStep(): number {
    return this.current;
  }

  /** Whether this element holds a lease on a shared model. */
  get holdsModel(): boolean {
    return this.models.holdsLease;
  }

  /** Resolves once the map has come near the viewport and the shipped recording is shown, or it is known there is none. */
  get recordingComplete(): Promise<void> {
    return this.nearby.whenNear.then(() => this.#recordingPending);
  }

  /** What each box holds now (for tests and for pages that describe the run). */
  get snapshot(): MapSnapshot {
    return {
      prompt: this.prompt,
      tokens: this.tokens,
      embeddings: this.embeddings,
      step: this.shown[this.current] ?? null,
      first: this.shown[0] ?? null,
    };
  }

  #onNear(): void {
    this.#showShippedRecording();
    if (this.autoplay) void this.#recordingPending.then(() => this.generate());
  }

  #showShippedRecording(): void {
    const options = this.#options;
    if (!options || this.shown.length || this.run.running) return;
    const version = this.#shownVersion;
    const settings = { prompt: this.prompt, ...options, size: undefined };
    this.#recordingPending = fetchShippedRecording(settings, { url: this.model, instance: this.modelInstance }).then((trajectory) => {
      if (!trajectory || version !== this.#shownVersion || this.shown.length || this.run.running) return;
      this.#preview = (latent) => previewRecordedLatent(trajectory, latent);
      this.#show(trajectory.steps);
      this.recorded = true;
      for (const step of trajectory.steps) emit(this, 'lx-step', step);
      emit(this, 'lx-complete', { records: trajectory.steps, recorded: true });
    });
  }

  #show(records: readonly StepRecord[]): void {
    this.stopReplay();
    this.#shownVersion += 1;
    this.recorded = false;
    this.shown = records;
    this.current = Math.max(0, records.length - 1);
  }

  /** Runs the whole pipeline live on the model; the boxes follow each step. Resolves when it has ended. */
  async generate(): Promise<void> {
    const options = this.#options;
    if (!options) return;
    const prompt = this.prompt;
    this.stopReplay();
    await this.run.start(async (signal) => {
      const model = await this.models.get(this.model, this.modelInstance);
      // The words' boxes: the same tokenizer and encoder call the run makes for its prompt.
      const [encoded] = await encodePrompts(model, [prompt]);
      signal.throwIfAborted();
      this.#shownVersion += 1;
      this.recorded = false;
      this.shown = [];
      this.tokens = encoded!.tokens;
      this.embeddings = encoded!.states;
      this.#preview = (latent) => previewLatent(model, latent);
      const side = model.config.imageSize;
      const steps: StepRecord[] = [];
      const run = generate(model, {
        prompt,
        seed: options.seed,
        steps: options.steps,
        guidanceScale: options.guidance,
        ...(options.scheduler ? { scheduler: options.scheduler } : {}),
        // Small models decode every step's guess, so the picture box follows the loop.
        decodeSteps: decodesStepsByDefault(side, side),
        signal,
      });
      for await (const step of run) {
        steps.push(step);
        this.shown = [...steps];
        this.current = steps.length - 1;
        emit(this, 'lx-step', step);
        this.run.report({ phase: 'generate', loaded: steps.length, total: step.totalSteps });
      }
      return { records: steps };
    });
  }

  /** Stops a live run. */
  stop(): void {
    this.run.stop();
  }

  /** Replays the kept steps from the first, one every ~0.2 s, so the loop can be watched again. */
  replay(): void {
    if (this.shown.length < 2 || this.run.running) return;
    this.stopReplay();
    this.current = 0;
    this.replaying = true;
    this.#replayTimer = setInterval(() => {
      if (this.current >= this.shown.length - 1) this.stopReplay();
      else this.current += 1;
    }, REPLAY_INTERVAL_MS);
  }

  stopReplay(): void {
    clearInterval(this.#replayTimer);
    this.#replayTimer = undefined;
    this.replaying = false;
  }

  /** Shows step `index` of the kept steps (clamped). */
  showStep(index: number): void {
    this.current = Math.max(0, Math.min(this.shown.length - 1, Math.round(index)));
  }

  /** The link a part's box follows, if any. */
  hrefFor(element: ExplainingElement): string | undefined {
    return this.hrefs?.[element] ?? (this.linkBase ? `${this.linkBase}${element}.html` : undefined);
  }

  /**
   * Announces that the reader chose `part` (`lx-open-part`). Returns false when a listener
   * cancelled it (the page shows the explanation itself, so a link is not followed).
   */
  openPart(part: PipelinePartId): boolean {
    const found = PIPELINE_PARTS.find((candidate) => candidate.id === part);
    if (!found) return false;
    const detail: OpenPartDetail = { part, element: found.explainedBy, href: this.hrefFor(found.explainedBy) };
    const event = new CustomEvent<OpenPartDetail>('lx-open-part', { detail, bubbles: true, composed: true, cancelable: true });
    return this.dispatchEvent(event);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopReplay();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['seed', 'guidance', 'steps'] as const;
    if (inputs.some((name) => changed.has(name))) this.#validate();
    const settings = [...inputs, 'prompt', 'model', 'modelInstance'] as const;
    if (settings.some((name) => changed.has(name)) && this.nearby.near && !this.run.running) {
      // What is shown stands for the old settings: the words' boxes and the steps go.
      if (changed.has('prompt') || changed.has('model') || changed.has('modelInstance')) {
        this.tokens = null;
        this.embeddings = null;
      }
      this.#show([]);
      this.#showShippedRecording();
    }
  }

  #validate(): void {
    try {
      this.#options = parseRunAttributes({ seed: this.seed, guidance: this.guidance, steps: this.steps, scheduler: '' });
      if (this.run.error?.name === 'InvalidOptionError') this.run.clearError();
    } catch (error) {
      this.#options = undefined;
      this.run.fail(error);
    }
  }

  protected override updated(): void {
    drawPartPictures(this.renderRoot, this.snapshot, this.#preview);
  }

  protected override render() {
    const snapshot = this.snapshot;
    const byStage = (stage: PipelinePart['stage']) => PIPELINE_PARTS.filter((part) => part.stage === stage && part.id !== 'loop');
    return html`
      ${this.#renderControls()}
      ${renderProgress(this.models.progress ?? this.run.progress, this.models.progress ? 'Downloading the model' : 'Running')}
      ${renderError(this.run.error)}
      <div class="map" part="map" role="group" aria-label="The parts of a text-to-image run, in the order the data flows">
        <ol class="stage before" aria-label="Before the loop">${byStage('before').map((part) => this.#renderPart(part, snapshot))}</ol>
        <span class="flow-arrow" aria-hidden="true"></span>
        ${this.#renderLoop(snapshot)}
        <span class="flow-arrow" aria-hidden="true"></span>
        <ol class="stage after" aria-label="After the loop">${byStage('after').map((part) => this.#renderPart(part, snapshot))}</ol>
      </div>
      ${this.#renderStatus()}
      ${renderNerdZone()}
    `;
  }

  /** Under the map: whether it shows a recording, or (with nothing shown) what Run live will do. */
  #renderStatus(): TemplateResult | typeof nothing {
    if (this.recorded) {
      return html`<p class="hint status" part="status">A recording of this run, shipped with the page: no model has run yet, so the words' boxes are empty. Run live to fill them.</p>`;
    }
    if (this.shown.length || this.run.running || !this.#options) return nothing;
    return html`<p class="hint status" part="status">Press Run live to send “${this.prompt}” through every part on the model in your browser (it loads the model first).</p>`;
  }

  #renderControls(): TemplateResult {
    const running = this.run.running;
    return html`<div class="buttons map-controls" part="controls">
      <button type="button" class="primary run-live" ?disabled=${!this.#options} @click=${() => (running ? this.stop() : void this.generate())}>
        ${running ? 'Stop' : 'Run live'}
      </button>
      <button type="button" class="replay" ?disabled=${running || this.shown.length < 2} @click=${() => (this.replaying ? this.stopReplay() : this.replay())}>
        ${this.replaying ? 'Pause' : 'Replay the steps'}
      </button>
    </div>`;
  }

  #renderLoop(snapshot: MapSnapshot): TemplateResult {
    const loop = PIPELINE_PARTS.find((part) => part.id === 'loop')!;
    const step = snapshot.step;
    const counter = step ? `Step ${step.index + 1} of ${step.totalSteps}` : 'Step – of –';
    return html`<section class="loop" part="loop" aria-labelledby="loop-title">
      <header class="loop-head">
        <button type="button" class="open" id="loop-title" data-part="loop" @click=${(event: Event) => this.#choose(event, 'loop')}>
          ${loop.title}
        </button>
        <output class="counter" aria-live="off" data-part="loop">${counter}</output>
      </header>
      <p class="plain">${loop.plain}</p>
      <progress class="steps-meter" aria-label="Steps done" max=${step?.totalSteps ?? 1} .value=${step ? step.index + 1 : 0}></progress>
      <ol class="stage inside">${PIPELINE_PARTS.filter((part) => part.stage === 'loop' && part.id !== 'loop').map((part) => this.#renderPart(part, snapshot))}</ol>
      <p class="loop-back" aria-hidden="true">↺ back to the denoiser with the cleaner canvas</p>
    </section>`;
  }

  #renderPart(part: PipelinePart, snapshot: MapSnapshot): TemplateResult {
    const summary = summarizePart(part.id, snapshot);
    const href = this.hrefFor(part.explainedBy);
    const title = html`${part.title}<span class="lx-visually-hidden">, explained by ${part.explainedBy}</span>`;
    const opener = href
      ? html`<a class="open" href=${href} data-part=${part.id} @click=${(event: Event) => this.#choose(event, part.id)}>${title}</a>`
      : html`<button type="button" class="open" data-part=${part.id} @click=${(event: Event) => this.#choose(event, part.id)}>${title}</button>`;
    const pictures = PICTURES[part.id] ?? [];
    return html`<li class=${`part part-${part.id}`} part=${`part part-${part.id}`} data-part=${part.id}>
      <h3>${opener}</h3>
      <p class="plain">${part.plain}</p>
      ${pictures.length
        ? html`<div class="pictures">${pictures.map(
            (picture) => html`<figure>
              <canvas class=${`cell picture-${picture.name}`} data-picture=${picture.name}></canvas>
              ${picture.label ? html`<figcaption>${picture.label}</figcaption>` : nothing}
            </figure>`,
          )}</div>`
        : nothing}
      <p class="tensor"><code class="shape" data-part=${part.id}>${summary.shape}</code> <span class="note">${summary.note}</span></p>
    </li>`;
  }

  /** A box was chosen: announce it; a link is followed unless a listener cancelled the event. */
  #choose(event: Event, part: PipelinePartId): void {
    if (!this.openPart(part)) event.preventDefault();
  }
}

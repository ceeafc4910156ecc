import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview, type LatentRgbFactors } from '../../pipeline/image/latent-preview.js';
import { fetchTrajectory, previewRecordedLatent } from '../../pipeline/trajectory/index.js';
import { generate } from '../../pipeline/run/generate.js';
import { generateWithAttention, hasAttentionMaps } from '../../pipeline/attention/attention-run.js';
import { attentionWords, type AttentionWord } from '../../pipeline/attention/attention-words.js';
import { attentionMapStyles } from '../attention-map/attention-map.styles.js';
import { paintAttentionLayer, renderAttentionLayer, type AttentionLayer } from './attention-layer.js';
import { decodeLatent, previewLatent } from '../../pipeline/run/latent-images.js';
import { decodesStepsByDefault } from '../../pipeline/run/decode-steps.js';
import { promptWordsOf, type PromptWords } from '../../pipeline/tokenizers/types.js';
import { vocabularyNote } from './vocabulary-note.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { emit } from '../shared/events.js';
import { ModelController } from '../shared/controllers/model-controller.js';
import { DEFAULT_MODEL_URL, describeModelBackend, pageModels } from '../shared/page-models.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { MAX_ELEMENT_STEPS, parseRunAttributes, parseSizeAttribute, sizeOptions, type RunAttributes } from '../shared/run-attributes.js';
import { renderRunForm } from '../shared/render/run-form.js';
import { renderBackend, renderError, renderProgress } from '../shared/render/templates.js';
import { ResizeController } from '../shared/controllers/resize-controller.js';
import { NearViewportController } from '../shared/controllers/near-viewport-controller.js';
import { parseIntegerAttribute } from '../shared/attributes.js';
import { ShareController, runShareFields } from '../shared/controllers/share-controller.js';
import { downloadBytes, renderSaveButton, type SavedImage } from '../shared/render/save-image.js';
import { runAnimation, stepSnapshot, type PlayerPictureSource } from './player-pictures.js';
import { fetchShippedRecording, recordedCaption } from '../shared/shipped-recording.js';
import { drawStepChart, drawStepPanels, renderStepPanels } from './step-view.js';
import { denoisingPlayerStyles } from './denoising-player.styles.js';
import { inheritModel, inheritTheme } from '../shared/contexts.js';

/** Milliseconds per step while playing. */
const PLAY_INTERVAL_MS = 180;


/**
 * Watch a diffusion model paint: every denoising step of one run, side by side as the noisy
 * latent, the predicted final image (a latent mosaic, and decoded by the VAE at every step on
 * small models and in recordings that store the pictures), the predicted noise and the latent
 * channels, with σ and ᾱ plotted and the current step marked. The prompt's words the model
 * did not know are named under the pictures. Generate on a recording asks before it downloads
 * the model. Runs live on a model (the shipped pocket model by
 * default), or replays a recorded run (`src`) or in-memory step records (`records`) with no
 * model at all. Every step is kept, so the scrubber never recomputes. With its default
 * settings it shows the shipped recording of that run as soon as it comes near the viewport,
 * and goes live when the reader changes a setting or presses Generate; nothing (recording or
 * model) is fetched while it is far out of view.
 *
 * @summary Step-by-step denoising player with a scrubber.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord` as it is generated or read.
 * @event lx-complete - The run finished, or the shipped recording of the default run is shown; detail `{ records }` (and `recorded: true` for the latter).
 * @event lx-error - A typed error (bad attribute, model URL, recording); detail `{ error }`.
 * @csspart controls - The prompt/seed/guidance/steps/scheduler form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart backend - The line saying which backend (WebGPU or WASM) runs the model, and why.
 * @csspart scrubber - The play button and the step slider.
 * @csspart panels - The per-step images and heatmaps.
 * @csspart chart - The σ/ᾱ chart.
 * @csspart attention - With `attention`: the prompt's words and the shown word's map at the step.
 * @csspart save - The Save PNG and Save animation buttons.
 * @cssprop --lx-color-sigma - Colour of the σ curve.
 * @cssprop --lx-color-alpha - Colour of the ᾱ curve.
 */
export class LxDenoisingPlayer extends LitElement {
  static override styles = [themeStyles, widgetStyles, attentionMapStyles, denoisingPlayerStyles];

  /** The prompt to draw (also the images' alt text). */
  @property({ attribute: 'prompt' }) prompt = 'a sheep riding a motorcycle';
  /** Seed of the initial noise, 0…2⁶⁴−1 (raw attribute string, validated). */
  @property({ attribute: 'seed' }) seed = '42';
  /** Classifier-free guidance scale (raw attribute string, validated). */
  @property({ attribute: 'guidance' }) guidance = '7.5';
  /** Number of denoising steps (raw attribute string, validated). */
  @property({ attribute: 'steps' }) steps = '20';
  /** Sampler alias (`ddim`, `euler`, `dpm++2m-karras`…); empty for the model's own. */
  @property({ attribute: 'scheduler' }) scheduler = '';
  /** Image side in pixels; empty for the model's default. */
  @property({ attribute: 'size' }) size = '';
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model to use instead of `model` (shared with other elements; never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** URL of a recorded run (`.lxt`) to replay with no model. */
  @property({ attribute: 'src' }) src = '';
  /** Step records to replay (no model needed); replaces any run shown. */
  @property({ attribute: false }) records: readonly StepRecord[] | undefined;
  /** Latent→RGB factors for previewing `records` (the model's `latentRgb`); Stable Diffusion 1.x's when absent. Recordings carry their own. */
  @property({ attribute: false }) latentRgb: LatentRgbFactors | undefined;
  /** Generate as soon as the element comes near the viewport. */
  @property({ attribute: 'autoplay', type: Boolean }) autoplay = false;
  /** Live runs also fetch each step's cross-attention and show a word's map (models that export it; see lx-attention-map). */
  @property({ attribute: 'attention', type: Boolean }) attention = false;
  /** With `attention`: the live run's words (empty otherwise), the one shown, and whether the model has maps. */
  @state() protected attentionState: { words: readonly AttentionWord[]; selected: number; available: boolean } = { words: [], selected: -1, available: true };
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;
  /**
   * Keep the reader's prompt, seed, guidance, steps, scheduler and step in the page address
   * (after #) and restore them from it, so a copied link shows the same figure. Give the
   * element an `id` when a page has several of them.
   */
  @property({ attribute: 'share', type: Boolean }) share = false;

  constructor() {
    super();
    // Inside lx-explainer, the explainer's model and theme (shared/contexts.ts); on its own, nothing.
    inheritModel(this);
    inheritTheme(this);
  }

  /** The step shown. */
  @state() protected current = 0;
  @state() protected playing = false;
  /** Which backend runs the model (see `describeModelBackend`), once one is loaded. */
  @state() protected backend: string | undefined;
  @state() protected shown: readonly StepRecord[] = [];
  /**
   * Full decodes kept beside the records: the final step of a live run on a model too large to
   * decode every step. Steps that carry their own `decodedImage` (small models, recordings) need none.
   */
  @state() protected decoded: readonly (RgbaImage | null)[] = [];
  /** The prompt's words the model replaced or did not know, for the run shown (null: none, or not known). */
  @state() protected promptWords: PromptWords | null = null;
  /** A recording is shown and Generate was pressed: the line asking to download the model is up. */
  @state() protected confirmingDownload = false;
  /** Whether the steps shown came from a recording (`src`), not from this page's model. */
  #showingRecording = false;
  /** Whether the steps shown are the shipped recording of the default run (not a live run). */
  @state() protected recordedDefault = false;

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  protected readonly sharing = new ShareController(
    this,
    [
      ...runShareFields(this),
      {
        name: 'step',
        // '' while the last step shows: the view a run ends on, so it needs no link.
        get: () => (this.current >= this.shown.length - 1 ? (this.#pendingStep === undefined ? '' : String(this.#pendingStep)) : String(this.current + 1)),
        set: (raw) => {
          this.#pendingStep = raw === '' ? undefined : Number(raw);
          if (this.shown.length) this.#applyPendingStep();
        },
        check: (raw) => raw === '' || parseIntegerAttribute('step', raw, 1, MAX_ELEMENT_STEPS),
      },
    ],
    (error) => this.run.fail(error),
  );
  /** A step (1-based) from a link, shown once steps are. */
  #pendingStep: number | undefined;
  /** Nothing is fetched until the element comes near the viewport. */
  protected readonly nearby = new NearViewportController(this, () => this.#onNear());
  /** The chart is drawn in CSS pixels at its laid-out width: redraw it when that changes. */
  protected readonly chartSize = new ResizeController(
    this,
    () => this.#scheduleChart(),
    () => this.renderRoot.querySelector('svg.chart'),
  );

  #options: (RunAttributes & { size: number | undefined }) | undefined;
  #preview: (latent: Tensor) => RgbaImage = (latent) => latentToRgbPreview(latent, SD1_LATENT_RGB_FACTORS);
  #playTimer: ReturnType<typeof setInterval> | undefined;
  #chartFrame = 0;
  /** Settles when the chart scheduled last has been drawn; null when none is waiting. */
  #chartPending: { promise: Promise<void>; resolve: () => void } | null = null;
  /** The reader changed a setting while the default recording showed: run live once it is parsed. */
  #liveRequested = false;
  /** Bumped whenever something else is shown, so a late shipped recording is dropped. */
  #shownVersion = 0;

  /** The step records shown, in order (all kept: scrubbing never recomputes). */
  get stepRecords(): readonly StepRecord[] {
    return this.shown;
  }

  /** The step shown (0-based index into `stepRecords`). */
  get currentStep(): number {
    return this.current;
  }

  /** Whether this element holds a lease on a shared model (false once removed from the page). */
  get holdsModel(): boolean {
    return this.models.holdsLease;
  }

  /** Resolves once the shipped default recording is shown, or it is known there is none to show. */
  get recordingComplete(): Promise<void> {
    return this.#recordingPending;
  }
  #recordingPending: Promise<void> = Promise.resolve();

  #onNear(): void {
    if (this.src) void this.#loadRecording(this.src);
    else if (!this.records) {
      this.#showShippedRecording();
      // The recording (if any) shows first; the live run replaces it at its first step.
      if (this.autoplay) void this.#recordingPending.then(() => this.generate());
    }
  }

  /** Shows the shipped recording of the current settings, when they are a shipped default run. */
  #showShippedRecording(): void {
    const options = this.#options;
    if (!options || this.shown.length || this.run.running) return;
    const version = this.#shownVersion;
    this.#recordingPending = fetchShippedRecording({ prompt: this.prompt, ...options }, { url: this.model, instance: this.modelInstance }).then((trajectory) => {
      // Something else (a live run, records, src) came first: it wins.
      if (!trajectory || version !== this.#shownVersion || this.shown.length) return;
      this.#preview = (latent) => previewRecordedLatent(trajectory, latent);
      // Stored pictures ride on the steps (`decodedImage`).
      this.#show(trajectory.steps, []);
      this.promptWords = trajectory.header.promptWords ?? null;
      this.recordedDefault = true;
      for (const step of trajectory.steps) emit(this, 'lx-step', step);
      emit(this, 'lx-complete', { records: trajectory.steps, recorded: true });
    });
  }

  /** A setting changed from the form: from the default recording, that takes the figure live. */
  #onReaderChange(field: 'prompt' | 'seed' | 'guidance' | 'steps' | 'scheduler', value: string): void {
    this[field] = value;
    if (!this.recordedDefault || this.run.running) return;
    this.#liveRequested = true;
    void this.updateComplete.then(() => {
      if (!this.#liveRequested) return;
      this.#liveRequested = false;
      // A bad value shows its error; the recording of other settings goes.
      if (this.#options) void this.generate();
      else this.#settingsChanged();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pause();
  }

  /** Shows step `index` (clamped to the kept steps). */
  showStep(index: number): void {
    this.current = Math.max(0, Math.min(this.shown.length - 1, Math.round(index)));
  }

  /** Plays the kept steps from the current one (from the start when at the end). */
  play(): void {
    if (this.shown.length < 2) return;
    if (this.current >= this.shown.length - 1) this.current = 0;
    this.playing = true;
    clearInterval(this.#playTimer);
    this.#playTimer = setInterval(() => {
      if (this.current >= this.shown.length - 1) this.pause();
      else this.current += 1;
    }, PLAY_INTERVAL_MS);
  }

  pause(): void {
    clearInterval(this.#playTimer);
    this.#playTimer = undefined;
    this.playing = false;
  }

  /** Stops a running generation (through its AbortSignal). */
  stop(): void {
    this.run.stop();
  }

  /** Generates live on the model with the current attributes; resolves when the run has ended. */
  async generate(): Promise<void> {
    const options = this.#options;
    if (!options) return;
    const prompt = this.prompt;
    this.#liveRequested = false;
    await this.run.start(async (signal) => {
      // A shown recording stays until the first live step replaces it (while the model loads).
      if (!this.recordedDefault) this.#show([], []);
      this.#showingRecording = false;
      const model = await this.models.get(this.model, this.modelInstance);
      this.backend = describeModelBackend(model);
      const preview = (latent: Tensor) => previewLatent(model, latent);
      if (!this.recordedDefault) this.#preview = preview;
      const steps: StepRecord[] = [];
      const side = options.size ?? model.config.imageSize;
      // Small models decode every step's x̂₀ in the pipeline (~6 ms each on the pocket model).
      const decodeSteps = decodesStepsByDefault(side, side);
      const withAttention = this.attention && hasAttentionMaps(model);
      this.attentionState = { words: [], selected: -1, available: !this.attention || withAttention };
      const run = (withAttention ? generateWithAttention : generate)(model, {
        decodeSteps,
        prompt,
        seed: options.seed,
        steps: options.steps,
        guidanceScale: options.guidance,
        ...(options.scheduler ? { scheduler: options.scheduler } : {}),
        ...sizeOptions(options.size),
        signal,
      });
      for await (const step of run) {
        if (steps.length === 0) {
          if (this.recordedDefault) {
            this.#preview = preview;
            this.#show([], []);
          }
          // Settled before the first step: say at once which words the model did not know.
          this.promptWords = promptWordsOf((await run.info).promptTokens);
          if (withAttention) {
            const words = attentionWords((await run.info).promptTokens!, model.config.textMaxLength);
            this.attentionState = { words, selected: words.findIndex((w) => w.kind === 'word'), available: true };
          }
        }
        const following = this.current >= steps.length - 1;
        steps.push(step);
        this.shown = [...steps];
        if (following) this.current = steps.length - 1;
        emit(this, 'lx-step', step);
        this.run.report({ phase: 'generate', loaded: steps.length, total: step.totalSteps });
      }
      const last = steps.at(-1);
      if (last && !last.decodedImage) {
        const image = await decodeLatent(model, last.latentOut);
        signal.throwIfAborted();
        this.decoded = steps.map((_, i) => (i === steps.length - 1 ? image : null));
      }
      return { records: steps };
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['seed', 'guidance', 'steps', 'scheduler', 'size'] as const;
    if (inputs.some((name) => changed.has(name)) || changed.has('prompt') || changed.has('model') || changed.has('modelInstance')) {
      if (inputs.some((name) => changed.has(name))) this.#validate();
      this.#settingsChanged();
    }
    if (changed.has('records') && this.records) {
      this.run.stop();
      const factors = this.latentRgb ?? SD1_LATENT_RGB_FACTORS;
      this.#preview = (latent) => latentToRgbPreview(latent, factors);
      this.#show(this.records, []);
      this.#showingRecording = false;
    }
    if (changed.has('src') && this.src && this.nearby.near) void this.#loadRecording(this.src);
  }

  /**
   * The shipped recording only ever stands for its own settings: when they change it goes
   * (unless the reader's change is about to replace it live), and when they come back to a
   * recorded default with nothing shown, it returns.
   */
  #settingsChanged(): void {
    if (!this.nearby.near || this.src || this.records || this.run.running) return;
    if (this.recordedDefault && !this.#liveRequested) this.#show([], []);
    if (!this.shown.length) this.#showShippedRecording();
  }

  #validate(): void {
    try {
      this.#options = { ...parseRunAttributes(this), size: parseSizeAttribute(this.size) };
      if (this.run.error?.name === 'InvalidOptionError') this.run.clearError();
    } catch (error) {
      this.#options = undefined;
      this.run.fail(error);
    }
  }

  #show(records: readonly StepRecord[], decoded: readonly (RgbaImage | null)[]): void {
    this.pause();
    this.#shownVersion += 1;
    this.recordedDefault = false;
    this.shown = [...records];
    this.decoded = decoded;
    this.promptWords = null;
    this.current = Math.max(0, this.shown.length - 1);
    if (this.shown.length) this.#applyPendingStep();
  }

  #applyPendingStep(): void {
    if (this.#pendingStep === undefined) return;
    this.showStep(this.#pendingStep - 1);
    this.#pendingStep = undefined;
  }

  #pictureSource(): PlayerPictureSource {
    return {
      records: this.shown,
      preview: this.#preview,
      decodedAt: (i) => this.shown[i]?.decodedImage ?? this.decoded[i] ?? null,
      prompt: this.prompt,
      seed: this.seed,
    };
  }

  /** The step shown as a PNG: its panels, captioned (what Save PNG saves); undefined with no step. */
  async snapshot(): Promise<SavedImage | undefined> {
    return this.shown[this.current] ? stepSnapshot(this.#pictureSource(), this.current) : undefined;
  }

  /** Every step as an animated PNG (APNG), a frame per step (what Save animation saves); undefined with no steps. */
  async animation(): Promise<SavedImage | undefined> {
    return this.shown.length ? runAnimation(this.#pictureSource(), PLAY_INTERVAL_MS) : undefined;
  }

  async #save(picture: Promise<SavedImage | undefined>): Promise<void> {
    const saved = await picture;
    if (saved) downloadBytes(saved.bytes, saved.fileName, 'image/png');
  }

  /** Downloads and replays a recording; its prompt and settings replace the attributes shown. */
  async #loadRecording(url: string): Promise<void> {
    await this.run.start(async (signal) => {
      this.#show([], []);
      this.run.report({ phase: 'recording', loaded: 0, total: 0, item: url });
      const trajectory = await fetchTrajectory(url, { signal });
      const { header } = trajectory;
      Object.assign(this, { prompt: header.prompt, seed: header.seed, guidance: String(header.settings.guidanceScale), steps: String(header.settings.steps) });
      this.#preview = (latent) => previewRecordedLatent(trajectory, latent);
      for (const step of trajectory.steps) emit(this, 'lx-step', step);
      // Stored pictures ride on the steps (`decodedImage`); latent previews are no decode.
      this.#show(trajectory.steps, []);
      this.promptWords = header.promptWords ?? null;
      this.#showingRecording = true;
      return { records: trajectory.steps };
    });
  }

  protected override updated(): void {
    const record = this.shown[this.current];
    if (record) drawStepPanels(this.renderRoot, record, this.#viewContext());
    if (this.attention) paintAttentionLayer(this.renderRoot, this.#attentionLayer(), this.prompt);
    this.#scheduleChart();
  }

  /** Resolves once the σ/ᾱ chart shows the current step (it is drawn in a later animation frame). */
  get chartComplete(): Promise<void> {
    return this.updateComplete.then(() => this.#chartPending?.promise);
  }

  /**
   * The chart is drawn in its own animation frame, after the panels' update, at the width the
   * ResizeObserver reported (never measured here: that would force a layout in our task). A new
   * chart waits for its first report, which comes after the browser's next layout. Steps that
   * arrive before the frame share one drawing.
   */
  #scheduleChart(framesWaited = 0): void {
    if (!this.#chartPending) {
      let resolve = () => {};
      const promise = new Promise<void>((settle) => (resolve = settle));
      this.#chartPending = { promise, resolve };
    }
    if (this.#chartFrame) return;
    this.#chartFrame = requestAnimationFrame(() => {
      this.#chartFrame = 0;
      const record = this.shown[this.current];
      const width = this.chartSize.width;
      const visible = record && this.isConnected;
      // No report yet: the observer schedules the drawing when it comes. One frame later with
      // still none, the chart is not laid out (e.g. hidden), and there is nothing to draw.
      if (visible && width === undefined && framesWaited < 1) return this.#scheduleChart(framesWaited + 1);
      if (visible && width) drawStepChart(this.renderRoot, record, this.shown, width);
      this.#chartPending?.resolve();
      this.#chartPending = null;
    });
  }

  #viewContext() {
    const record = this.shown[this.current];
    return {
      prompt: this.prompt,
      records: this.shown,
      preview: this.#preview,
      decoded: record?.decodedImage ?? this.decoded[this.current] ?? null,
      missingDecoded: this.#showingRecording ? ('not-recorded' as const) : ('final-only' as const),
      vocabularyNote: this.promptWords ? vocabularyNote(this.promptWords) : null,
    };
  }

  /** Whether Generate would start a model download (a recording is shown, no model is held yet). */
  get #generateDownloadsModel(): boolean {
    return this.#showingRecording && !this.modelInstance && !this.models.holdsLease;
  }

  #onGenerate(): void {
    if (this.#generateDownloadsModel) this.confirmingDownload = true;
    else void this.generate();
  }

  #renderDownloadConfirmation() {
    if (!this.confirmingDownload) return nothing;
    const confirm = () => {
      this.confirmingDownload = false;
      void this.generate();
    };
    return html`<p class="confirm-download" role="status">
      This is a recorded run. Generating live first downloads the model
      (<span class="model-url">${this.model}</span>) into this page, then runs it on your device.
      <button type="button" class="confirm" @click=${confirm}>Download and generate</button>
      <button type="button" class="cancel" @click=${() => (this.confirmingDownload = false)}>Keep the recording</button>
    </p>`;
  }

  protected override render() {
    const record = this.shown[this.current];
    const progressLabel = this.models.progress ? 'Downloading the model' : this.src ? 'Loading the recording' : 'Generating';
    return html`
      ${renderRunForm(this, {
        fields: ['prompt', 'seed', 'guidance', 'steps', 'scheduler'],
        running: this.run.running,
        blocked: !this.#options,
        onChange: (field, value) => this.#onReaderChange(field, value),
        onGenerate: () => this.#onGenerate(),
        onStop: () => this.stop(),
      })}
      ${this.#renderDownloadConfirmation()}
      ${renderProgress(this.models.progress ?? this.run.progress, progressLabel)} ${renderError(this.run.error)}
      ${this.#renderScrubber()}
      ${record || this.run.running ? renderStepPanels(record ?? null, this.#viewContext()) : this.#renderWaiting()}
      ${this.attention ? renderAttentionLayer(this.#attentionLayer()) : nothing}
      ${this.recordedDefault ? html`<p class="hint recorded" part="status">${recordedCaption(this.run.running)}</p>` : nothing}
      ${renderBackend(this.backend) /* last: it appears when the model has loaded, and must not move the panels */}
    `;
  }

  #attentionLayer(): AttentionLayer {
    const { words, selected, available } = this.attentionState;
    const onSelect = (index: number) => (this.attentionState = { ...this.attentionState, selected: index });
    return { words, selected, available, record: this.shown[this.current], onSelect };
  }

  /** Before any run: what Generate will do, so an empty figure still says what it is for. */
  #renderWaiting() {
    const options = this.#options;
    const what = options ? ` "${this.prompt}" (seed ${options.seed}, guidance ${options.guidance}, ${options.steps} steps)` : '';
    return html`<p class="hint">Press Generate to watch the model paint${what}: it loads the model in your browser first.</p>`;
  }

  #renderScrubber() {
    const count = this.shown.length;
    const record = this.shown[this.current];
    const label = record ? `Step ${record.index + 1} of ${record.totalSteps}, t = ${Math.round(record.timestep)}` : 'No steps';
    return html`<div class="scrubber" part="scrubber">
      <button
        type="button"
        class="play"
        aria-label=${this.playing ? 'Pause' : 'Play the steps'}
        ?disabled=${count < 2}
        @click=${() => (this.playing ? this.pause() : this.play())}
      >
        ${this.playing ? '❚❚' : '▶'}
      </button>
      <input
        type="range"
        aria-label="Denoising step"
        aria-valuetext=${label}
        min="0"
        max=${Math.max(0, count - 1)}
        .value=${String(this.current)}
        ?disabled=${count === 0}
        @input=${(event: Event) => {
          this.pause();
          this.showStep(Number((event.target as HTMLInputElement).value));
        }}
      />
      <output aria-hidden="true">${record ? `${record.index + 1}/${record.totalSteps}` : '–'}</output>
      <span class="save-buttons">
        ${renderSaveButton('Save PNG', 'save-png', !record, () => void this.#save(this.snapshot()))}
        ${renderSaveButton('Save animation', 'save-animation', count < 2 || this.run.running, () => void this.#save(this.animation()))}
      </span>
    </div>`;
  }
}

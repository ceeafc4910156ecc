import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview, type LatentRgbFactors } from '../../pipeline/image/latent-preview.js';
import { previewLatent } from '../../pipeline/run/latent-images.js';
import { emit } from './events.js';
import { ModelController } from './controllers/model-controller.js';
import { DEFAULT_MODEL_URL, describeModelBackend, pageModels } from './page-models.js';
import { RunController } from './controllers/run-controller.js';
import { renderBackend, renderError, renderProgress } from './render/templates.js';
import { comparisonSheet, drawComparisonGrid, type ComparisonCell } from './render/comparison-grid.js';
import { renderRunForm, type RunFormValues } from './render/run-form.js';
import { ShareController, type ShareField } from './controllers/share-controller.js';
import { downloadBytes, savedSheet, type SavedImage } from './render/save-image.js';
import { LiveCells, type CellPlan } from './live-cells.js';
import { NearViewportController } from './controllers/near-viewport-controller.js';
import { fetchShippedRecording, recordedCaption } from './shipped-recording.js';
import type { RunSettings } from './default-recordings.js';
import { previewRecordedLatent, type Trajectory } from '../../pipeline/trajectory/index.js';
import { inheritModel } from './contexts.js';

/** One cell of a comparison with the settings of its run, to look up its shipped recording. */
export interface ShippedCellPlan extends CellPlan {
  readonly settings: RunSettings;
}

/** Shipped recordings as cells, and the recording whose latent colours preview them. */
export interface ShippedCells {
  readonly cells: readonly ComparisonCell[];
  readonly colours: Trajectory;
}

/** Latent preview without a model (recorded runs): Stable Diffusion 1.x's published factors. */
const sd1Preview = (latent: Tensor): RgbaImage => latentToRgbPreview(latent, SD1_LATENT_RGB_FACTORS);

/**
 * What the comparison grids (guidance scales, seeds, prompt edits) share: the model (a page
 * instance or a lease on the page's shared one), one cancellable run at a time whose cells fill
 * in step by step, recorded runs shown with no model, and validated settings that block
 * Generate while an attribute is bad. Subclasses parse their attributes into `Settings` and
 * run their sweep through `runSweep`. With their default settings they show the shipped
 * recordings of those runs as soon as they come near the viewport (`shippedPlan`), and go live
 * when the reader changes a setting (`readerChanged`) or presses Generate.
 */
export abstract class ComparisonElement<Settings> extends LitElement {
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model to use instead of `model` (shared with other elements; never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** Latent→RGB factors for previewing recorded `runs` (the model's `latentRgb`); Stable Diffusion 1.x's when absent. */
  @property({ attribute: false }) latentRgb: LatentRgbFactors | undefined;
  /**
   * Keep the reader's settings in the page address (after #) and restore them from it, so a
   * copied link shows the same comparison. Give the element an `id` when a page has several.
   */
  @property({ attribute: 'share', type: Boolean }) share = false;

  constructor() {
    super();
    // Inside lx-explainer, the explainer's model (shared/contexts.ts); on its own, nothing.
    inheritModel(this);
  }

  @state() protected cells: readonly ComparisonCell[] = [];
  /** Whether the cells shown are the shipped recordings of the default runs (not a live run). */
  @state() protected recordedDefault = false;
  /** Which backend runs the model (see `describeModelBackend`), once one is loaded. */
  @state() protected backend: string | undefined;

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  protected readonly sharing = new ShareController(this, () => this.shareFields(), (error) => this.run.fail(error));
  /** The parsed attributes; undefined while one is invalid (Generate is then disabled). */
  protected settings: Settings | undefined;
  /** Latent → RGB preview of the cells: the model's own once loaded. */
  protected preview: (latent: Tensor) => RgbaImage = sd1Preview;
  /** Nothing is fetched until the element comes near the viewport. */
  protected readonly nearby = new NearViewportController(this, () => this.settingsChanged());
  /** Bumped whenever other cells are shown, so late shipped recordings are dropped. */
  #shownVersion = 0;
  #liveRequested = false;
  #recordingPending: Promise<void> = Promise.resolve();

  /** The cells of the run the current settings ask for, with each cell's settings; undefined while invalid. */
  protected abstract shippedPlan(): readonly ShippedCellPlan[] | undefined;
  /** Runs the comparison live (the element's Generate). */
  abstract generate(): Promise<void>;
  /** The settings a page link carries (`share`), each checked with its attribute's parser. */
  protected abstract shareFields(): readonly ShareField[];
  /** The saved picture's title line and the words its file name is made of. */
  protected abstract pictureTitle(): { title: string; name: readonly string[] };

  /** The cells shown as one captioned PNG (what Save PNG saves); undefined before any cell has a picture. */
  async snapshot(): Promise<SavedImage | undefined> {
    const { title, name } = this.pictureTitle();
    const layout = comparisonSheet(this.cells, this.preview, title);
    return layout ? savedSheet(layout, name) : undefined;
  }

  /** Saves `snapshot()` as a download. */
  protected async savePng(): Promise<void> {
    const saved = await this.snapshot();
    if (saved) downloadBytes(saved.bytes, saved.fileName, 'image/png');
  }

  /** Resolves once the shipped recordings are shown, or it is known there are none to show. */
  get recordingComplete(): Promise<void> {
    return this.#recordingPending;
  }

  /** The cells shown: label, every kept step and the decode once finished. */
  get comparison(): readonly ComparisonCell[] {
    return this.cells;
  }

  /** Whether this element holds a lease on a shared model (false once removed from the page). */
  get holdsModel(): boolean {
    return this.models.holdsLease;
  }

  /** Stops a running generation (through its AbortSignal). */
  stop(): void {
    this.run.stop();
  }

  /**
   * Runs one comparison live as the element's run: shows `plan`'s empty cells, gets the model,
   * lets `sweep` add each cell's steps (emitted as `lx-step`, drawn as they come), decodes
   * every cell's final latent, and completes with `{ runs }`. Resolves when it has ended.
   */
  protected async runSweep(
    plan: readonly CellPlan[],
    sweep: (model: DiffusionModel, cells: LiveCells, signal: AbortSignal) => Promise<void>,
  ): Promise<void> {
    this.#liveRequested = false;
    await this.run.start(async (signal) => {
      let preview = this.preview;
      // Shown recordings stay until the first live step replaces them (while the model loads).
      const publish = (shown: readonly ComparisonCell[]): void => {
        if (this.recordedDefault && shown.every((cell) => cell.records.length === 0)) return;
        if (this.recordedDefault) this.#replaceCells();
        this.preview = preview;
        this.cells = shown;
      };
      const cells = new LiveCells(plan, { publish, onRecord: (record) => emit(this, 'lx-step', record) });
      const model = await this.models.get(this.model, this.modelInstance);
      this.backend = describeModelBackend(model);
      preview = (latent) => previewLatent(model, latent);
      if (!this.recordedDefault) this.preview = preview;
      await sweep(model, cells, signal);
      await cells.decodeAll(model, signal);
      return { runs: cells.runs };
    });
  }

  /** Parses the attributes with `parse`, or shows its typed error (and blocks Generate). */
  protected validate(parse: () => Settings): void {
    try {
      this.settings = parse();
      if (this.run.error?.name === 'InvalidOptionError') this.run.clearError();
    } catch (error) {
      this.settings = undefined;
      this.run.fail(error);
    }
  }

  /** Shows recorded cells with no model, replacing (and stopping) any live run. */
  protected showRecorded(cells: readonly ComparisonCell[]): void {
    this.run.stop();
    this.#replaceCells();
    const factors = this.latentRgb ?? SD1_LATENT_RGB_FACTORS;
    this.preview = (latent) => latentToRgbPreview(latent, factors);
    this.cells = cells;
  }

  #replaceCells(): void {
    this.#shownVersion += 1;
    this.recordedDefault = false;
  }

  /**
   * Call after the settings changed (and once near the viewport): shipped recordings only ever
   * stand for their own settings, so they go when the settings change (unless the reader's
   * change is about to replace them live), and come back when the settings return to them.
   */
  protected settingsChanged(): void {
    if (!this.nearby.near || this.run.running || (this.cells.length && !this.recordedDefault)) return;
    if (this.recordedDefault && !this.#liveRequested) {
      this.#replaceCells();
      this.cells = [];
    }
    if (!this.cells.length) this.#showShippedRecordings();
  }

  /** A setting changed from the form: from the shipped recordings, that takes the figure live. */
  protected readerChanged(): void {
    if (!this.recordedDefault || this.run.running) return;
    this.#liveRequested = true;
    void this.updateComplete.then(() => {
      if (!this.#liveRequested) return;
      this.#liveRequested = false;
      if (this.settings) void this.generate();
      else this.settingsChanged();
    });
  }

  /**
   * The cells of the shipped recordings for the current settings and the recording whose colours
   * preview them, or undefined when there are none: by default one recording per `shippedPlan`
   * cell; a figure whose whole default run is one file (the latent walk) overrides this.
   */
  protected async fetchShippedCells(source: { url: string; instance: unknown }): Promise<ShippedCells | undefined> {
    const plan = this.shippedPlan();
    if (!plan) return undefined;
    const trajectories = await Promise.all(plan.map((cell) => fetchShippedRecording(cell.settings, source)));
    // Any cell without its recording: show nothing recorded.
    const first = trajectories[0];
    if (!first || !trajectories.every((trajectory) => trajectory !== undefined)) return undefined;
    return { colours: first, cells: trajectories.map((trajectory, i) => ({ label: plan[i]!.label, prompt: plan[i]!.prompt, records: trajectory.steps, decoded: null })) };
  }

  #showShippedRecordings(): void {
    const version = this.#shownVersion;
    const source = { url: this.model, instance: this.modelInstance };
    this.#recordingPending = this.fetchShippedCells(source).then((shipped) => {
      // No recordings, or something else shown first: show nothing recorded.
      if (!shipped || version !== this.#shownVersion || this.cells.length || this.run.running) return;
      this.preview = (latent) => previewRecordedLatent(shipped.colours, latent);
      this.cells = shipped.cells;
      this.recordedDefault = true;
      for (const cell of this.cells) for (const record of cell.records) emit(this, 'lx-step', record);
      emit(this, 'lx-complete', { runs: this.cells.map((cell) => cell.records), recorded: true });
    });
  }

  protected override updated(): void {
    drawComparisonGrid(this.renderRoot, this.cells, this.preview);
  }

  /** The caption under shipped recordings, saying what they are. */
  protected renderRecordedCaption(): TemplateResult | typeof nothing {
    return this.recordedDefault ? html`<p class="hint recorded" part="status">${recordedCaption(this.run.running)}</p>` : nothing;
  }

  /**
   * The run form with `fields`, wired to this element: a field sets the property of its name
   * (and, with `goLive`, takes the figure live from its shipped recordings: `readerChanged`);
   * Generate runs the comparison, Stop stops it, Generate is disabled while a setting is bad.
   */
  protected renderForm<F extends keyof RunFormValues>(this: this & Record<F, string>, fields: readonly F[], { goLive }: { goLive: boolean }): TemplateResult {
    return renderRunForm(this, {
      fields,
      running: this.run.running,
      blocked: !this.settings,
      onChange: (field, value) => {
        (this as Record<F, string>)[field] = value;
        if (goLive) this.readerChanged();
      },
      onGenerate: () => void this.generate(),
      onStop: () => this.stop(),
    });
  }

  /** The download or generation progress bar, and the error when there is one. */
  protected renderStatus(): TemplateResult {
    const downloading = this.models.progress !== undefined;
    return html`${renderProgress(this.models.progress ?? this.run.progress, downloading ? 'Downloading the model' : 'Generating')}
    ${renderError(this.run.error)} ${renderBackend(this.backend)}`;
  }
}

import { LitElement, html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview, type LatentRgbFactors } from '../../pipeline/image/latent-preview.js';
import { previewLatent } from '../../pipeline/latent-images.js';
import { emit } from './events.js';
import { ModelController } from './model-controller.js';
import { DEFAULT_MODEL_URL, pageModels } from './page-models.js';
import { RunController } from './run-controller.js';
import { renderError, renderProgress } from './templates.js';
import { drawComparisonGrid, type ComparisonCell } from './comparison-grid.js';
import { LiveCells, type CellPlan } from './live-cells.js';

/** Latent preview without a model (recorded runs): Stable Diffusion 1.x's published factors. */
const sd1Preview = (latent: Tensor): RgbaImage => latentToRgbPreview(latent, SD1_LATENT_RGB_FACTORS);

/**
 * What the comparison grids (guidance scales, seeds, prompt edits) share: the model (a page
 * instance or a lease on the page's shared one), one cancellable run at a time whose cells fill
 * in step by step, recorded runs shown with no model, and validated settings that block
 * Generate while an attribute is bad. Subclasses parse their attributes into `Settings` and
 * run their sweep through `runSweep`.
 */
export abstract class ComparisonElement<Settings> extends LitElement {
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model to use instead of `model` (shared with other elements; never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** Latent→RGB factors for previewing recorded `runs` (the model's `latentRgb`); Stable Diffusion 1.x's when absent. */
  @property({ attribute: false }) latentRgb: LatentRgbFactors | undefined;

  @state() protected cells: readonly ComparisonCell[] = [];

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  /** The parsed attributes; undefined while one is invalid (Generate is then disabled). */
  protected settings: Settings | undefined;
  /** Latent → RGB preview of the cells: the model's own once loaded. */
  protected preview: (latent: Tensor) => RgbaImage = sd1Preview;

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
    await this.run.start(async (signal) => {
      const cells = new LiveCells(plan, { publish: (shown) => (this.cells = shown), onRecord: (record) => emit(this, 'lx-step', record) });
      const model = await this.models.get(this.model, this.modelInstance);
      this.preview = (latent) => previewLatent(model, latent);
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
    const factors = this.latentRgb ?? SD1_LATENT_RGB_FACTORS;
    this.preview = (latent) => latentToRgbPreview(latent, factors);
    this.cells = cells;
  }

  protected override updated(): void {
    drawComparisonGrid(this.renderRoot, this.cells, this.preview);
  }

  /** The download or generation progress bar, and the error when there is one. */
  protected renderStatus(): TemplateResult {
    const downloading = this.models.progress !== undefined;
    return html`${renderProgress(this.models.progress ?? this.run.progress, downloading ? 'Downloading the model' : 'Generating')}
    ${renderError(this.run.error)}`;
  }
}

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import type { SchedulerAlias } from '../../pipeline/math/schedulers/index.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview } from '../../pipeline/image/latent-preview.js';
import { guidanceSweep } from '../../pipeline/sweeps.js';
import { decodeLatent, previewLatent } from '../../pipeline/latent-images.js';
import { themeStyles } from '../shared/theme.styles.js';
import { gridStyles, widgetStyles } from '../shared/widget.styles.js';
import { emit } from '../shared/events.js';
import { ModelController } from '../shared/model-controller.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { RunController } from '../shared/run-controller.js';
import {
  parseScalesAttribute,
  parseSchedulerAttribute,
  parseSeedAttribute,
  parseSizeAttribute,
  parseStepsAttribute,
  sizeOptions,
} from '../shared/run-attributes.js';
import { renderRunForm } from '../shared/run-form.js';
import { renderError, renderProgress } from '../shared/templates.js';
import { drawComparisonGrid, renderComparisonGrid, type ComparisonCell } from '../shared/comparison-grid.js';
import { drawPredictions, renderPredictions } from './predictions-view.js';
import { guidanceComparisonStyles } from './guidance-comparison.styles.js';

interface SweepSettings {
  readonly seed: bigint;
  readonly scales: number[];
  readonly steps: number;
  readonly scheduler: SchedulerAlias | undefined;
  readonly size: number | undefined;
}

const sd1Preview = (latent: Tensor): RgbaImage => latentToRgbPreview(latent, SD1_LATENT_RGB_FACTORS);

/**
 * One prompt and one seed drawn at several guidance scales side by side (1, 3, 7.5 and 12 by
 * default), computed live as one batched sweep that shares the text encoding and the starting
 * noise; each cell fills in as its steps arrive. "Show both predictions" opens the noise the
 * model predicts without and with the prompt, and the guided mix, at a chosen step.
 *
 * @summary Guidance-scale comparison grid.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord`, one per cell per step.
 * @event lx-complete - The sweep finished; detail `{ runs }` (records per scale).
 * @event lx-error - A typed error (bad attribute, model URL…); detail `{ error }`.
 * @csspart controls - The prompt/seed/steps form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart grid - The grid of images.
 */
export class LxGuidanceComparison extends LitElement {
  static override styles = [themeStyles, widgetStyles, gridStyles, guidanceComparisonStyles];

  /** The prompt every cell draws. */
  @property({ attribute: 'prompt' }) prompt = 'a sheep riding a motorcycle';
  /** The shared seed (raw attribute string, validated). */
  @property({ attribute: 'seed' }) seed = '42';
  /** Guidance scales to compare, comma-separated (raw attribute string, validated). */
  @property({ attribute: 'scales' }) scales = '1, 3, 7.5, 12';
  /** Denoising steps per cell (raw attribute string, validated). */
  @property({ attribute: 'steps' }) steps = '20';
  /** Sampler alias; empty for the model's own. */
  @property({ attribute: 'scheduler' }) scheduler = '';
  /** Image side in pixels; empty for the model's default. */
  @property({ attribute: 'size' }) size = '';
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model to use instead of `model` (shared with other elements; never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** Recorded runs to show with no model, one per guidance scale. */
  @property({ attribute: false }) runs: readonly (readonly StepRecord[])[] | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  @state() protected cells: readonly ComparisonCell[] = [];
  @state() protected showBoth = false;
  @state() protected focusCell = 0;
  @state() protected focusStep = 0;

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  #settings: SweepSettings | undefined;
  #preview: (latent: Tensor) => RgbaImage = sd1Preview;

  /** The cells shown: label, every kept step and the decode once finished. */
  get comparison(): readonly ComparisonCell[] {
    return this.cells;
  }

  /** Whether this element holds a lease on a shared model (false once removed from the page). */
  get holdsModel(): boolean {
    return this.models.holdsLease;
  }

  /** Stops a running sweep. */
  stop(): void {
    this.run.stop();
  }

  /** Runs the sweep live; resolves when it has ended. */
  async generate(): Promise<void> {
    const settings = this.#settings;
    if (!settings) return;
    const prompt = this.prompt;
    await this.run.start(async (signal) => {
      const labels = settings.scales.map((scale) => `guidance ${scale}`);
      this.cells = labels.map((label) => ({ label, prompt, records: [], decoded: null }));
      const model = await this.models.get(this.model, this.modelInstance);
      this.#preview = (latent) => previewLatent(model, latent);
      const runs: StepRecord[][] = settings.scales.map(() => []);
      const sweep = guidanceSweep(model, {
        prompt,
        seed: settings.seed,
        guidanceScales: settings.scales,
        steps: settings.steps,
        ...(settings.scheduler ? { scheduler: settings.scheduler } : {}),
        ...sizeOptions(settings.size),
        signal,
      });
      for await (const records of sweep) {
        records.forEach((record, i) => {
          runs[i]!.push(record);
          emit(this, 'lx-step', record);
        });
        this.cells = labels.map((label, i) => ({ label, prompt, records: [...runs[i]!], decoded: null }));
        this.focusStep = runs[0]!.length - 1;
        this.run.report({ phase: 'generate', loaded: runs[0]!.length, total: settings.steps });
      }
      const decoded: RgbaImage[] = [];
      for (const records of runs) {
        decoded.push(await decodeLatent(model, records.at(-1)!.latentOut));
        signal.throwIfAborted();
      }
      this.cells = labels.map((label, i) => ({ label, prompt, records: runs[i]!, decoded: decoded[i]! }));
      return { runs };
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['seed', 'scales', 'steps', 'scheduler', 'size'] as const;
    if (inputs.some((name) => changed.has(name))) this.#validate();
    if (changed.has('runs') && this.runs) {
      this.run.stop();
      this.#preview = sd1Preview;
      this.cells = this.runs.map((records) => ({ label: `guidance ${records[0]?.guidanceScale ?? '?'}`, prompt: this.prompt, records, decoded: null }));
      this.focusStep = Math.max(0, (this.runs[0]?.length ?? 1) - 1);
    }
  }

  #validate(): void {
    try {
      this.#settings = {
        seed: parseSeedAttribute(this.seed),
        scales: parseScalesAttribute(this.scales),
        steps: parseStepsAttribute(this.steps),
        scheduler: parseSchedulerAttribute(this.scheduler),
        size: parseSizeAttribute(this.size),
      };
      if (this.run.error?.name === 'InvalidOptionError') this.run.clearError();
    } catch (error) {
      this.#settings = undefined;
      this.run.fail(error);
    }
  }

  protected override updated(): void {
    drawComparisonGrid(this.renderRoot, this.cells, this.#preview);
    if (this.showBoth) drawPredictions(this.renderRoot, this.#focusRecord(), this.#preview);
  }

  #focusRecord(): StepRecord | undefined {
    return this.cells[this.focusCell]?.records[this.focusStep];
  }

  protected override render() {
    const total = this.cells[0]?.records[0]?.totalSteps ?? this.#settings?.steps ?? 0;
    return html`
      ${renderRunForm(this, {
        fields: ['prompt', 'seed', 'steps', 'scheduler'],
        running: this.run.running,
        blocked: !this.#settings,
        onChange: (field, value) => (this[field] = value),
        onGenerate: () => void this.generate(),
        onStop: () => this.stop(),
      })}
      ${renderProgress(this.models.progress ?? this.run.progress, this.models.progress ? 'Downloading the model' : 'Generating')}
      ${renderError(this.run.error)}
      ${this.cells.length
        ? renderComparisonGrid(this.cells, total)
        : html`<p class="hint">Press Generate to draw "${this.prompt}" at guidance ${this.scales}.</p>`}
      ${this.cells.some((cell) => cell.records.length) ? this.#renderBoth() : nothing}
    `;
  }

  #renderBoth() {
    const steps = this.cells[this.focusCell]?.records.length ?? 0;
    return html`<div class="both">
      <label class="toggle">
        <input type="checkbox" .checked=${this.showBoth} @change=${(e: Event) => (this.showBoth = (e.target as HTMLInputElement).checked)} />
        Show both predictions
      </label>
      ${this.showBoth
        ? html`<div class="both-controls">
              <label>
                Cell
                <select @change=${(e: Event) => (this.focusCell = Number((e.target as HTMLSelectElement).value))}>
                  ${this.cells.map((cell, i) => html`<option value=${i} ?selected=${i === this.focusCell}>${cell.label}</option>`)}
                </select>
              </label>
              <label>
                Step ${this.focusStep + 1}
                <input
                  type="range"
                  min="0"
                  max=${Math.max(0, steps - 1)}
                  .value=${String(this.focusStep)}
                  aria-valuetext=${`step ${this.focusStep + 1} of ${steps}`}
                  @input=${(e: Event) => (this.focusStep = Number((e.target as HTMLInputElement).value))}
                />
              </label>
            </div>
            ${renderPredictions(this.#focusRecord())}`
        : nothing}
    </div>`;
  }
}

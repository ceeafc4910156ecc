import { LitElement, html, css, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import type { SchedulerAlias } from '../../pipeline/math/schedulers/index.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview } from '../../pipeline/image/latent-preview.js';
import { generate } from '../../pipeline/generate.js';
import { seedSweep } from '../../pipeline/sweeps.js';
import { decodeLatent, previewLatent } from '../../pipeline/latent-images.js';
import { themeStyles } from '../shared/theme.styles.js';
import { gridStyles, widgetStyles } from '../shared/widget.styles.js';
import { emit } from '../shared/events.js';
import { parseEnumAttribute } from '../shared/attributes.js';
import { ModelController } from '../shared/model-controller.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { RunController } from '../shared/run-controller.js';
import {
  parseGuidanceAttribute,
  parseSchedulerAttribute,
  parseSeedAttribute,
  parseSeedListAttribute,
  parseSizeAttribute,
  parseStepsAttribute,
  sizeOptions,
} from '../shared/run-attributes.js';
import { renderRunForm } from '../shared/run-form.js';
import { renderError, renderProgress } from '../shared/templates.js';
import { drawComparisonGrid, renderComparisonGrid, type ComparisonCell } from '../shared/comparison-grid.js';
import { editLabel, parseVariantsAttribute } from './prompt-variants.js';

/** What the element compares: several seeds for one prompt, or one seed for several prompts. */
export type SeedComparisonMode = 'seeds' | 'prompts';
const MODES: readonly SeedComparisonMode[] = ['seeds', 'prompts'];

interface Settings {
  readonly mode: SeedComparisonMode;
  readonly seeds: bigint[];
  readonly prompts: string[];
  readonly guidance: number;
  readonly steps: number;
  readonly scheduler: SchedulerAlias | undefined;
  readonly size: number | undefined;
}

const sd1Preview = (latent: Tensor): RgbaImage => latentToRgbPreview(latent, SD1_LATENT_RGB_FACTORS);

/**
 * What the seed decides. In `mode="seeds"` one prompt is drawn from several seeds (one
 * batched sweep); in `mode="prompts"` one seed is kept while the prompt changes by a word —
 * the "keep the seed, tweak the prompt" trick: the composition stays, the detail changes.
 *
 * @summary Seed comparison and same-seed prompt edits.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord`.
 * @event lx-complete - All cells finished; detail `{ runs }`.
 * @event lx-error - A typed error (bad attribute, model URL…); detail `{ error }`.
 * @csspart controls - The form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart grid - The grid of images.
 */
export class LxSeedComparison extends LitElement {
  static override styles = [
    themeStyles,
    widgetStyles,
    gridStyles,
    css`
      .mode {
        display: flex;
        gap: 1rem;
        border: none;
        padding: 0;
        margin: 0 0 0.5rem;
      }
    `,
  ];

  /** `seeds` (several seeds, one prompt) or `prompts` (one seed, several prompts). */
  @property({ attribute: 'mode' }) mode = 'seeds';
  /** The prompt (in `prompts` mode, the base the edits are labelled against). */
  @property({ attribute: 'prompt' }) prompt = 'a sheep riding a motorcycle';
  /** Seeds to compare, comma-separated (`seeds` mode). */
  @property({ attribute: 'seeds' }) seeds = '1, 2, 3, 4';
  /** The kept seed (`prompts` mode). */
  @property({ attribute: 'seed' }) seed = '42';
  /** Prompt edits separated by `|` (`prompts` mode). */
  @property({ attribute: 'variants' }) variants = 'a white sheep riding a motorcycle | a black sheep riding a motorcycle | a white cow riding a motorcycle';
  /** Guidance scale of every cell. */
  @property({ attribute: 'guidance' }) guidance = '7.5';
  /** Denoising steps per cell. */
  @property({ attribute: 'steps' }) steps = '20';
  /** Sampler alias; empty for the model's own. */
  @property({ attribute: 'scheduler' }) scheduler = '';
  /** Image side in pixels; empty for the model's default. */
  @property({ attribute: 'size' }) size = '';
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model to use instead of `model` (shared with other elements; never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** Recorded runs to show with no model: label, prompt and steps per cell. */
  @property({ attribute: false }) runs: readonly { label: string; prompt: string; records: readonly StepRecord[] }[] | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  @state() protected cells: readonly ComparisonCell[] = [];

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  #settings: Settings | undefined;
  #preview: (latent: Tensor) => RgbaImage = sd1Preview;

  /** The cells shown. */
  get comparison(): readonly ComparisonCell[] {
    return this.cells;
  }

  /** Whether this element holds a lease on a shared model (false once removed from the page). */
  get holdsModel(): boolean {
    return this.models.holdsLease;
  }

  stop(): void {
    this.run.stop();
  }

  /** Draws every cell live; resolves when done. */
  async generate(): Promise<void> {
    const settings = this.#settings;
    if (!settings) return;
    const base = this.prompt;
    await this.run.start(async (signal) => {
      const plan =
        settings.mode === 'seeds'
          ? settings.seeds.map((seed) => ({ label: `seed ${seed}`, prompt: base, seed }))
          : settings.prompts.map((prompt) => ({ label: editLabel(base, prompt), prompt, seed: settings.seeds[0]! }));
      const runs: StepRecord[][] = plan.map(() => []);
      const decoded: (RgbaImage | null)[] = plan.map(() => null);
      const refresh = () => (this.cells = plan.map((cell, i) => ({ label: cell.label, prompt: cell.prompt, records: [...runs[i]!], decoded: decoded[i]! })));
      refresh();
      const model = await this.models.get(this.model, this.modelInstance);
      this.#preview = (latent) => previewLatent(model, latent);
      const common = { steps: settings.steps, guidanceScale: settings.guidance, ...(settings.scheduler ? { scheduler: settings.scheduler } : {}), ...sizeOptions(settings.size), signal };
      const accept = (i: number, record: StepRecord) => {
        runs[i]!.push(record);
        emit(this, 'lx-step', record);
      };
      if (settings.mode === 'seeds') {
        for await (const records of seedSweep(model, { ...common, prompt: base, seeds: settings.seeds })) {
          records.forEach((record, i) => accept(i, record));
          refresh();
          this.run.report({ phase: 'generate', loaded: runs[0]!.length, total: settings.steps });
        }
      } else {
        // Different prompts need different text states: one run each, all from the same seed.
        for (const [i, cell] of plan.entries()) {
          for await (const record of generate(model, { ...common, prompt: cell.prompt, seed: cell.seed })) {
            accept(i, record);
            refresh();
            this.run.report({ phase: 'generate', loaded: i * settings.steps + runs[i]!.length, total: plan.length * settings.steps });
          }
        }
      }
      for (const [i, records] of runs.entries()) {
        decoded[i] = await decodeLatent(model, records.at(-1)!.latentOut);
        signal.throwIfAborted();
      }
      refresh();
      return { runs };
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['mode', 'seeds', 'seed', 'variants', 'guidance', 'steps', 'scheduler', 'size'] as const;
    if (inputs.some((name) => changed.has(name))) this.#validate();
    if (changed.has('runs') && this.runs) {
      this.run.stop();
      this.#preview = sd1Preview;
      this.cells = this.runs.map((cell) => ({ ...cell, decoded: null }));
    }
  }

  #validate(): void {
    try {
      const mode = parseEnumAttribute('mode', this.mode, MODES);
      this.#settings = {
        mode,
        seeds: mode === 'seeds' ? parseSeedListAttribute(this.seeds) : [parseSeedAttribute(this.seed)],
        prompts: mode === 'prompts' ? parseVariantsAttribute(this.variants) : [this.prompt],
        guidance: parseGuidanceAttribute(this.guidance),
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
  }

  protected override render() {
    const total = this.cells[0]?.records[0]?.totalSteps ?? this.#settings?.steps ?? 0;
    const form =
      this.mode === 'prompts'
        ? renderRunForm(this, {
            fields: ['prompt', 'seed', 'guidance', 'steps'],
            running: this.run.running,
            blocked: !this.#settings,
            onChange: (field, value) => (this[field] = value),
            onGenerate: () => void this.generate(),
            onStop: () => this.stop(),
          })
        : renderRunForm(this, {
            fields: ['prompt', 'guidance', 'steps'],
            running: this.run.running,
            blocked: !this.#settings,
            onChange: (field, value) => (this[field] = value),
            onGenerate: () => void this.generate(),
            onStop: () => this.stop(),
          });
    return html`
      <fieldset class="mode">
        <legend class="lx-visually-hidden">Compare</legend>
        ${MODES.map(
          (mode) => html`<label>
            <input type="radio" name="mode" value=${mode} .checked=${this.mode === mode} @change=${() => (this.mode = mode)} />
            ${mode === 'seeds' ? 'Several seeds, one prompt' : 'One seed, edited prompts'}
          </label>`,
        )}
      </fieldset>
      ${form}
      ${this.mode === 'seeds'
        ? html`<label class="hint">Seeds <input type="text" .value=${this.seeds} @change=${(e: Event) => (this.seeds = (e.target as HTMLInputElement).value)} /></label>`
        : html`<label class="hint"
            >Prompt edits (separated by |)
            <input type="text" size="40" .value=${this.variants} @change=${(e: Event) => (this.variants = (e.target as HTMLInputElement).value)}
          /></label>`}
      ${renderProgress(this.models.progress ?? this.run.progress, this.models.progress ? 'Downloading the model' : 'Generating')}
      ${renderError(this.run.error)}
      ${this.cells.length ? renderComparisonGrid(this.cells, total) : html`<p class="hint">Press Generate to compare.</p>`}
    `;
  }
}

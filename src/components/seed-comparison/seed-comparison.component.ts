import { html, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { SchedulerAlias } from '../../pipeline/math/schedulers/index.js';
import { generate } from '../../pipeline/run/generate.js';
import { seedSweep } from '../../pipeline/run/sweeps.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { gridStyles, widgetStyles } from '../shared/styles/widget.styles.js';
import { parseEnumAttribute } from '../shared/attributes.js';
import { ComparisonElement, type ShippedCellPlan } from '../shared/comparison-element.js';
import {
  parseGuidanceAttribute,
  parseSchedulerAttribute,
  parseSeedAttribute,
  parseSeedListAttribute,
  parseSizeAttribute,
  parseStepsAttribute,
  sizeOptions,
} from '../shared/run-attributes.js';
import { renderComparisonGrid } from '../shared/render/comparison-grid.js';
import { attributeField, type ShareField } from '../shared/controllers/share-controller.js';
import { editLabel, parseVariantsAttribute } from './prompt-variants.js';
import { inheritTheme } from '../shared/contexts.js';

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

/**
 * What the seed decides. In `mode="seeds"` one prompt is drawn from several seeds (one
 * batched sweep); in `mode="prompts"` one seed is kept while the prompt changes by a word —
 * the "keep the seed, tweak the prompt" trick: the composition stays, the detail changes.
 *
 * @summary Seed comparison and same-seed prompt edits.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord`.
 * @event lx-complete - All cells finished, or the shipped recordings of the default runs are shown; detail `{ runs }` (`recorded: true` for the latter).
 * @event lx-error - A typed error (bad attribute, model URL…); detail `{ error }`.
 * @csspart controls - The form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart backend - The line saying which backend (WebGPU or WASM) runs the model, and why.
 * @csspart grid - The grid of images.
 * @csspart save - The Save PNG button (saves the grid, labelled, as one PNG).
 */
export class LxSeedComparison extends ComparisonElement<Settings> {
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
  /** Recorded runs to show with no model: label, prompt and steps per cell. */
  @property({ attribute: false }) runs: readonly { label: string; prompt: string; records: readonly StepRecord[] }[] | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  constructor() {
    super();
    // Inside lx-explainer, the explainer's theme (shared/contexts.ts); on its own, nothing.
    inheritTheme(this);
  }

  /** Draws every cell live; resolves when done. */
  async generate(): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    const base = this.prompt;
    const plan =
      settings.mode === 'seeds'
        ? settings.seeds.map((seed) => ({ label: `seed ${seed}`, prompt: base, seed }))
        : settings.prompts.map((prompt) => ({ label: editLabel(base, prompt), prompt, seed: settings.seeds[0]! }));
    await this.runSweep(plan, async (model, cells, signal) => {
      const common = { steps: settings.steps, guidanceScale: settings.guidance, ...(settings.scheduler ? { scheduler: settings.scheduler } : {}), ...sizeOptions(settings.size), signal };
      if (settings.mode === 'seeds') {
        for await (const records of seedSweep(model, { ...common, prompt: base, seeds: settings.seeds })) {
          records.forEach((record, i) => cells.add(i, record));
          this.run.report({ phase: 'generate', loaded: cells.runs[0]!.length, total: settings.steps });
        }
        return;
      }
      // Different prompts need different text states: one run each, all from the same seed.
      for (const [i, cell] of plan.entries()) {
        for await (const record of generate(model, { ...common, prompt: cell.prompt, seed: cell.seed })) {
          cells.add(i, record);
          this.run.report({ phase: 'generate', loaded: i * settings.steps + cells.runs[i]!.length, total: plan.length * settings.steps });
        }
      }
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['mode', 'seeds', 'seed', 'variants', 'guidance', 'steps', 'scheduler', 'size'] as const;
    if (inputs.some((name) => changed.has(name))) this.validate(() => this.#parseSettings());
    if (inputs.some((name) => changed.has(name)) || changed.has('prompt') || changed.has('model') || changed.has('modelInstance')) this.settingsChanged();
    if (changed.has('runs') && this.runs) this.showRecorded(this.runs.map((cell) => ({ ...cell, decoded: null })));
  }

  protected shareFields(): readonly ShareField[] {
    return [
      attributeField(this, 'mode', (raw) => parseEnumAttribute('mode', raw, MODES)),
      attributeField(this, 'prompt'),
      attributeField(this, 'seeds', parseSeedListAttribute),
      attributeField(this, 'seed', parseSeedAttribute),
      attributeField(this, 'variants', parseVariantsAttribute),
      attributeField(this, 'guidance', parseGuidanceAttribute),
      attributeField(this, 'steps', parseStepsAttribute),
      attributeField(this, 'scheduler', parseSchedulerAttribute),
    ];
  }

  protected pictureTitle(): { title: string; name: readonly string[] } {
    return this.mode === 'prompts'
      ? { title: `seed ${this.seed}, guidance ${this.guidance}, ${this.steps} steps`, name: [this.prompt, `seed ${this.seed}`, 'prompt edits'] }
      : { title: `"${this.prompt}", guidance ${this.guidance}, ${this.steps} steps`, name: [this.prompt, 'seeds', this.seeds] };
  }

  protected shippedPlan(): readonly ShippedCellPlan[] | undefined {
    const settings = this.settings;
    if (!settings) return undefined;
    const { guidance, steps, scheduler, size } = settings;
    const base = this.prompt;
    return settings.mode === 'seeds'
      ? settings.seeds.map((seed) => ({ label: `seed ${seed}`, prompt: base, settings: { prompt: base, seed, guidance, steps, scheduler, size } }))
      : settings.prompts.map((prompt) => ({ label: editLabel(base, prompt), prompt, settings: { prompt, seed: settings.seeds[0]!, guidance, steps, scheduler, size } }));
  }

  #parseSettings(): Settings {
    const mode = parseEnumAttribute('mode', this.mode, MODES);
    return {
      mode,
      seeds: mode === 'seeds' ? parseSeedListAttribute(this.seeds) : [parseSeedAttribute(this.seed)],
      prompts: mode === 'prompts' ? parseVariantsAttribute(this.variants) : [this.prompt],
      guidance: parseGuidanceAttribute(this.guidance),
      steps: parseStepsAttribute(this.steps),
      scheduler: parseSchedulerAttribute(this.scheduler),
      size: parseSizeAttribute(this.size),
    };
  }

  protected override render() {
    const total = this.cells[0]?.records[0]?.totalSteps ?? this.settings?.steps ?? 0;
    const form =
      this.mode === 'prompts'
        ? this.renderForm(['prompt', 'seed', 'guidance', 'steps'], { goLive: true })
        : this.renderForm(['prompt', 'guidance', 'steps'], { goLive: true });
    return html`
      <fieldset class="mode">
        <legend class="lx-visually-hidden">Compare</legend>
        ${MODES.map(
          (mode) => html`<label>
            <input type="radio" name="mode" value=${mode} .checked=${this.mode === mode} @change=${() => {
                this.mode = mode;
                this.readerChanged();
              }} />
            ${mode === 'seeds' ? 'Several seeds, one prompt' : 'One seed, edited prompts'}
          </label>`,
        )}
      </fieldset>
      ${form}
      ${this.mode === 'seeds'
        ? html`<label class="hint">Seeds <input type="text" .value=${this.seeds} @change=${(e: Event) => {
                this.seeds = (e.target as HTMLInputElement).value;
                this.readerChanged();
              }} /></label>`
        : html`<label class="hint"
            >Prompt edits (separated by |)
            <input type="text" size="40" .value=${this.variants} @change=${(e: Event) => {
              this.variants = (e.target as HTMLInputElement).value;
              this.readerChanged();
            }}
          /></label>`}
      ${this.renderStatus()}
      ${this.cells.length
        ? renderComparisonGrid(this.cells, total, () => void this.savePng())
        : html`<p class="hint">Press Generate to draw every ${this.mode === 'prompts' ? 'prompt edit' : 'seed'}: it loads the model in your browser first.</p>`}
      ${this.renderRecordedCaption()}
    `;
  }
}

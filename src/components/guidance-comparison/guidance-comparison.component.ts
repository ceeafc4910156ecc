import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { SchedulerAlias } from '../../pipeline/math/schedulers/index.js';
import { guidanceSweep } from '../../pipeline/run/sweeps.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { gridStyles, widgetStyles } from '../shared/styles/widget.styles.js';
import { ComparisonElement, type ShippedCellPlan } from '../shared/comparison-element.js';
import {
  parseScalesAttribute,
  parseSchedulerAttribute,
  parseSeedAttribute,
  parseSizeAttribute,
  parseStepsAttribute,
  sizeOptions,
} from '../shared/run-attributes.js';
import { renderComparisonGrid } from '../shared/render/comparison-grid.js';
import { attributeField, type ShareField } from '../shared/controllers/share-controller.js';
import { drawPredictions, renderPredictions } from './predictions-view.js';
import { guidanceComparisonStyles } from './guidance-comparison.styles.js';
import { inheritTheme } from '../shared/contexts.js';

interface SweepSettings {
  readonly seed: bigint;
  readonly scales: number[];
  readonly steps: number;
  readonly scheduler: SchedulerAlias | undefined;
  readonly size: number | undefined;
}

/**
 * One prompt and one seed drawn at several guidance scales side by side (1, 3, 7.5 and 12 by
 * default), computed live as one batched sweep that shares the text encoding and the starting
 * noise; each cell fills in as its steps arrive. "Show both predictions" opens, on a guided
 * cell, the noise the model predicts without and with the prompt, their difference (scaled,
 * with the factor stated) that guidance multiplies, and the guided mix, at a chosen step.
 *
 * @summary Guidance-scale comparison grid.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord`, one per cell per step.
 * @event lx-complete - The sweep finished, or the shipped recordings of the default runs are shown; detail `{ runs }` (records per scale; `recorded: true` for the latter).
 * @event lx-error - A typed error (bad attribute, model URL…); detail `{ error }`.
 * @csspart controls - The prompt/seed/steps form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart backend - The line saying which backend (WebGPU or WASM) runs the model, and why.
 * @csspart grid - The grid of images.
 * @csspart save - The Save PNG button (saves the grid, labelled, as one PNG).
 */
export class LxGuidanceComparison extends ComparisonElement<SweepSettings> {
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
  /** Recorded runs to show with no model, one per guidance scale. */
  @property({ attribute: false }) runs: readonly (readonly StepRecord[])[] | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  constructor() {
    super();
    // Inside lx-explainer, the explainer's theme (shared/contexts.ts); on its own, nothing.
    inheritTheme(this);
  }

  @state() protected showBoth = false;
  @state() protected focusCell = 0;
  @state() protected focusStep = 0;

  /** Runs the sweep live; resolves when it has ended. */
  async generate(): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    const prompt = this.prompt;
    const plan = settings.scales.map((scale) => ({ label: `guidance ${scale}`, prompt }));
    await this.runSweep(plan, async (model, cells, signal) => {
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
        records.forEach((record, i) => cells.add(i, record));
        const done = cells.runs[0]!.length;
        this.focusStep = done - 1;
        this.run.report({ phase: 'generate', loaded: done, total: settings.steps });
      }
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['seed', 'scales', 'steps', 'scheduler', 'size'] as const;
    if (inputs.some((name) => changed.has(name))) {
      this.validate(() => ({
        seed: parseSeedAttribute(this.seed),
        scales: parseScalesAttribute(this.scales),
        steps: parseStepsAttribute(this.steps),
        scheduler: parseSchedulerAttribute(this.scheduler),
        size: parseSizeAttribute(this.size),
      }));
    }
    if (inputs.some((name) => changed.has(name)) || changed.has('prompt') || changed.has('model') || changed.has('modelInstance')) this.settingsChanged();
    if (changed.has('runs') && this.runs) {
      this.showRecorded(this.runs.map((records) => ({ label: `guidance ${records[0]?.guidanceScale ?? '?'}`, prompt: this.prompt, records, decoded: null })));
      this.focusStep = Math.max(0, (this.runs[0]?.length ?? 1) - 1);
    }
  }

  protected shareFields(): readonly ShareField[] {
    return [
      attributeField(this, 'prompt'),
      attributeField(this, 'seed', parseSeedAttribute),
      attributeField(this, 'scales', parseScalesAttribute),
      attributeField(this, 'steps', parseStepsAttribute),
      attributeField(this, 'scheduler', parseSchedulerAttribute),
    ];
  }

  protected pictureTitle(): { title: string; name: readonly string[] } {
    return { title: `"${this.prompt}", seed ${this.seed}, ${this.steps} steps`, name: [this.prompt, `seed ${this.seed}`, 'guidance'] };
  }

  protected shippedPlan(): readonly ShippedCellPlan[] | undefined {
    const settings = this.settings;
    if (!settings) return undefined;
    const { seed, steps, scheduler, size } = settings;
    const prompt = this.prompt;
    return settings.scales.map((guidance) => ({ label: `guidance ${guidance}`, prompt, settings: { prompt, seed, guidance, steps, scheduler, size } }));
  }

  protected override updated(): void {
    super.updated();
    if (this.showBoth) drawPredictions(this.renderRoot, this.#focusRecord(), this.preview);
  }

  #focusRecord(): StepRecord | undefined {
    return this.cells[this.focusCell]?.records[this.focusStep];
  }

  protected override render() {
    const total = this.cells[0]?.records[0]?.totalSteps ?? this.settings?.steps ?? 0;
    return html`
      ${this.renderForm(['prompt', 'seed', 'steps', 'scheduler'], { goLive: true })}
      ${this.renderStatus()}
      ${this.cells.length
        ? renderComparisonGrid(this.cells, total, () => void this.savePng())
        : html`<p class="hint">Press Generate to draw "${this.prompt}" at guidance ${this.scales}: it loads the model in your browser first.</p>`}
      ${this.renderRecordedCaption()}
      ${this.cells.some((cell) => cell.records.length) ? this.#renderBoth() : nothing}
    `;
  }

  /** Opens on a cell that has an unconditional prediction (guidance > 1), if any cell does. */
  #toggleBoth(open: boolean): void {
    this.showBoth = open;
    if (!open || this.#focusRecord()?.noisePredUncond) return;
    const guided = this.cells.findIndex((cell) => cell.records[this.focusStep]?.noisePredUncond ?? cell.records.at(-1)?.noisePredUncond);
    if (guided >= 0) this.focusCell = guided;
  }

  #renderBoth() {
    const steps = this.cells[this.focusCell]?.records.length ?? 0;
    return html`<div class="both">
      <label class="toggle">
        <input type="checkbox" .checked=${this.showBoth} @change=${(e: Event) => this.#toggleBoth((e.target as HTMLInputElement).checked)} />
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

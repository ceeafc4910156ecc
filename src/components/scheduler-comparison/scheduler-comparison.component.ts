import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { schemeTableau10, select } from 'd3';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import { recordedSigmas, schedulerSweep, sigmaSchedules, type SigmaSeries } from '../../pipeline/run/scheduler-sweep.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { gridStyles, widgetStyles } from '../shared/styles/widget.styles.js';
import { ComparisonElement, type ShippedCellPlan } from '../shared/comparison-element.js';
import { parseGuidanceAttribute, parseSeedAttribute, parseSizeAttribute, sizeOptions } from '../shared/run-attributes.js';
import { renderComparisonGrid } from '../shared/render/comparison-grid.js';
import { fitChartScales, renderLineChart, type LineSeries } from '../shared/render/render-line-chart.js';
import { attributeField, type ShareField } from '../shared/controllers/share-controller.js';
import '../trajectory-plot/trajectory-plot.js';
import { columnLabel, parseColumnsAttribute, type SchedulerColumnSetting } from './scheduler-columns.js';
import { schedulerComparisonStyles } from './scheduler-comparison.styles.js';
import { inheritTheme } from '../shared/contexts.js';

interface Settings {
  readonly seed: bigint;
  readonly guidance: number;
  readonly columns: SchedulerColumnSetting[];
  readonly size: number | undefined;
}

/** A recorded column to show with no model. */
export interface RecordedSchedulerColumn {
  readonly label: string;
  readonly prompt: string;
  readonly records: readonly StepRecord[];
}

const CHART = { width: 360, height: 220 };
const color = (index: number): string => schemeTableau10[index % 10]!;

/**
 * One prompt and one seed through several samplers and step counts side by side (DDIM,
 * Euler, Euler a, DPM++ 2M, LCM, DDPM…). Every column starts from the same draw of noise (scaled
 * by its sampler's initial σ), so what differs is only how each sampler walks down its σ
 * schedule: the schedules are drawn on one chart, and every column's path through latent space
 * on one trajectory plot, beside the final pictures.
 *
 * @summary Samplers and step counts compared on the same starting noise.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord`, column after column.
 * @event lx-complete - Every column finished, or the shipped recordings of the default columns are shown; detail `{ runs }` (records per column; `recorded: true` for the latter).
 * @event lx-error - A typed error (bad attribute, model URL…); detail `{ error }`.
 * @csspart save - The Save PNG button (saves the grid, labelled, as one PNG).
 * @csspart controls - The prompt/seed/guidance form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart backend - The line saying which backend (WebGPU or WASM) runs the model, and why.
 * @csspart grid - The final pictures, one per column.
 * @csspart sigma - The σ-schedule chart.
 * @csspart trajectories - The trajectory plot of every column.
 */
export class LxSchedulerComparison extends ComparisonElement<Settings> {
  static override styles = [themeStyles, widgetStyles, gridStyles, schedulerComparisonStyles];

  /** The prompt every column draws. */
  @property({ attribute: 'prompt' }) prompt = 'a sheep riding a motorcycle';
  /** The shared seed. */
  @property({ attribute: 'seed' }) seed = '42';
  /** Guidance scale of every column. */
  @property({ attribute: 'guidance' }) guidance = '7.5';
  /** The columns, as comma-separated `sampler:steps` pairs (samplers: ddpm, ddim, euler, euler-a, dpm++2m, dpm++2m-karras, lcm). */
  @property({ attribute: 'columns' }) columns = 'ddim:50, ddim:10, dpm++2m:10, euler:10, euler-a:10, lcm:4, ddpm:50';
  /** Image side in pixels; empty for the model's default. */
  @property({ attribute: 'size' }) size = '';
  /** Recorded columns to show with no model. */
  @property({ attribute: false }) runs: readonly RecordedSchedulerColumn[] | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  constructor() {
    super();
    // Inside lx-explainer, the explainer's theme (shared/contexts.ts); on its own, nothing.
    inheritTheme(this);
  }

  /** Each column's σ schedule (the whole plan once the run has started, or a recording's). */
  @state() protected schedules: readonly SigmaSeries[] = [];
  /** The seed's N(0, 1) draw every live column started from. */
  @state() protected noise: Tensor | undefined;

  @query('svg.sigma') private sigmaSvg!: SVGSVGElement | null;

  /** The σ schedules drawn on the chart, one per column. */
  get sigmaSeries(): readonly SigmaSeries[] {
    return this.schedules;
  }

  /** The shared starting noise of the latest live run (before each sampler's initial-σ scaling). */
  get startingNoise(): Tensor | undefined {
    return this.noise;
  }

  /** Each live column's initial σ: its x_T is `startingNoise` times this (1 for DDIM, DDPM, LCM, DPM++). */
  get initialSigmas(): readonly number[] {
    return this.#initialSigmas;
  }

  #initialSigmas: readonly number[] = [];

  protected shareFields(): readonly ShareField[] {
    return [
      attributeField(this, 'prompt'),
      attributeField(this, 'seed', parseSeedAttribute),
      attributeField(this, 'guidance', parseGuidanceAttribute),
      attributeField(this, 'columns', parseColumnsAttribute),
    ];
  }

  protected pictureTitle(): { title: string; name: readonly string[] } {
    return { title: `"${this.prompt}", seed ${this.seed}, guidance ${this.guidance}`, name: [this.prompt, `seed ${this.seed}`, 'samplers'] };
  }

  /** One shipped recording per column (`npm run build:recordings` records the default columns). */
  protected shippedPlan(): readonly ShippedCellPlan[] | undefined {
    const settings = this.settings;
    if (!settings) return undefined;
    const { seed, guidance, size } = settings;
    const prompt = this.prompt;
    return settings.columns.map((column) => ({
      label: columnLabel(column),
      prompt,
      settings: { prompt, seed, guidance, steps: column.steps, scheduler: column.scheduler, size },
    }));
  }

  /** Runs every column live, one after another; resolves when done. */
  async generate(): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    const prompt = this.prompt;
    const labels = settings.columns.map(columnLabel);
    const total = settings.columns.reduce((sum, column) => sum + column.steps, 0);
    this.schedules = [];
    this.noise = undefined;
    this.#initialSigmas = [];
    await this.runSweep(
      labels.map((label) => ({ label, prompt })),
      async (model, cells, signal) => {
        const run = schedulerSweep(model, {
          prompt,
          seed: settings.seed,
          guidanceScale: settings.guidance,
          columns: settings.columns,
          ...sizeOptions(settings.size),
          signal,
        });
        let done = 0;
        for await (const { column, record } of run) {
          if (done === 0) {
            const info = await run.info;
            this.noise = info.noise;
            this.#initialSigmas = info.columns.map((c) => c.plan.initNoiseSigma);
            this.schedules = sigmaSchedules(info.columns.map((c, i) => ({ label: labels[i]!, sigmas: c.plan.sigmas })));
          }
          cells.add(column, record);
          done += 1;
          this.run.report({ phase: 'generate', loaded: done, total });
        }
      },
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['seed', 'guidance', 'columns', 'size'] as const;
    if (inputs.some((name) => changed.has(name))) {
      this.validate(() => ({
        seed: parseSeedAttribute(this.seed),
        guidance: parseGuidanceAttribute(this.guidance),
        columns: parseColumnsAttribute(this.columns),
        size: parseSizeAttribute(this.size),
      }));
    }
    if (inputs.some((name) => changed.has(name)) || changed.has('prompt') || changed.has('model') || changed.has('modelInstance')) this.settingsChanged();
    // Shipped recordings of the default columns: their σ schedules are in the records.
    if ((changed as PropertyValues).has('cells') && this.recordedDefault) {
      this.noise = undefined;
      this.schedules = sigmaSchedules(this.cells.map((cell) => ({ label: cell.label, sigmas: recordedSigmas(cell.records) })));
    }
    if (changed.has('runs') && this.runs) {
      this.showRecorded(this.runs.map((column) => ({ ...column, decoded: null })));
      this.noise = undefined;
      this.schedules = sigmaSchedules(this.runs.map((column) => ({ label: column.label, sigmas: recordedSigmas(column.records) })));
    }
  }

  protected override updated(): void {
    super.updated();
    if (!this.sigmaSvg || this.schedules.length === 0) return;
    const series: LineSeries[] = this.schedules.map((s, i) => ({ label: s.label, x: s.progress, y: s.sigma, color: color(i) }));
    renderLineChart(select(this.sigmaSvg), series, fitChartScales(series, CHART, { logY: true }), { x: 'share of the run done', y: 'σ' });
  }

  protected override render() {
    const finished = !this.run.running && this.cells.length > 0 && this.cells.every((cell) => cell.records.length > 0);
    return html`
      ${this.renderForm(['prompt', 'seed', 'guidance'], { goLive: true })}
      <label class="columns-field hint">
        Samplers and steps (sampler:steps, separated by commas)
        <input
          type="text"
          name="columns"
          .value=${this.columns}
          @change=${(e: Event) => {
            this.columns = (e.target as HTMLInputElement).value;
            this.readerChanged();
          }}
        />
      </label>
      ${this.renderStatus()}
      ${this.cells.length
        ? this.#renderGrid()
        : html`<p class="hint">Press Generate to draw "${this.prompt}" with each sampler from the same noise.</p>`}
      ${this.renderRecordedCaption()}
      ${this.schedules.length || finished
        ? html`<div class="charts">
            ${this.schedules.length
              ? html`<figure part="sigma">
                  <h3>σ schedules (log scale)</h3>
                  <svg class="sigma" role="img" aria-label=${`σ against the share of the run done, log scale, for ${this.schedules.map((s) => s.label).join(', ')}`}></svg>
                  <ul class="legend">
                    ${this.schedules.map((s, i) => html`<li style=${`--swatch: ${color(i)}`}>${s.label}</li>`)}
                  </ul>
                </figure>`
              : nothing}
            ${finished
              ? html`<figure part="trajectories">
                  <h3>Paths through latent space</h3>
                  <lx-trajectory-plot
                    show="both"
                    .latentRgb=${this.latentRgb}
                    .runs=${this.cells.map((cell) => ({ label: cell.label, records: cell.records }))}
                    theme=${this.theme ?? nothing}
                  ></lx-trajectory-plot>
                </figure>`
              : nothing}
          </div>`
        : nothing}
    `;
  }

  #renderGrid() {
    // Columns differ in step count: each cell's own total.
    const total = Math.max(...this.cells.map((cell) => cell.records[0]?.totalSteps ?? 0), 0);
    return renderComparisonGrid(this.cells, total, () => void this.savePng());
  }
}

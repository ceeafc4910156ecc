import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import {
  SCHEDULER_ALIAS_NAMES,
  schedulerFromAlias,
  type DiffusersSchedulerConfig,
  type Scheduler,
  type SchedulerAlias,
  type TimestepPlan,
} from '../../pipeline/math/schedulers/index.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { sliderStyles } from '../shared/styles/slider.styles.js';
import { ShareController, attributeField } from '../shared/controllers/share-controller.js';
import { emit } from '../shared/events.js';
import { parseEnumAttribute, parseIntegerAttribute } from '../shared/attributes.js';
import { renderError } from '../shared/render/templates.js';
import { fitChartScales, renderLineChart, type LineSeries } from '../shared/render/render-line-chart.js';
import { scheduleCurves, type ScheduleCurves } from './schedule-curves.js';
import { noiseScheduleStyles } from './noise-schedule.styles.js';
import { SD1_SCHEDULER_CONFIG } from '../../pipeline/math/schedulers/sd1-schedule.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { DEFAULT_MODEL_URL } from '../shared/page-models.js';
import '../forward-process/forward-process.js';
import type { LxForwardProcess } from '../forward-process/forward-process.component.js';
import { inheritModel, inheritTheme } from '../shared/contexts.js';

export { SD1_SCHEDULER_CONFIG };

const COLORS = {
  alpha: 'var(--lx-color-alpha, #1c7ed6)',
  sigma: 'var(--lx-color-sigma, #e8590c)',
  snr: 'var(--lx-color-snr, #2f9e44)',
};

/**
 * The noise schedule of a diffusion model: how much of the image survives (ᾱ), how loud the
 * noise is relative to it (σ) and the signal-to-noise ratio at every training timestep, for
 * any scheduler config, with the timesteps a sampler visits in a run of `steps` steps. A
 * slider picks a timestep t and reads its values out. Below the curves, an `lx-forward-process`
 * panel shows what t does to an image (the model's, or one the reader drops in) under the same
 * schedule; `curves-only` leaves it out, and the model is loaded only once the reader asks
 * the panel for an image.
 *
 * @summary Noise-schedule curves (ᾱ, σ, SNR) for any scheduler config, and an image noised to t.
 * @event lx-error - A typed error for a bad attribute or config; detail `{ error }`. The panel's errors bubble out too.
 * @event lx-change - The reader moved the timestep slider; detail `{ timestep }`.
 * @event lx-progress - From the panel: model download, generation, encoding (`ProgressDetail`).
 * @event lx-complete - From the panel: an image is ready and noised to t.
 * @csspart controls - Scheduler and steps controls.
 * @csspart error - The error message.
 * @csspart chart - Each chart figure.
 * @csspart slider - The timestep slider and its readout.
 * @csspart forward - The forward-process panel (an `lx-forward-process`).
 * @cssprop --lx-color-alpha - Colour of the ᾱ curve.
 * @cssprop --lx-color-sigma - Colour of the σ curve.
 * @cssprop --lx-color-snr - Colour of the SNR curve.
 */
export class LxNoiseSchedule extends LitElement {
  static override styles = [themeStyles, widgetStyles, sliderStyles, noiseScheduleStyles];

  /** Sampler short name (`ddim`, `euler`, `dpm++2m-karras`, …), derived from `config`. */
  @property({ attribute: 'scheduler' }) scheduler = 'ddim';
  /** Number of inference steps whose timesteps are listed (raw attribute string). */
  @property({ attribute: 'steps' }) steps = '20';
  /** The training timestep the slider shows (raw attribute string). */
  @property({ attribute: 'timestep' }) timestep = '500';
  /** The model's diffusers `scheduler_config.json`; Stable Diffusion 1.x's by default. */
  @property({ attribute: false }) config: DiffusersSchedulerConfig = SD1_SCHEDULER_CONFIG;
  /** Only the curves: no forward-process panel (and never a model). */
  @property({ attribute: 'curves-only', type: Boolean }) curvesOnly = false;
  /** The panel's model: URL of a diffusers-style ONNX folder with a VAE; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model for the panel instead of `model` (never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** What the panel's model draws as the clean image. */
  @property({ attribute: 'prompt' }) prompt = 'a white sheep riding a red motorcycle on a road';
  /** Seed of the panel's generated image (raw attribute string, validated by the panel). */
  @property({ attribute: 'seed' }) seed = '42';
  /** Seed of the noise ε the panel adds (raw attribute string, validated by the panel). */
  @property({ attribute: 'noise-seed' }) noiseSeed = '7';
  /** The panel generates its image as soon as it is on the page (this loads the model). */
  @property({ attribute: 'autoplay', type: Boolean }) autoplay = false;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Keep the reader's settings in the page address (after #) and restore them from it, so a copied link shows the same figure; give the element an `id` when a page has several. */
  @property({ attribute: 'share', type: Boolean }) share = false;
  protected readonly sharing = new ShareController(
    this,
    [
      attributeField(this, 'scheduler', (raw) => parseEnumAttribute('scheduler', raw, SCHEDULER_ALIAS_NAMES)),
      attributeField(this, 'steps', (raw) => parseIntegerAttribute('steps', raw, 1, 1000)),
      attributeField(this, 'timestep', (raw) => parseIntegerAttribute('timestep', raw, 0, 999)),
    ],
    (error) => {
      this.error = error;
      emit(this, 'lx-error', { error });
    },
  );

  constructor() {
    super();
    // Inside lx-explainer, the explainer's model and theme (shared/contexts.ts); on its own, nothing.
    inheritModel(this);
    inheritTheme(this);
  }

  @state() protected error: Error | undefined;
  @state() protected curves: ScheduleCurves | undefined;
  @state() protected plan: TimestepPlan | undefined;
  @state() protected t = 500;

  @query('svg.alpha') private alphaSvg!: SVGSVGElement | null;
  @query('svg.sigma') private sigmaSvg!: SVGSVGElement | null;
  @query('lx-forward-process') private panel!: LxForwardProcess | null;

  #scheduler: Scheduler | undefined;

  /** The scheduler built from `config` and `scheduler` (undefined while the input is invalid). */
  get schedulerInstance(): Scheduler | undefined {
    return this.#scheduler;
  }

  /** The timestep shown, validated. */
  get currentTimestep(): number {
    return this.t;
  }

  /** The forward-process panel, or null with `curves-only`. */
  get forwardProcess(): LxForwardProcess | null {
    return this.panel;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('scheduler') && !changed.has('steps') && !changed.has('timestep') && !changed.has('config')) return;
    try {
      const alias = parseEnumAttribute<SchedulerAlias>('scheduler', this.scheduler, SCHEDULER_ALIAS_NAMES);
      if (changed.has('scheduler') || changed.has('config') || !this.#scheduler) {
        this.#scheduler = schedulerFromAlias(alias, this.config);
        this.curves = scheduleCurves(this.#scheduler);
      }
      const last = this.#scheduler.numTrainTimesteps - 1;
      this.plan = this.#scheduler.plan(parseIntegerAttribute('steps', this.steps, 1, this.#scheduler.numTrainTimesteps));
      this.t = parseIntegerAttribute('timestep', this.timestep, 0, last);
      this.error = undefined;
    } catch (error) {
      this.#scheduler = undefined;
      this.curves = undefined;
      this.plan = undefined;
      this.error = error as Error;
      emit(this, 'lx-error', { error: this.error });
    }
  }

  protected override updated(): void {
    this.#drawCharts();
  }

  protected override render() {
    return html`
      <div class="controls" part="controls">
        <label>
          Scheduler
          <select @change=${(event: Event) => (this.scheduler = (event.target as HTMLSelectElement).value)}>
            ${SCHEDULER_ALIAS_NAMES.map((name) => html`<option value=${name} ?selected=${name === this.scheduler}>${name}</option>`)}
          </select>
        </label>
        <label>
          Steps
          <input type="number" min="1" .value=${this.steps} @change=${(event: Event) => (this.steps = (event.target as HTMLInputElement).value)} />
        </label>
      </div>
      ${renderError(this.error)} ${this.curves ? this.#renderBody(this.curves) : nothing} ${this.curvesOnly ? nothing : this.#renderPanel()}
    `;
  }

  /** Kept in the template while the config is bad (hidden), so its image and model survive a fix. */
  #renderPanel() {
    return html`<lx-forward-process
      part="forward"
      hide-slider
      ?hidden=${!this.curves}
      .scheduler=${this.#scheduler}
      timestep=${String(this.t)}
      model=${this.model}
      .modelInstance=${this.modelInstance}
      prompt=${this.prompt}
      seed=${this.seed}
      noise-seed=${this.noiseSeed}
      ?autoplay=${this.autoplay}
      theme=${this.theme ?? nothing}
    ></lx-forward-process>`;
  }

  #renderBody(curves: ScheduleCurves) {
    const t = this.t;
    const readout = `t = ${t}: ᾱ = ${format(curves.alphaCumprod[t]!)}, σ = ${format(curves.sigma[t]!)}, SNR = ${format(curves.snr[t]!)}`;
    return html`
      <div class="slider" part="slider">
        <label for="t">Timestep t (0 = clean image, ${curves.timesteps.length - 1} = pure noise)</label>
        <input
          id="t"
          type="range"
          min="0"
          max=${curves.timesteps.length - 1}
          .value=${String(t)}
          aria-valuetext=${readout}
          @input=${(event: Event) => {
            this.timestep = (event.target as HTMLInputElement).value;
            emit(this, 'lx-change', { timestep: Number(this.timestep) });
          }}
        />
        <span class="readout" aria-hidden="true">${readout}</span>
      </div>
      <div class="charts">
        <figure part="chart">
          <svg class="alpha" role="img" aria-label=${`ᾱ against the timestep; t = ${t} marked`}></svg>
          <figcaption class="legend"><span style="--swatch:${COLORS.alpha}">ᾱ: share of the image kept</span></figcaption>
        </figure>
        <figure part="chart">
          <svg class="sigma" role="img" aria-label=${`σ and SNR against the timestep, log scale; t = ${t} marked`}></svg>
          <figcaption class="legend">
            <span style="--swatch:${COLORS.sigma}">σ: noise per unit of signal</span>
            <span style="--swatch:${COLORS.snr}">SNR = 1/σ²</span>
          </figcaption>
        </figure>
      </div>
      ${this.plan
        ? html`<p class="plan">${this.scheduler}, ${this.plan.numInferenceSteps} steps visits t = ${Array.from(this.plan.timesteps, (v) => Math.round(v)).join(', ')}</p>`
        : nothing}
    `;
  }

  #drawCharts(): void {
    const curves = this.curves;
    if (!curves || !this.alphaSvg || !this.sigmaSvg) return;
    const x = curves.timesteps;
    const marker = { x: this.t, label: `t = ${this.t}` };
    const alpha: LineSeries[] = [{ label: 'ᾱ', x, y: curves.alphaCumprod, color: COLORS.alpha }];
    renderLineChart(select(this.alphaSvg), alpha, fitChartScales(alpha, { width: 320, height: 160 }), { x: 'timestep t', y: 'ᾱ' }, marker);
    const noise: LineSeries[] = [
      { label: 'σ', x, y: curves.sigma, color: COLORS.sigma },
      { label: 'SNR', x, y: curves.snr, color: COLORS.snr },
    ];
    const scales = fitChartScales(noise, { width: 320, height: 160 }, { logY: true });
    renderLineChart(select(this.sigmaSvg), noise, scales, { x: 'timestep t', y: 'log scale' }, marker);
  }
}

function format(value: number): string {
  return Math.abs(value) >= 100 || Math.abs(value) < 0.01 ? value.toExponential(2) : value.toPrecision(3);
}

import { LitElement, html, type PropertyValues } from 'lit';
import { property, query, queryAll, state } from 'lit/decorators.js';
import { select } from 'd3';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { fetchTrajectory } from '../../pipeline/trajectory/index.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview, type LatentRgbFactors } from '../../pipeline/image/latent-preview.js';
import { themeStyles } from '../shared/theme.styles.js';
import { widgetStyles } from '../shared/widget.styles.js';
import { renderHeatmap, sharedRange } from '../shared/render-heatmap.js';
import { fitChartScales, renderLineChart } from '../shared/render-line-chart.js';
import { emit } from '../shared/events.js';
import { RunController } from '../shared/run-controller.js';
import { renderError, renderProgress } from '../shared/templates.js';
import { renderImageCell } from '../shared/render-image-cell.js';
import { denoisingPlayerStyles } from './denoising-player.styles.js';

const SIGMA_COLOR = 'var(--lx-color-sigma, #e8590c)';
const ALPHA_COLOR = 'var(--lx-color-alpha, #1c7ed6)';
/** Milliseconds per step while playing. */
const PLAY_INTERVAL_MS = 180;

/**
 * Watch a diffusion model paint: every denoising step of one run, side by side as the noisy
 * latent, the predicted final image, the predicted noise and the four latent channels, with
 * σ and ᾱ plotted and the current step marked. Runs live on a model, or replays a recorded
 * run (`src`) or in-memory step records (`records`) with no model at all. The scrubber
 * only moves through kept steps; it never recomputes.
 *
 * @summary Step-by-step denoising player with a scrubber.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord` as it is generated or read.
 * @event lx-complete - The run finished; detail `{ records }`.
 * @event lx-error - A typed error (bad attribute, model URL, recording); detail `{ error }`.
 * @csspart controls - The prompt/seed/guidance/steps form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart scrubber - The play button and the step slider.
 * @csspart panels - The per-step images and heatmaps.
 * @csspart chart - The σ/ᾱ chart.
 * @cssprop --lx-color-sigma - Colour of the σ curve.
 * @cssprop --lx-color-alpha - Colour of the ᾱ curve.
 */
export class LxDenoisingPlayer extends LitElement {
  static override styles = [themeStyles, widgetStyles, denoisingPlayerStyles];

  /** The prompt to draw (also the images' alt text). */
  @property({ attribute: 'prompt' }) prompt = 'a sheep riding a motorcycle';
  /** Seed of the initial noise, 0…2⁶⁴−1 (raw attribute string, validated). */
  @property({ attribute: 'seed' }) seed = '42';
  /** Classifier-free guidance scale (raw attribute string, validated). */
  @property({ attribute: 'guidance' }) guidance = '7.5';
  /** Number of denoising steps (raw attribute string, validated). */
  @property({ attribute: 'steps' }) steps = '20';
  /** URL of a recorded run (`.lxt`) to replay with no model. */
  @property({ attribute: 'src' }) src = '';
  /** Step records to replay (no model needed); replaces any run shown. */
  @property({ attribute: false }) records: readonly StepRecord[] | undefined;
  /**
   * The latent→RGB approximation used for the per-step previews; a live model supplies its
   * own, otherwise Stable Diffusion 1.x's published factors are used.
   */
  @property({ attribute: false }) latentRgb: LatentRgbFactors | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  /** The step shown. */
  @state() protected current = 0;
  @state() protected playing = false;
  @state() protected shown: readonly StepRecord[] = [];
  /** Decoded images per step when a recording carries them (null where it does not). */
  @state() protected previews: readonly (RgbaImage | null)[] = [];

  protected readonly run = new RunController(this);

  @query('svg.chart') private chartSvg!: SVGSVGElement;
  @queryAll('canvas.channel') private channelCanvases!: NodeListOf<HTMLCanvasElement>;
  @query('canvas.preview') private previewCanvas!: HTMLCanvasElement | null;
  @query('canvas.noisy') private noisyCanvas!: HTMLCanvasElement | null;
  @query('canvas.predicted') private predictedCanvas!: HTMLCanvasElement | null;
  @query('canvas.noise') private noiseCanvas!: HTMLCanvasElement | null;

  #playTimer: ReturnType<typeof setInterval> | undefined;

  /** The step records shown, in order (all kept: scrubbing never recomputes). */
  get stepRecords(): readonly StepRecord[] {
    return this.shown;
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('records') && this.records) {
      this.run.stop();
      this.#show(this.records, []);
    }
    if (changed.has('src') && this.src) void this.#loadRecording(this.src);
  }

  #show(records: readonly StepRecord[], previews: readonly (RgbaImage | null)[]): void {
    this.pause();
    this.shown = [...records];
    this.previews = previews;
    this.current = Math.max(0, this.shown.length - 1);
  }

  /** Downloads and replays a recording; its prompt and settings replace the attributes shown. */
  async #loadRecording(url: string): Promise<void> {
    await this.run.start(async (signal) => {
      this.#show([], []);
      this.run.report({ phase: 'recording', loaded: 0, total: 0, item: url });
      const trajectory = await fetchTrajectory(url, { signal });
      const { header } = trajectory;
      this.prompt = header.prompt;
      this.seed = header.seed;
      this.guidance = String(header.settings.guidanceScale);
      this.steps = String(header.settings.steps);
      const shown: StepRecord[] = [];
      for (const step of trajectory.steps) {
        shown.push(step);
        emit(this, 'lx-step', step);
      }
      this.#show(shown, trajectory.previews);
      return { records: shown };
    });
  }

  protected override updated(): void {
    this.#drawStep();
  }

  protected override render() {
    return html`
      ${renderProgress(this.run.progress, 'Loading the recording')} ${renderError(this.run.error)}
      ${this.#renderScrubber()}
      ${this.shown.length ? this.#renderPanels() : html`<p class="hint">No steps yet.</p>`}
    `;
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
    </div>`;
  }

  #renderPanels() {
    const record = this.shown[this.current]!;
    const channels = record.latentIn.shape[1] ?? 0;
    const preview = this.previews[this.current];
    return html`<div class="panels" part="panels">
        <figure>
          <canvas class="cell noisy"></canvas>
          <figcaption>Noisy latent x<sub>t</sub> (preview)</figcaption>
        </figure>
        <figure>
          <canvas class="cell predicted"></canvas>
          <figcaption>Predicted final image x̂<sub>0</sub></figcaption>
        </figure>
        ${preview
          ? html`<figure>
              <canvas class="cell preview"></canvas>
              <figcaption>Decoded image at step ${record.index + 1}</figcaption>
            </figure>`
          : ''}
        <figure>
          <canvas class="cell noise"></canvas>
          <figcaption>Predicted noise ε̂</figcaption>
        </figure>
        <figure>
          <div class="channels">
            ${Array.from({ length: channels }, () => html`<canvas class="cell channel"></canvas>`)}
          </div>
          <figcaption>Latent channels at step ${record.index + 1} (blue −, red +)</figcaption>
        </figure>
      </div>
      <figure class="chart" part="chart">
        <svg class="chart" role="img" aria-label=${`σ and ᾱ over the run; step ${record.index + 1} marked`}></svg>
        <figcaption class="legend">
          <span style="--swatch:${SIGMA_COLOR}">σ (noise level)</span>
          <span style="--swatch:${ALPHA_COLOR}">ᾱ (signal kept)</span>
        </figcaption>
      </figure>`;
  }

  #drawStep(): void {
    const record = this.shown[this.current];
    if (!record) return;
    const range = sharedRange(record.latentIn);
    this.channelCanvases.forEach((canvas, channel) => {
      renderHeatmap(select(canvas), record.latentIn, channel, range, `Latent channel ${channel + 1} at step ${record.index + 1}`);
    });
    const factors = this.latentRgb ?? SD1_LATENT_RGB_FACTORS;
    const step = `step ${record.index + 1}`;
    const cells = [
      [this.noisyCanvas, record.latentIn, `Noisy latent of "${this.prompt}" at ${step}`],
      [this.predictedCanvas, record.predictedOriginal, `Predicted final image of "${this.prompt}" at ${step}`],
      [this.noiseCanvas, record.noisePred, `Noise predicted at ${step}`],
    ] as const;
    for (const [canvas, tensor, alt] of cells) {
      if (canvas && tensor.shape[1] === factors.channels) renderImageCell(select(canvas), latentToRgbPreview(tensor, factors), alt);
    }
    const preview = this.previews[this.current];
    if (preview && this.previewCanvas) renderImageCell(select(this.previewCanvas), preview, `${this.prompt} — step ${record.index + 1}`);
    this.#drawChart(record);
  }

  #drawChart(record: StepRecord): void {
    const x = Float64Array.from(this.shown, (r) => r.index + 1);
    const series = [
      { label: 'σ', x, y: Float64Array.from(this.shown, (r) => r.sigma), color: SIGMA_COLOR },
      { label: 'ᾱ', x, y: Float64Array.from(this.shown, (r) => r.alphaCumprod), color: ALPHA_COLOR },
    ];
    const scales = fitChartScales(series, { width: 360, height: 140 }, { logY: true });
    renderLineChart(select(this.chartSvg), series, scales, { x: 'step', y: 'log scale' }, { x: record.index + 1, label: `step ${record.index + 1}` });
  }
}

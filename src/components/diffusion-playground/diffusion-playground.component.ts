import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import { presetMessage, drawnMessage } from '../../playground/dataset-message.js';
import type { Dataset } from '../../playground/datasets.js';
import { sprayPoints, appendPoints } from '../../playground/draw-spray.js';
import { diffusePoints } from '../../playground/forward-process.js';
import { defaultMlpConfig } from '../../playground/mlp-layout.js';
import type { FieldMessage, ProgressMessage, SampledMessage } from '../../playground/protocol.js';
import { PlaygroundRandom } from '../../playground/random.js';
import { playgroundScheduler } from '../../playground/schedule.js';
import { TrainingClient } from '../../playground/training-client.js';
import { AbortError, InvalidOptionError } from '../../errors.js';
import { emit } from '../shared/events.js';
import { fitChartScales, renderLineChart } from '../shared/render-line-chart.js';
import { renderError } from '../shared/templates.js';
import { themeStyles } from '../shared/theme.styles.js';
import { widgetStyles } from '../shared/widget.styles.js';
import { playgroundStyles } from './diffusion-playground.styles.js';
import { appendLoss, emptyLossHistory, type LossHistory } from './loss-history.js';
import { planeExtent, planeScales } from './plane-scales.js';
import { dataSources, parseSettings, type PlaygroundSettings } from './playground-settings.js';
import { renderPlane } from './render-plane.js';

/** Detail of `lx-progress`: training progress. */
export interface PlaygroundProgressDetail {
  readonly phase: 'training';
  readonly loaded: number;
  readonly total: number;
  readonly step: number;
  readonly loss: number;
  readonly stepsPerSecond: number;
}

/** Samples redrawn while training runs: fewer points and steps than a full sampling run. */
const live = { count: 300, steps: 20, everyMs: 1500 };
const fieldGrid = 21;
const labelDropout = 0.15;

/**
 * A 2D diffusion model that learns in the page. Pick a data set (a sheep, a motorcycle, two
 * moons, a spiral, blobs, both silhouettes with labels, or draw your own), watch the forward
 * process blur it into a Gaussian cloud, train a small MLP to predict the noise (in a Web
 * Worker), and sample from it at any moment with DDPM or DDIM — with classifier-free guidance
 * on the labelled set.
 *
 * @summary A small diffusion model trained live in the browser on 2D points.
 * @event lx-progress - Training progress; detail `{ phase, loaded, total, step, loss, stepsPerSecond }`.
 * @event lx-step - One sampling step drawn; detail `{ index, totalSteps, timestep }`.
 * @event lx-complete - Sampling finished (`{ kind: 'sampling', chamfer, trainingStep }`) or training reached `max-steps` (`{ kind: 'training', step }`).
 * @event lx-error - A typed error (bad attribute, worker failure); detail `{ error }`.
 * @csspart toolbar - Data, training and sampling controls.
 * @csspart canvas - The plane with data, samples, paths and noise field.
 * @csspart side - The loss and ᾱ(t) charts.
 * @csspart sliders - The timestep and guidance sliders.
 * @csspart status - Step, loss, speed and sample score.
 * @csspart error - The error message.
 * @cssprop --lx-playground-data - Colour of the data points.
 * @cssprop --lx-playground-samples - Colour of the samples and their paths.
 * @cssprop --lx-playground-field - Colour of the noise-field arrows.
 */
export class LxDiffusionPlayground extends LitElement {
  static override styles = [themeStyles, widgetStyles, playgroundStyles];

  /** Data set: a preset name or `draw` (raw attribute string). */
  @property({ attribute: 'preset' }) preset = 'sheep';
  /** Seed of the data, the network's initialisation, training batches and sampling. */
  @property({ attribute: 'seed' }) seed: string | number = '0';
  /** Sampling steps. */
  @property({ attribute: 'steps' }) steps: string | number = '50';
  /** `ddpm` or `ddim`. */
  @property({ attribute: 'sampler' }) sampler = 'ddim';
  /** Classifier-free guidance scale, 0…10 (labelled data only). */
  @property({ attribute: 'guidance' }) guidance: string | number = '3';
  @property({ attribute: 'batch-size' }) batchSize: string | number = '256';
  @property({ attribute: 'learning-rate' }) learningRate: string | number = '0.004';
  /** Training stops by itself after this many steps. */
  @property({ attribute: 'max-steps' }) maxSteps: string | number = '4000';
  @property({ attribute: 'sample-count' }) sampleCount: string | number = '800';
  /** The forward-process timestep shown (0 = the data itself). */
  @property({ attribute: 'timestep' }) timestep: string | number = '0';
  /** Class sampled on labelled data, by index. */
  @property({ attribute: 'label' }) label: string | number = '0';
  /** Show the learned noise field at the chosen timestep. */
  @property({ attribute: 'show-field', type: Boolean }) showField = false;
  /** Points drawn by the reader (x,y pairs in data units); set to use your own data. */
  @property({ attribute: false }) points: Float32Array = new Float32Array(0);
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  @state() protected error: Error | undefined;
  @state() protected progress: ProgressMessage | undefined;
  @state() protected run: SampledMessage | undefined;
  @state() protected frame = 0;
  @state() protected field: FieldMessage | undefined;
  @state() protected losses: LossHistory = emptyLossHistory;
  @state() protected size = 360;

  @query('canvas') private canvas!: HTMLCanvasElement | null;
  @query('svg.loss') private lossSvg!: SVGSVGElement | null;
  @query('svg.alpha') private alphaSvg!: SVGSVGElement | null;

  #settings: PlaygroundSettings | undefined;
  #dataset: Dataset | undefined;
  #client: TrainingClient | undefined;
  #resize: ResizeObserver | undefined;
  #lastLive = 0;
  #busy = false;
  #replay = 0;
  #cursor: [number, number] = [0, 0];
  #random = new PlaygroundRandom(1);
  #stroke = false;
  #lossDrawn = 0;
  #progressShown = 0;
  /** Every loss received; `losses` (what is drawn) catches up with it when progress is shown. */
  #lossLog: LossHistory = emptyLossHistory;
  /** The training schedule, for the ᾱ chart and the forward process. */
  readonly #schedule = playgroundScheduler('ddpm');

  /** The validated settings (undefined while an attribute is invalid). */
  get settings(): PlaygroundSettings | undefined {
    return this.#settings;
  }

  /** The data set being trained on. */
  get trainingData(): Dataset | undefined {
    return this.#dataset;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    try {
      this.#client = new TrainingClient({ onProgress: (p) => this.#onProgress(p), onError: (e) => this.#fail(e) });
    } catch (error) {
      this.#fail(error as Error); // the browser refused the worker: say so instead of an uncaught error
    }
    // The canvas is sized by CSS (full width, square); this only tracks the size for its pixels.
    this.#resize = new ResizeObserver(([entry]) => {
      const width = Math.max(100, Math.floor(entry!.contentRect.width));
      if (width !== this.size) this.size = width;
    });
    this.#configure();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#client?.terminate();
    this.#client = undefined;
    this.#resize?.disconnect();
    cancelAnimationFrame(this.#replay);
  }

  /** Starts (or resumes) training. */
  start(): void {
    if (this.#dataset) this.#client?.start();
  }

  /** Pauses training. */
  pause(): void {
    this.#client?.pause();
  }

  /** Starts over with a freshly initialised network. */
  reset(): void {
    this.#client?.reset();
    this.losses = this.#lossLog = emptyLossHistory;
    this.run = undefined;
    this.field = undefined;
  }

  /** Samples from the model as it is now and replays the run step by step. */
  async sample(): Promise<SampledMessage | undefined> {
    const settings = this.#settings;
    if (!settings || !this.#client || !this.#dataset) return undefined;
    const labelled = this.#dataset.classNames.length > 0;
    try {
      const run = await this.#client.sample({
        count: settings.sampleCount,
        steps: settings.steps,
        sampler: settings.sampler,
        seed: settings.seed,
        label: labelled ? this.#labelIndex() : null,
        guidance: labelled ? settings.guidance : 1,
      });
      this.#replayRun(run);
      return run;
    } catch (error) {
      this.#fail(error as Error);
      return undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['preset', 'seed', 'steps', 'sampler', 'guidance', 'batchSize', 'learningRate', 'maxSteps', 'sampleCount', 'timestep', 'label', 'points'] as const;
    if (!keys.some((key) => changed.has(key))) return;
    try {
      this.#settings = parseSettings(this);
      this.error = undefined;
    } catch (error) {
      this.#settings = undefined;
      this.#fail(error as Error);
      return;
    }
    const dataKeys = ['preset', 'seed', 'batchSize', 'learningRate', 'maxSteps', 'points'] as const;
    if (dataKeys.some((key) => changed.has(key))) this.#configure();
    try {
      this.#labelIndex();
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  protected override firstUpdated(): void {
    if (this.canvas) this.#resize?.observe(this.canvas);
  }

  protected override updated(changed: PropertyValues): void {
    // Redraw only what changed: progress arrives ten times a second while training.
    const planeKeys = ['run', 'frame', 'field', 'size', 'showField', 'points', 'preset', 'seed', 'timestep', 'theme'] as const;
    if (planeKeys.some((key) => changed.has(key))) this.#drawPlane();
    const now = performance.now();
    if (changed.has('losses') && (now - this.#lossDrawn > 1000 || !this.progress?.running)) {
      this.#lossDrawn = now;
      this.#drawLossChart();
    }
    if (changed.has('timestep') || changed.has('preset')) this.#drawAlphaChart();
    if (this.showField && (changed.has('showField') || changed.has('timestep') || changed.has('label'))) void this.#updateField();
  }

  /** The sampled class, checked against the data set's classes. */
  #labelIndex(): number {
    const classes = this.#dataset?.classNames.length ?? 0;
    const label = Number(this.label);
    if (classes > 0 && !(Number.isInteger(label) && label >= 0 && label < classes)) {
      throw new InvalidOptionError('label', `expected a class index below ${classes}, got "${this.label}"`);
    }
    return label;
  }

  #configure(): void {
    const settings = this.#settings;
    if (!settings || !this.#client) return;
    try {
      const source = settings.preset === 'draw' ? (this.points.length ? drawnMessage(this.points) : undefined) : presetMessage(settings.preset, 2000, settings.seed);
      this.#dataset = source?.dataset;
      this.losses = this.#lossLog = emptyLossHistory;
      this.run = undefined;
      this.field = undefined;
      this.progress = undefined;
      if (!source) return;
      this.#client.configure(source.message, {
        seed: settings.seed,
        batchSize: settings.batchSize,
        learningRate: settings.learningRate,
        labelDropout,
        maxSteps: settings.maxSteps,
        model: defaultMlpConfig,
      });
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  #fail(error: Error): void {
    if (error instanceof AbortError) return; // our own stop (the element left the page)
    this.error = error;
    emit(this, 'lx-error', { error });
  }

  #onProgress(progress: ProgressMessage): void {
    const wasFinished = this.progress?.finished ?? false;
    this.#lossLog = appendLoss(this.#lossLog, progress.step, progress.loss);
    // Progress comes ten times a second; re-render at most four times a second unless
    // training started, stopped or finished.
    const now = performance.now();
    const flagsChanged = progress.running !== this.progress?.running || progress.finished !== wasFinished;
    if (flagsChanged || now - this.#progressShown >= 250) {
      this.#progressShown = now;
      this.progress = progress;
      this.losses = this.#lossLog;
    }
    emit<PlaygroundProgressDetail>(this, 'lx-progress', {
      phase: 'training',
      loaded: progress.step,
      total: this.#settings?.maxSteps ?? 0,
      step: progress.step,
      loss: progress.loss,
      stepsPerSecond: progress.stepsPerSecond,
    });
    if (progress.finished && !wasFinished) emit(this, 'lx-complete', { kind: 'training', step: progress.step });
    if (progress.running && performance.now() - this.#lastLive > live.everyMs) void this.#liveUpdate();
  }

  /** While training: a quick sample (and field) of the model as it is, drawn without replay. */
  async #liveUpdate(): Promise<void> {
    if (this.#busy || !this.#client || !this.#settings || !this.#dataset) return;
    this.#busy = true;
    this.#lastLive = performance.now();
    const labelled = this.#dataset.classNames.length > 0;
    try {
      const run = await this.#client.sample({
        count: live.count,
        steps: live.steps,
        sampler: 'ddim',
        seed: this.#settings.seed,
        label: labelled ? this.#labelIndex() : null,
        guidance: labelled ? this.#settings.guidance : 1,
      });
      this.run = run;
      this.frame = run.timesteps.length;
      if (this.showField) await this.#updateField();
    } catch (error) {
      this.#fail(error as Error);
    } finally {
      this.#busy = false;
    }
  }

  async #updateField(): Promise<void> {
    if (!this.#client || !this.#settings || !this.#dataset) return;
    const labelled = this.#dataset.classNames.length > 0;
    try {
      this.field = await this.#client.field({ timestep: this.#settings.timestep, label: labelled ? this.#labelIndex() : null, size: fieldGrid, extent: planeExtent * 0.9 });
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  /** Plays a sampling run frame by frame, one `lx-step` per frame. */
  #replayRun(run: SampledMessage): void {
    cancelAnimationFrame(this.#replay);
    this.run = run;
    const total = run.timesteps.length;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const perFrame = reduced ? 0 : 1200 / total;
    const started = performance.now();
    let shown = 0;
    const tick = () => {
      const due = perFrame === 0 ? total : Math.min(total, Math.floor((performance.now() - started) / perFrame) + 1);
      for (; shown < due; shown++) emit(this, 'lx-step', { index: shown, totalSteps: total, timestep: run.timesteps[shown]! });
      this.frame = due;
      if (due < total) this.#replay = requestAnimationFrame(tick);
      else emit(this, 'lx-complete', { kind: 'sampling', chamfer: run.chamfer, trainingStep: run.trainingStep });
    };
    this.frame = 0;
    this.#replay = requestAnimationFrame(tick);
  }

  #drawPlane(): void {
    const canvas = this.canvas;
    // A software canvas: thousands of tiny rects draw faster on the CPU than through a
    // (possibly emulated) GPU, and each redraw stays a few milliseconds.
    const context = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !context) return;
    const size = this.size;
    const ratio = devicePixelRatio || 1;
    if (canvas.width !== Math.round(size * ratio)) {
      canvas.width = Math.round(size * ratio);
      canvas.height = Math.round(size * ratio);
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size, size);
    const style = getComputedStyle(this);
    const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const settings = this.#settings;
    const data = this.#dataset?.points ?? this.points;
    const t = settings?.timestep ?? 0;
    renderPlane(
      context,
      {
        field: this.field && this.showField ? this.field : null,
        fieldCell: size / fieldGrid,
        data: t > 0 && data.length ? diffusePoints(this.#schedule, data, t, settings?.seed ?? 0) : data,
        run: this.run ? { frames: this.run.trajectory, count: this.run.count, frame: this.frame } : null,
        cursor: settings?.preset === 'draw' && this.matches(':focus-within') ? this.#cursor : null,
      },
      planeScales(size),
      {
        data: color('--lx-playground-data', '#868e96'),
        samples: color('--lx-playground-samples', '#3b5bdb'),
        field: color('--lx-playground-field', '#8a8f98'),
        cursor: color('--_fg', '#000'),
      },
    );
  }

  #drawLossChart(): void {
    if (!this.lossSvg) return;
    if (this.losses.steps.length < 2) {
      select(this.lossSvg).selectAll('*').remove();
      return;
    }
    const series = [{ label: 'loss', x: this.losses.steps, y: this.losses.losses, color: 'var(--_accent)' }];
    renderLineChart(select(this.lossSvg), series, fitChartScales(series, { width: 260, height: 130 }), { x: 'training step', y: 'loss' });
  }

  #drawAlphaChart(): void {
    if (this.alphaSvg) {
      const alphas = this.#schedule.alphasCumprod;
      const series = [{ label: 'ᾱ', x: Float64Array.from(alphas, (_, t) => t), y: alphas, color: 'var(--_accent)' }];
      const t = this.#settings?.timestep ?? 0;
      renderLineChart(select(this.alphaSvg), series, fitChartScales(series, { width: 260, height: 130 }), { x: 'timestep t', y: 'ᾱ(t)' }, { x: t, label: `t = ${t}` });
    }
  }

  /** Pointer drawing: a stroke sprays points; the data set is rebuilt when the stroke ends. */
  #pointer(event: PointerEvent): void {
    if (this.#settings?.preset !== 'draw' || !this.canvas) return;
    if (event.type === 'pointerdown') {
      this.#stroke = true;
      this.canvas.setPointerCapture?.(event.pointerId);
    }
    if (!this.#stroke) return;
    const rect = this.canvas.getBoundingClientRect();
    const scales = planeScales(rect.width);
    const x = scales.x.invert(event.clientX - rect.left);
    const y = scales.y.invert(event.clientY - rect.top);
    this.#cursor = [x, y];
    this.#spray(x, y, event.type === 'pointerup');
    if (event.type === 'pointerup' || event.type === 'pointercancel') this.#stroke = false;
  }

  #spray(x: number, y: number, commit: boolean): void {
    this.points = appendPoints(this.points, sprayPoints(x, y, 0.12, 6, this.#random));
    if (commit) this.#configure();
  }

  /** Keyboard drawing: arrows move the cursor, Enter or Space sprays points there. */
  #key(event: KeyboardEvent): void {
    if (this.#settings?.preset !== 'draw') return;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, 0.1], ArrowDown: [0, -0.1] };
    const move = moves[event.key];
    if (move) {
      this.#cursor = [this.#cursor[0] + move[0], this.#cursor[1] + move[1]];
      this.requestUpdate();
    } else if (event.key === 'Enter' || event.key === ' ') {
      this.#spray(this.#cursor[0], this.#cursor[1], true);
    } else return;
    event.preventDefault();
  }

  #set(name: 'preset' | 'sampler' | 'guidance' | 'timestep' | 'label' | 'steps' | 'seed') {
    return (event: Event) => {
      (this as unknown as Record<string, unknown>)[name] = (event.target as HTMLInputElement).value;
    };
  }

  protected override render() {
    const settings = this.#settings;
    const classes = this.#dataset?.classNames ?? [];
    const running = this.progress?.running ?? false;
    const draw = settings?.preset === 'draw';
    return html`
      <div class="controls" part="toolbar">
        <label>Data
          <select @change=${this.#set('preset')}>
            ${dataSources.map((name) => html`<option value=${name} ?selected=${name === this.preset}>${name === 'draw' ? 'draw your own' : name.replaceAll('-', ' ')}</option>`)}
          </select>
        </label>
        <div class="buttons">
          <button class="primary" ?disabled=${!this.#dataset} @click=${() => (running ? this.pause() : this.start())}>${running ? 'Pause' : 'Start training'}</button>
          <button ?disabled=${!this.#dataset} @click=${() => this.reset()}>Reset</button>
          <button ?disabled=${!this.#dataset} @click=${() => void this.sample()}>Sample</button>
          ${draw ? html`<button @click=${() => (this.points = new Float32Array(0))}>Clear drawing</button>` : nothing}
        </div>
        <label>Sampler
          <select @change=${this.#set('sampler')}>
            ${['ddim', 'ddpm'].map((name) => html`<option value=${name} ?selected=${name === this.sampler}>${name.toUpperCase()}</option>`)}
          </select>
        </label>
        <label>Steps <input type="number" min="1" max="1000" .value=${String(this.steps)} @change=${this.#set('steps')} /></label>
        <label>Seed <input type="number" min="0" .value=${String(this.seed)} @change=${this.#set('seed')} /></label>
        <label class="check"><input type="checkbox" .checked=${this.showField} @change=${(event: Event) => (this.showField = (event.target as HTMLInputElement).checked)} /> noise field</label>
      </div>
      ${renderError(this.error)}
      <div class="stage">
        <div class="stage-canvas" part="canvas">
          <canvas
            role="img"
            tabindex="0"
            aria-label=${this.#describePlane()}
            @pointerdown=${this.#pointer}
            @pointermove=${this.#pointer}
            @pointerup=${this.#pointer}
            @pointercancel=${this.#pointer}
            @keydown=${this.#key}
          ></canvas>
          ${draw && !this.points.length ? html`<p class="hint">Draw on the plane with the mouse or a finger (or focus it, move with the arrow keys and press Enter).</p>` : nothing}
        </div>
        <div class="side" part="side">
          <figure><figcaption>Training loss (mean squared error of the predicted noise)</figcaption><svg class="loss" role="img" aria-label="Training loss curve"></svg></figure>
          <figure><figcaption>How much of the data survives at timestep t: ᾱ(t)</figcaption><svg class="alpha" role="img" aria-label="ᾱ(t) of the noise schedule"></svg></figure>
        </div>
      </div>
      <div class="sliders" part="sliders">
        <label>Forward process: timestep t = ${settings?.timestep ?? 0}
          <input type="range" min="0" max="999" .value=${String(this.timestep)} @input=${this.#set('timestep')} />
        </label>
        ${classes.length
          ? html`<label>Sample class
                <select @change=${this.#set('label')}>${classes.map((name, index) => html`<option value=${index} ?selected=${String(index) === String(this.label)}>${name}</option>`)}</select>
              </label>
              <label>Guidance scale = ${settings?.guidance ?? this.guidance}
                <input type="range" min="0" max="10" step="0.5" .value=${String(this.guidance)} @input=${this.#set('guidance')} />
              </label>`
          : nothing}
      </div>
      <p class="status" part="status" aria-live="polite">${this.#describeStatus()}</p>
    `;
  }

  #describePlane(): string {
    const data = this.#dataset ? `${this.#dataset.points.length / 2} data points (${this.preset})` : 'no data yet';
    const samples = this.run ? `, ${this.run.count} samples from the model at training step ${this.run.trainingStep}` : '';
    return `Plane with ${data}${samples}`;
  }

  #describeStatus(): string {
    const progress = this.progress;
    const parts = [`Step ${progress?.step ?? 0} of ${this.#settings?.maxSteps ?? '?'}`];
    // A progress message right after a pause covers no steps; show the last loss measured.
    const loss = this.losses.losses.at(-1);
    if (loss !== undefined) parts.push(`loss ${loss.toFixed(3)}`);
    if (progress?.running) parts.push(`${Math.round(progress.stepsPerSecond)} steps/s`);
    if (this.run) parts.push(`Chamfer distance of samples to held-out data ${this.run.chamfer.toFixed(3)} (model at step ${this.run.trainingStep})`);
    return parts.join(' · ');
  }
}

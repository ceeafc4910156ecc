import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import type { Dataset } from '../../playground/datasets.js';
import { sprayPoints, appendPoints } from '../../playground/draw-spray.js';
import { diffusePoints } from '../../playground/forward-process.js';
import { playgroundDefaults } from '../../playground/playground-defaults.js';
import type { SampledMessage } from '../../playground/protocol.js';
import { PlaygroundRandom } from '../../playground/random.js';
import { playgroundScheduler } from '../../playground/schedule.js';
import { AbortError, InvalidOptionError } from '../../errors.js';
import { emit } from '../shared/events.js';
import { fitChartScales, renderLineChart } from '../shared/render/render-line-chart.js';
import { renderError } from '../shared/render/templates.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { playgroundStyles } from './diffusion-playground.styles.js';
import { planeScales } from './plane-scales.js';
import { dataSources, parseSettings, settingParsers, type PlaygroundSettings } from './playground-settings.js';
import { ShareController, attributeField } from '../shared/controllers/share-controller.js';
import { renderPlane } from './render-plane.js';
import { fieldGrid, PlaygroundTrainingController } from './training-controller.js';

export type { PlaygroundProgressDetail } from './training-controller.js';

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
 * @cssprop --lx-playground-data - Colour of the data points (the muted colour; the text colour in dark mode).
 * @cssprop --lx-playground-data-opacity - Opacity of the data points on their own (0.6; 0.75 in dark mode).
 * @cssprop --lx-playground-data-faded-opacity - Opacity of the data points behind samples (0.3; 0.45 in dark mode).
 * @cssprop --lx-playground-samples - Colour of the samples and their paths.
 * @cssprop --lx-playground-field - Colour of the noise-field arrows.
 */
export class LxDiffusionPlayground extends LitElement {
  static override styles = [themeStyles, widgetStyles, playgroundStyles];

  /** Data set: a preset name or `draw` (raw attribute string). */
  @property({ attribute: 'preset' }) preset = 'sheep';
  /** Seed of the data, the network's initialisation, training batches and sampling. */
  @property({ attribute: 'seed' }) seed: string | number = String(playgroundDefaults.seed);
  /** Sampling steps. */
  @property({ attribute: 'steps' }) steps: string | number = String(playgroundDefaults.steps);
  /** `ddpm` or `ddim`. */
  @property({ attribute: 'sampler' }) sampler: string = playgroundDefaults.sampler;
  /** Classifier-free guidance scale, 0…10 (labelled data only). */
  @property({ attribute: 'guidance' }) guidance: string | number = String(playgroundDefaults.guidance);
  /** Noise level σ below which guidance above 1 falls back to the plain conditional model (0: guide every step). */
  @property({ attribute: 'guidance-min-noise' }) guidanceMinNoise: string | number = String(playgroundDefaults.guidanceMinNoise);
  @property({ attribute: 'batch-size' }) batchSize: string | number = String(playgroundDefaults.batchSize);
  @property({ attribute: 'learning-rate' }) learningRate: string | number = String(playgroundDefaults.learningRate);
  /** Training stops by itself after this many steps. */
  @property({ attribute: 'max-steps' }) maxSteps: string | number = String(playgroundDefaults.maxSteps);
  @property({ attribute: 'sample-count' }) sampleCount: string | number = String(playgroundDefaults.sampleCount);
  /** The forward-process timestep shown (0 = the data itself). */
  @property({ attribute: 'timestep' }) timestep: string | number = '0';
  /** Class sampled on labelled data, by index. */
  @property({ attribute: 'label' }) label: string | number = '0';
  /** Show the learned noise field at the chosen timestep. */
  @property({ attribute: 'show-field', type: Boolean }) showField = false;
  /** Points drawn by the reader (x,y pairs in data units); set to use your own data. */
  @property({ attribute: false }) points: Float32Array = new Float32Array(0);
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Keep the reader's settings (data set, sampler, steps, seed, timestep, guidance) in the page address (after #) and restore them from it; give the element an `id` when a page has several. */
  @property({ attribute: 'share', type: Boolean }) share = false;
  protected readonly sharing = new ShareController(
    this,
    (['preset', 'sampler', 'steps', 'seed', 'timestep', 'guidance'] as const).map((name) => attributeField(this, name, settingParsers[name])),
    (error) => this.#fail(error),
  );

  @state() protected error: Error | undefined;
  @state() protected frame = 0;
  @state() protected size = 360;

  @query('canvas') private canvas!: HTMLCanvasElement | null;
  @query('svg.loss') private lossSvg!: SVGSVGElement | null;
  @query('svg.alpha') private alphaSvg!: SVGSVGElement | null;

  #settings: PlaygroundSettings | undefined;
  readonly #training = new PlaygroundTrainingController(this, {
    settings: () => this.#settings,
    label: () => this.#labelIndex(),
    showField: () => this.showField,
    fail: (error) => this.#fail(error),
    liveRun: (run) => (this.frame = run.timesteps.length),
  });
  #resize: ResizeObserver | undefined;
  #replay = 0;
  #cursor: [number, number] = [0, 0];
  #random = new PlaygroundRandom(1);
  #stroke = false;
  #lossDrawn = 0;
  /** The training schedule, for the ᾱ chart and the forward process. */
  readonly #schedule = playgroundScheduler('ddpm');

  /** The validated settings (undefined while an attribute is invalid). */
  get settings(): PlaygroundSettings | undefined {
    return this.#settings;
  }

  // The training controller's state, under the names it announces in `requestUpdate(name, old)`:
  // Lit compares the element's value under that name with the old one to record the change.
  protected get progress() {
    return this.#training.progress;
  }
  protected get run() {
    return this.#training.run;
  }
  protected get field() {
    return this.#training.field;
  }
  protected get losses() {
    return this.#training.losses;
  }

  /** The data set being trained on. */
  get trainingData(): Dataset | undefined {
    return this.#training.dataset;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The canvas is sized by CSS (full width, square); this only tracks the size for its pixels.
    this.#resize = new ResizeObserver(([entry]) => {
      const width = Math.max(100, Math.floor(entry!.contentRect.width));
      if (width !== this.size) this.size = width;
    });
    this.#configure();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    cancelAnimationFrame(this.#replay);
  }

  /** Starts (or resumes) training. */
  start(): void {
    this.#training.start();
  }

  /** Pauses training. */
  pause(): void {
    this.#training.pause();
  }

  /** Starts over with a freshly initialised network. */
  reset(): void {
    this.#training.reset();
  }

  /** Samples from the model as it is now and replays the run step by step. */
  async sample(): Promise<SampledMessage | undefined> {
    const run = await this.#training.sample();
    if (run) this.#replayRun(run);
    return run;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['preset', 'seed', 'steps', 'sampler', 'guidance', 'guidanceMinNoise', 'batchSize', 'learningRate', 'maxSteps', 'sampleCount', 'timestep', 'label', 'points'] as const;
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
    if (changed.has('losses') && (now - this.#lossDrawn > 1000 || !this.#training.progress?.running)) {
      this.#lossDrawn = now;
      this.#drawLossChart();
    }
    if (changed.has('timestep') || changed.has('preset')) this.#drawAlphaChart();
    if (this.showField && (changed.has('showField') || changed.has('timestep') || changed.has('label'))) void this.#updateField();
  }

  /** The sampled class, checked against the data set's classes. */
  #labelIndex(): number {
    const classes = this.#training.dataset?.classNames.length ?? 0;
    const label = Number(this.label);
    if (classes > 0 && !(Number.isInteger(label) && label >= 0 && label < classes)) {
      throw new InvalidOptionError('label', `expected a class index below ${classes}, got "${this.label}"`);
    }
    return label;
  }

  #configure(): void {
    this.#training.configure(this.points);
  }

  #fail(error: Error): void {
    if (error instanceof AbortError) return; // our own stop (the element left the page)
    this.error = error;
    emit(this, 'lx-error', { error });
  }

  #updateField(): Promise<void> {
    return this.#training.updateField();
  }

  /** Plays a sampling run frame by frame, one `lx-step` per frame. */
  #replayRun(run: SampledMessage): void {
    cancelAnimationFrame(this.#replay);
    this.#training.show(run);
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
    const opacity = (name: string, fallback: number) => {
      const value = Number.parseFloat(style.getPropertyValue(name));
      return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
    };
    const settings = this.#settings;
    const { dataset, field, run } = this.#training;
    const data = dataset?.points ?? this.points;
    const t = settings?.timestep ?? 0;
    renderPlane(
      context,
      {
        field: field && this.showField ? field : null,
        fieldCell: size / fieldGrid,
        data: t > 0 && data.length ? diffusePoints(this.#schedule, data, t, settings?.seed ?? 0) : data,
        run: run ? { frames: run.trajectory, count: run.count, frame: this.frame } : null,
        cursor: settings?.preset === 'draw' && this.matches(':focus-within') ? this.#cursor : null,
      },
      planeScales(size),
      {
        data: color('--lx-playground-data', '#868e96'),
        dataOpacity: opacity('--lx-playground-data-opacity', 0.6),
        dataFadedOpacity: opacity('--lx-playground-data-faded-opacity', 0.3),
        samples: color('--lx-playground-samples', '#3b5bdb'),
        field: color('--lx-playground-field', '#8a8f98'),
        cursor: color('--_fg', '#000'),
      },
    );
  }

  #drawLossChart(): void {
    const losses = this.#training.losses;
    if (!this.lossSvg) return;
    if (losses.steps.length < 2) {
      select(this.lossSvg).selectAll('*').remove();
      return;
    }
    const series = [{ label: 'loss', x: losses.steps, y: losses.losses, color: 'var(--_accent)' }];
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
    const dataset = this.#training.dataset;
    const classes = dataset?.classNames ?? [];
    const running = this.#training.progress?.running ?? false;
    const draw = settings?.preset === 'draw';
    return html`
      <div class="controls" part="toolbar">
        <label>Data
          <select @change=${this.#set('preset')}>
            ${dataSources.map((name) => html`<option value=${name} ?selected=${name === this.preset}>${name === 'draw' ? 'draw your own' : name.replaceAll('-', ' ')}</option>`)}
          </select>
        </label>
        <div class="buttons">
          <button class="primary" ?disabled=${!dataset} @click=${() => (running ? this.pause() : this.start())}>${running ? 'Pause' : 'Start training'}</button>
          <button ?disabled=${!dataset} @click=${() => this.reset()}>Reset</button>
          <button ?disabled=${!dataset} @click=${() => void this.sample()}>Sample</button>
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
    const { dataset, run } = this.#training;
    const data = dataset ? `${dataset.points.length / 2} data points (${this.preset})` : 'no data yet';
    const samples = run ? `, ${run.count} samples from the model at training step ${run.trainingStep}` : '';
    return `Plane with ${data}${samples}`;
  }

  #describeStatus(): string {
    const { progress, run, losses } = this.#training;
    const parts = [`Step ${progress?.step ?? 0} of ${this.#settings?.maxSteps ?? '?'}`];
    // A progress message right after a pause covers no steps; show the last loss measured.
    const loss = losses.losses.at(-1);
    if (loss !== undefined) parts.push(`loss ${loss.toFixed(3)}`);
    if (progress?.running) parts.push(`${Math.round(progress.stepsPerSecond)} steps/s`);
    if (run) parts.push(`Chamfer distance of samples to held-out data ${run.chamfer.toFixed(3)} (model at step ${run.trainingStep})`);
    return parts.join(' · ');
  }
}

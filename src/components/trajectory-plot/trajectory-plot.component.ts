import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview, type LatentRgbFactors } from '../../pipeline/image/latent-preview.js';
import { fetchTrajectory } from '../../pipeline/trajectory/index.js';
import { fitPcaAuto } from '../../explorers/projection/wide-pca.js';
import { projectRows } from '../../explorers/projection/linear-map.js';
import { UmapWorkerClient, type UmapWorkerFactory } from '../../explorers/umap/umap-client.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { emit } from '../shared/events.js';
import { parseEnumAttribute } from '../shared/attributes.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { renderError, renderProgress } from '../shared/render/templates.js';
import { renderImageCell } from '../shared/render/render-image-cell.js';
import { fitPlotScales, renderTrajectories, type PlottedPath } from '../shared/render/render-trajectories.js';
import { runColor, splitPaths } from './trajectory-paths.js';
import { trajectoryRows, unitRows, type TrajectoryKind, type TrajectoryRows } from './trajectory-rows.js';
import { inheritTheme } from '../shared/contexts.js';
import { ShareController, attributeField } from '../shared/controllers/share-controller.js';

/** One run to plot. */
export interface TrajectoryRun {
  readonly label: string;
  readonly records: readonly StepRecord[];
}

const PROJECTIONS = ['pca', 'umap'] as const;
const SHOWS = ['latents', 'both'] as const;
const SIZE = { width: 420, height: 300 };

/** Resolves once the browser has had a frame to paint in (or after 100 ms where frames do not come, as in a hidden tab). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => setTimeout(resolve);
    const timer = setTimeout(done, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      done();
    });
  });
}

/**
 * The path a run takes through latent space, from pure noise to the final image: every step's
 * latent projected to 2D (PCA fitted on the runs shown, so the axes are the directions the
 * runs vary most; UMAP as an option, computed in a worker), optionally with each step's x̂₀.
 * Several runs on one plot (the cells of a guidance comparison, say) compare their paths.
 * Hovering a point, or the step slider, shows that step.
 *
 * @summary Denoising trajectories projected to 2D.
 * @event lx-progress - UMAP fitting or recording download progress.
 * @event lx-complete - A projection was drawn; detail `{ projection, explained }`.
 * @event lx-change - The step shown changed; detail `{ step }`.
 * @event lx-error - A typed error (bad attribute, recording…); detail `{ error }`.
 * @csspart controls - The projection and layer menus.
 * @csspart plot - The SVG plot.
 * @csspart step - The step slider and the step's preview.
 * @csspart error - The error message.
 */
export class LxTrajectoryPlot extends LitElement {
  static override styles = [
    themeStyles,
    widgetStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(6rem, 1fr);
        gap: 0.75rem;
        align-items: start;
        margin-top: 0.5rem;
      }
      @media (max-width: 480px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      svg.plot {
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) - 3px);
        background: var(--_surface);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        font-size: 0.8em;
      }
      .legend span::before {
        content: '';
        display: inline-block;
        width: 0.7em;
        height: 0.7em;
        border-radius: 50%;
        margin-right: 0.3em;
        background: var(--swatch);
      }
      input[type='range'] {
        width: 100%;
        accent-color: var(--_accent);
        border: none;
        padding: 0;
        min-height: auto;
      }
    `,
  ];

  /** Runs to plot together. */
  @property({ attribute: false }) runs: readonly TrajectoryRun[] | undefined;
  /** A single run's records (shorthand for `runs`). */
  @property({ attribute: false }) records: readonly StepRecord[] | undefined;
  /** URL of a recorded run (`.lxt`) to plot. */
  @property({ attribute: 'src' }) src = '';
  /** Latent→RGB factors for the x̂₀ preview (the model's `latentRgb`); Stable Diffusion 1.x's when absent. A recording's own replace them. */
  @property({ attribute: false }) latentRgb: LatentRgbFactors | undefined;
  /** `pca` (default) or `umap`. */
  @property({ attribute: 'projection' }) projection = 'pca';
  /** `latents` (the path of x_t) or `both` (also each step's x̂₀, dashed). */
  @property({ attribute: 'show' }) show = 'latents';
  /** Creates the UMAP worker (default: the library's own worker module). */
  @property({ attribute: false }) umapWorker: UmapWorkerFactory | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Keep the reader's projection and what is shown in the page address (after #) and restore them from it; give the element an `id` when a page has several. */
  @property({ attribute: 'share', type: Boolean }) share = false;
  protected readonly sharing = new ShareController(
    this,
    [
      attributeField(this, 'projection', (raw) => parseEnumAttribute('projection', raw, PROJECTIONS)),
      attributeField(this, 'show', (raw) => parseEnumAttribute('show', raw, SHOWS)),
    ],
    (error) => this.run.fail(error),
  );

  constructor() {
    super();
    // Inside lx-explainer, the explainer's theme (shared/contexts.ts); on its own, nothing.
    inheritTheme(this);
  }

  @state() protected plotted: readonly TrajectoryRun[] = [];
  @state() protected paths: readonly PlottedPath[] = [];
  @state() protected step = 0;
  @state() protected caption = '';

  @query('svg.plot') private svg!: SVGSVGElement | null;
  @query('canvas.step-preview') private previewCanvas!: HTMLCanvasElement | null;

  protected readonly run = new RunController(this);
  #umap: UmapWorkerClient | undefined;
  /** The factors of the recording plotted from `src`, which win over `latentRgb`. */
  #recordedRgb: LatentRgbFactors | undefined;
  #projection: Promise<void> = Promise.resolve();

  /** Resolves once the latest projection has been drawn (or has failed). */
  get projectionComplete(): Promise<void> {
    return this.updateComplete.then(() => this.#projection).then(() => this.updateComplete).then(() => undefined);
  }

  /** The projected paths drawn (one per run and layer). */
  get projectedPaths(): readonly PlottedPath[] {
    return this.paths;
  }

  /** The step highlighted. */
  get currentStep(): number {
    return this.step;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#umap?.terminate();
    this.#umap = undefined;
  }

  /** Highlights `step` on every path. */
  showStep(step: number): void {
    const last = Math.max(0, ...this.plotted.map((run) => run.records.length - 1));
    const next = Math.max(0, Math.min(last, Math.round(step)));
    if (next === this.step) return;
    this.step = next;
    emit(this, 'lx-change', { step: next });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const replaced = (changed.has('records') && this.records) || (changed.has('runs') && this.runs);
    if (replaced) this.#recordedRgb = undefined;
    if (changed.has('records') && this.records) this.plotted = [{ label: 'run', records: this.records }];
    if (changed.has('runs') && this.runs) this.plotted = this.runs;
    if (changed.has('src') && this.src) this.#projection = this.#project(this.src);
    else if (replaced || changed.has('projection') || changed.has('show')) this.#projection = this.#project();
  }

  /** Projects the plotted runs (after downloading the recording at `recording`, when given). */
  async #project(recording?: string): Promise<void> {
    let projection: (typeof PROJECTIONS)[number];
    let kinds: TrajectoryKind[];
    try {
      projection = parseEnumAttribute('projection', this.projection, PROJECTIONS);
      kinds = parseEnumAttribute('show', this.show, SHOWS) === 'both' ? ['latent', 'prediction'] : ['latent'];
    } catch (error) {
      this.run.fail(error);
      return;
    }
    await this.run.start(async (signal) => {
      if (recording) {
        this.run.report({ phase: 'recording', loaded: 0, total: 0, item: recording });
        const trajectory = await fetchTrajectory(recording, { signal });
        this.plotted = [{ label: trajectory.header.prompt, records: trajectory.steps }];
        this.#recordedRgb = trajectory.latentRgb;
      }
      const shown = this.plotted.filter((run) => run.records.length > 0);
      if (shown.length === 0) return { projection, caption: '' };
      // The PCA of many long runs is a long task (~1 s for the scheduler comparison's 144 steps
      // on a loaded 2-core machine): let the page paint what it already drew (the pictures) first.
      await afterPaint();
      signal.throwIfAborted();
      const stacked = trajectoryRows(shown.map((run) => run.records), kinds);
      const points = projection === 'pca' ? this.#pca(stacked) : await this.#fitUmap(stacked, signal);
      signal.throwIfAborted();
      this.paths = splitPaths(shown.map((run) => run.label), stacked, points);
      return { projection, caption: this.caption };
    });
  }

  #pca(stacked: TrajectoryRows): Float32Array {
    const fit = fitPcaAuto(stacked.rows, stacked.dimensions);
    const percent = (share: number) => `${Math.round(share * 100)}%`;
    this.caption = `PCA of the runs' latents: the axes keep ${percent(fit.explained[0])} and ${percent(fit.explained[1])} of their variance.`;
    return projectRows(fit, stacked.rows, stacked.dimensions);
  }

  async #fitUmap(stacked: TrajectoryRows, signal: AbortSignal): Promise<Float32Array> {
    this.#umap ??= new UmapWorkerClient(this.umapWorker);
    this.caption = 'UMAP of the runs\' latents (cosine): neighbours are kept, distances and axes mean nothing.';
    const neighbours = Math.max(2, Math.min(10, stacked.origins.length - 1));
    return this.#umap.fit(unitRows(stacked.rows, stacked.dimensions), stacked.dimensions, { seed: 1, nNeighbors: neighbours }, {
      signal,
      onProgress: (p) => this.run.report({ phase: `umap ${p.phase}`, loaded: p.done, total: p.total }),
    });
  }

  protected override updated(): void {
    if (this.svg && this.paths.length) {
      renderTrajectories(select(this.svg), this.paths, fitPlotScales(this.paths, SIZE), this.step, (step) => this.showStep(step));
    }
    const record = this.plotted[0]?.records[this.step];
    if (record && this.previewCanvas) {
      const image = latentToRgbPreview(record.predictedOriginal, this.#recordedRgb ?? this.latentRgb ?? SD1_LATENT_RGB_FACTORS);
      renderImageCell(select(this.previewCanvas), image, `Prediction of the final image at step ${record.index + 1}`);
    }
  }

  protected override render() {
    const longest = Math.max(0, ...this.plotted.map((run) => run.records.length));
    const record = this.plotted[0]?.records[this.step];
    return html`
      <div class="controls" part="controls">
        <label>
          Projection
          <select @change=${(e: Event) => (this.projection = (e.target as HTMLSelectElement).value)}>
            ${PROJECTIONS.map((p) => html`<option value=${p} ?selected=${p === this.projection}>${p.toUpperCase()}</option>`)}
          </select>
        </label>
        <label>
          Points
          <select @change=${(e: Event) => (this.show = (e.target as HTMLSelectElement).value)}>
            <option value="latents" ?selected=${this.show === 'latents'}>latents x_t</option>
            <option value="both" ?selected=${this.show === 'both'}>latents and x̂₀</option>
          </select>
        </label>
      </div>
      ${renderProgress(this.run.progress, 'Projecting')} ${renderError(this.run.error)}
      ${this.plotted.length
        ? html`<div class="layout">
            <figure>
              <svg class="plot" part="plot" role="img" aria-label=${`Trajectories of ${this.plotted.length} run(s) from noise (hollow dot) to image (filled), step ${this.step + 1} ringed`}></svg>
              <figcaption>
                <div class="legend">${this.plotted.filter((run) => run.records.length > 0).map((run, i) => html`<span style="--swatch:${runColor(i)}">${run.label}</span>`)}</div>
                ${this.caption}
              </figcaption>
            </figure>
            <figure part="step">
              <label>
                Step ${this.step + 1} of ${longest}
                <input
                  type="range"
                  min="0"
                  max=${Math.max(0, longest - 1)}
                  .value=${String(this.step)}
                  aria-valuetext=${record ? `step ${this.step + 1}, t = ${Math.round(record.timestep)}` : `step ${this.step + 1}`}
                  @input=${(e: Event) => this.showStep(Number((e.target as HTMLInputElement).value))}
                />
              </label>
              ${record ? html`<canvas class="cell step-preview"></canvas><figcaption>x̂₀ of "${this.plotted[0]!.label}"</figcaption>` : nothing}
            </figure>
          </div>`
        : html`<p class="hint">Give the plot some runs (or a recording) to draw.</p>`}
    `;
  }
}

import { LitElement, css, html, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { property, query, state } from 'lit/decorators.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import '../prompt-tokens/prompt-tokens.js';
import '../noise-schedule/noise-schedule.js';
import '../denoising-player/denoising-player.js';
import '../guidance-comparison/guidance-comparison.js';
import '../seed-comparison/seed-comparison.js';
import '../trajectory-plot/trajectory-plot.js';
import '../pipeline-map/pipeline-map.js';
import type { TrajectoryRun } from '../trajectory-plot/trajectory-plot.component.js';
import type { LxDenoisingPlayer } from '../denoising-player/denoising-player.component.js';
import type { LxGuidanceComparison } from '../guidance-comparison/guidance-comparison.component.js';
import type { LxSeedComparison } from '../seed-comparison/seed-comparison.component.js';
import type { LxNoiseSchedule } from '../noise-schedule/noise-schedule.component.js';
import type { LxPipelineMap } from '../pipeline-map/pipeline-map.component.js';
import type { ExplainingElement, OpenPartDetail } from '../pipeline-map/pipeline-parts.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { DEFAULT_MODEL_URL } from '../shared/page-models.js';
import { TOUR_SECTIONS } from './tour-sections.js';
import { modelContext, themeContext } from '../shared/contexts.js';

/** The tour's stop that shows each element a box of the map points to. */
const STOP_OF: Readonly<Record<ExplainingElement, string>> = {
  'lx-prompt-tokens': 'tokens',
  'lx-noise-schedule': 'schedule',
  'lx-denoising-player': 'player',
  'lx-guidance-comparison': 'guidance',
  'lx-seed-comparison': 'seeds',
};

/** The map's boxes link to the stops (the click itself is handled in the lesson, see `#onOpenPart`). */
const STOP_HREFS: Readonly<Record<ExplainingElement, string>> = Object.fromEntries(
  Object.entries(STOP_OF).map(([element, stop]) => [element, `#${stop}`]),
) as Record<ExplainingElement, string>;

/**
 * The whole explainer as one guided tour for a page, under a map of the whole run
 * (`lx-pipeline-map`) whose boxes jump to the stops that explain them: prompt tokens, the noise schedule, the
 * denoising player, guidance and seed comparisons and the trajectory plot, in that order, each
 * with a short introduction, all on one model (loaded once and shared) and one prompt and seed.
 * The trajectory plot draws the guidance comparison's runs when they finish. With its default
 * prompt and seed every figure opens on the shipped recording of its run, so the lesson reads
 * before any model loads; one button ("Run the lesson live") then draws every figure on the
 * model, in order.
 *
 * @summary Guided tour composing every diffusion explainer element.
 * @event lx-progress - Bubbled from the inner elements.
 * @event lx-step - Bubbled from the inner elements.
 * @event lx-complete - Bubbled from the inner elements.
 * @event lx-error - Bubbled from the inner elements.
 * @event lx-open-part - Bubbled from the map when the reader chooses a box (the tour then jumps to its stop).
 * @csspart map - The map of the whole run at the top.
 * @csspart nav - The table of contents.
 * @csspart section - Each stop of the tour.
 * @csspart run-all - The button that runs every figure live.
 */
export class LxExplainer extends LitElement {
  static override styles = [
    themeStyles,
    css`
      nav ol {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        padding: 0;
        margin: 0 0 1rem;
        list-style: none;
        font-size: 0.9em;
      }
      nav a {
        color: var(--_accent);
      }
      section {
        margin: 0 0 1.75rem;
      }
      h2 {
        font-size: 1.2em;
        margin: 0 0 0.25rem;
      }
      lx-pipeline-map {
        margin: 0 0 1rem;
      }
      .run-all {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        margin: 0 0 1rem;
      }
      .run-all button {
        font: inherit;
        padding: 0.35rem 0.8rem;
        border-radius: 6px;
        border: 1px solid var(--_accent);
        background: var(--_accent);
        color: var(--_accent-fg);
        cursor: pointer;
      }
      .run-all .hint {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .run-all button:disabled {
        opacity: 0.6;
        cursor: default;
      }
      p.intro {
        margin: 0 0 0.6rem;
        color: var(--_muted);
        max-width: 65ch;
      }
    `,
  ];

  /** The prompt every stop starts from. */
  @property({ attribute: 'prompt' }) prompt = 'a sheep riding a motorcycle';
  /** The seed every stop starts from (raw attribute string; each element validates it). */
  @property({ attribute: 'seed' }) seed = '42';
  /** Steps of every run (raw attribute string). */
  @property({ attribute: 'steps' }) steps = '20';
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model shared by every stop instead of `model`. */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** Light or dark, passed to every stop; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  /** Every stop's model and theme, handed down by context (shared/contexts.ts) rather than bound on each. */
  readonly #sharedModel = new ContextProvider(this, { context: modelContext, initialValue: { url: DEFAULT_MODEL_URL, instance: undefined } });
  readonly #sharedTheme = new ContextProvider(this, { context: themeContext, initialValue: undefined });

  @state() protected trajectories: readonly TrajectoryRun[] | undefined;
  /** Whether "Run the lesson live" is drawing the figures. */
  @state() protected runningAll = false;

  @query('lx-denoising-player') private player!: LxDenoisingPlayer | null;
  @query('lx-guidance-comparison') private guidance!: LxGuidanceComparison | null;
  @query('lx-seed-comparison') private seedGrid!: LxSeedComparison | null;
  @query('lx-noise-schedule') private schedule!: LxNoiseSchedule | null;
  @query('lx-pipeline-map') private map!: LxPipelineMap | null;

  /**
   * The whole lesson live from one action: the map's run, the forward-process image, the player, the guidance
   * grid (which hands its runs to the trajectory plot) and the seed grid, one after the other on
   * the one shared model. Resolves when the last has ended.
   */
  async runAll(): Promise<void> {
    if (this.runningAll) return;
    this.runningAll = true;
    try {
      await this.map?.generate();
      await this.schedule?.forwardProcess?.generate();
      await this.player?.generate();
      await this.guidance?.generate();
      await this.seedGrid?.generate();
    } finally {
      this.runningAll = false;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Before the stops render, so each finds the current values when it connects.
    if (changed.has('model') || changed.has('modelInstance')) this.#sharedModel.setValue({ url: this.model, instance: this.modelInstance });
    if (changed.has('theme')) this.#sharedTheme.setValue(this.theme);
  }

  #onGuidanceComplete = (event: Event): void => {
    const { runs } = (event as CustomEvent<{ runs: StepRecord[][] }>).detail;
    this.trajectories = runs.map((records) => ({ label: `guidance ${records[0]?.guidanceScale}`, records }));
  };

  protected override render() {
    const stops = {
      tokens: html`<lx-prompt-tokens prompt=${this.prompt}></lx-prompt-tokens>`,
      schedule: html`<lx-noise-schedule steps=${this.steps} prompt=${this.prompt} seed=${this.seed}></lx-noise-schedule>`,
      player: html`<lx-denoising-player prompt=${this.prompt} seed=${this.seed} steps=${this.steps}></lx-denoising-player>`,
      guidance: html`<lx-guidance-comparison
        prompt=${this.prompt}
        seed=${this.seed}
        steps=${this.steps}
        @lx-complete=${this.#onGuidanceComplete}
      ></lx-guidance-comparison>`,
      seeds: html`<lx-seed-comparison prompt=${this.prompt} steps=${this.steps}></lx-seed-comparison>`,
      trajectory: html`<lx-trajectory-plot .runs=${this.trajectories}></lx-trajectory-plot>`,
    } as const;
    return html`
      <div class="run-all">
        <button type="button" part="run-all" ?disabled=${this.runningAll} @click=${() => void this.runAll()}>Run the lesson live</button>
        <span class="hint">${this.runningAll
          ? 'Drawing every figure on the model, one after the other…'
          : 'The figures open on recordings of their default runs; this draws them all on the model in your browser.'}</span>
      </div>
      <lx-pipeline-map
        part="map"
        prompt=${this.prompt}
        seed=${this.seed}
        steps=${this.steps}
        .hrefs=${STOP_HREFS}
        @lx-open-part=${this.#onOpenPart}
      ></lx-pipeline-map>
      <nav part="nav" aria-label="Tour">
        <ol>
          ${TOUR_SECTIONS.map((section) => html`<li><a href=${`#${section.id}`} @click=${(e: Event) => this.#jump(e, section.id)}>${section.title}</a></li>`)}
        </ol>
      </nav>
      ${TOUR_SECTIONS.map(
        (section) => html`<section id=${section.id} part="section" aria-labelledby=${`${section.id}-title`} tabindex="-1">
          <h2 id=${`${section.id}-title`}>${section.title}</h2>
          <p class="intro">${section.intro}</p>
          ${stops[section.id as keyof typeof stops]}
        </section>`,
      )}
    `;
  }

  /** A box of the map was chosen: go to the stop that explains it, inside this lesson. */
  #onOpenPart = (event: Event): void => {
    const { element } = (event as CustomEvent<OpenPartDetail>).detail;
    this.#jump(event, STOP_OF[element]);
  };

  /** Scrolls to a stop and moves focus there (links into a shadow root cannot use the URL hash). */
  #jump(event: Event, id: string): void {
    event.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target?.focus({ preventScroll: true });
  }
}

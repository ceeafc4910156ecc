import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import type { LatentRgbFactors } from '../../pipeline/image/latent-preview.js';
import { interpolationNorms, walkPositions } from '../../pipeline/math/slerp.js';
import type { SchedulerAlias } from '../../pipeline/math/schedulers/index.js';
import { latentWalk, type LatentWalkInfo } from '../../pipeline/run/latent-walk.js';
import { encodeWalkRecording, recordedWalkFrames, seedWalkNorms, walkPromptLabel } from '../../pipeline/run/walk-recording.js';
import { fetchTrajectory } from '../../pipeline/trajectory/index.js';
import { DEFAULT_WALK, defaultRunUrl, matchesDefaultWalk } from '../shared/default-recordings.js';
import { usesShippedModel } from '../shared/shipped-recording.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { gridStyles, widgetStyles } from '../shared/styles/widget.styles.js';
import { parseEnumAttribute, parseIntegerAttribute } from '../shared/attributes.js';
import { emit } from '../shared/events.js';
import { ComparisonElement, type ShippedCellPlan, type ShippedCells } from '../shared/comparison-element.js';
import { renderComparisonGrid } from '../shared/render/comparison-grid.js';
import { renderImageCell } from '../shared/render/render-image-cell.js';
import { fitChartScales, renderLineChart, type LineSeries } from '../shared/render/render-line-chart.js';
import { attributeField, type ShareField } from '../shared/controllers/share-controller.js';
import { downloadBytes } from '../shared/render/save-image.js';
import {
  parseGuidanceAttribute,
  parseSchedulerAttribute,
  parseSeedAttribute,
  parseSizeAttribute,
  parseStepsAttribute,
  sizeOptions,
} from '../shared/run-attributes.js';
import { latentWalkStyles } from './latent-walk.styles.js';
import { inheritTheme } from '../shared/contexts.js';

/** What the walk moves between: two seeds (one prompt) or two prompts (one seed). */
export type LatentWalkMode = 'seeds' | 'prompts';
const MODES: readonly LatentWalkMode[] = ['seeds', 'prompts'];

/** Most frames the element draws (each is a full run, denoised side by side). */
export const MAX_ELEMENT_FRAMES = 32;

interface Settings {
  readonly mode: LatentWalkMode;
  readonly seed: bigint;
  readonly toSeed: bigint;
  readonly frames: number;
  readonly guidance: number;
  readonly steps: number;
  readonly scheduler: SchedulerAlias | undefined;
  readonly size: number | undefined;
  readonly fps: number;
  readonly interpolation: WalkInterpolation;
}

/** How the noise moves between two seeds: on the arc (slerp) or the straight line (lerp, to see why not). */
export type WalkInterpolation = 'spherical' | 'linear';
const INTERPOLATIONS: readonly WalkInterpolation[] = ['spherical', 'linear'];

const NORM_CHART = { width: 360, height: 170 };
const NORM_COLORS = { linear: 'var(--lx-color-lerp, #e8590c)', spherical: 'var(--lx-color-slerp, #1c7ed6)' };

/** A frame's label: its position on the walk. */
const frameLabel = (t: number): string => `t = ${t.toFixed(2)}`;

/**
 * A walk between two seeds (spherical interpolation of their starting noise) or two prompts
 * (linear interpolation of their text-encoder states), drawn as frames that are denoised side
 * by side; play it as an animation, scrub it with the slider, and save it as a recording
 * (`.lxt`, one step per frame) that replays without a model. For seed walks a chart shows the
 * length of the interpolated noise along the way, straight line against arc. With its default
 * settings it opens on the shipped recording of its default walk (no model needed), and goes
 * live when the reader changes a setting or presses Generate.
 *
 * @summary Latent walks between two seeds or two prompts.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord`, one per frame per step.
 * @event lx-complete - Every frame finished; detail `{ runs }` (records per frame).
 * @event lx-change - The frame shown changed; detail `{ frame, t }`.
 * @event lx-error - A typed error (bad attribute, model URL…); detail `{ error }`.
 * @csspart save - The Save PNG button (saves the grid, labelled, as one PNG).
 * @csspart controls - The prompt/seed/guidance/steps form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart backend - The line saying which backend (WebGPU or WASM) runs the model, and why.
 * @csspart viewer - The current frame, its slider and the play and save buttons.
 * @csspart grid - Every frame, in order.
 * @csspart norms - The noise-length chart of a seed walk.
 * @cssprop --lx-color-lerp - Colour of the straight-line curve on the noise-length chart.
 * @cssprop --lx-color-slerp - Colour of the arc curve on the noise-length chart.
 */
export class LxLatentWalk extends ComparisonElement<Settings> {
  static override styles = [themeStyles, widgetStyles, gridStyles, latentWalkStyles];

  /** `seeds` (one prompt, two seeds) or `prompts` (one seed, two prompts). */
  @property({ attribute: 'mode' }) mode = 'seeds';
  /** The prompt (the walk's start in `prompts` mode). */
  @property({ attribute: 'prompt' }) prompt = 'a sheep riding a motorcycle';
  /** The prompt the walk ends at (`prompts` mode). */
  @property({ attribute: 'to-prompt' }) toPrompt = 'a cow riding a bicycle';
  /** The seed (the walk's start in `seeds` mode). */
  @property({ attribute: 'seed' }) seed = '1';
  /** The seed the walk ends at (`seeds` mode). */
  @property({ attribute: 'to-seed' }) toSeed = '2';
  /** Frames from start to end inclusive, 2…32; an odd count has a frame at t = ½. */
  @property({ attribute: 'frames' }) frames = '9';
  /** Guidance scale of every frame. */
  @property({ attribute: 'guidance' }) guidance = '7.5';
  /** Denoising steps per frame. */
  @property({ attribute: 'steps' }) steps = '20';
  /** Sampler alias; empty for the model's own. */
  @property({ attribute: 'scheduler' }) scheduler = '';
  /** Image side in pixels; empty for the model's default. */
  @property({ attribute: 'size' }) size = '';
  /** How the noise moves between the seeds: `spherical` (slerp, default) or `linear` (the straight line, which washes out; for comparison). */
  @property({ attribute: 'interpolation' }) interpolation = 'spherical';
  /** Frames per second when playing, 1…30. */
  @property({ attribute: 'fps' }) fps = '6';
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  constructor() {
    super();
    // Inside lx-explainer, the explainer's theme (shared/contexts.ts); on its own, nothing.
    inheritTheme(this);
  }

  /** The frame shown (0-based). */
  @state() protected current = 0;
  @state() protected playing = false;
  @state() protected norms: { t: Float64Array; linear: Float64Array; spherical: Float64Array } | undefined;

  @query('canvas.current') private currentCanvas!: HTMLCanvasElement | null;
  @query('svg.norms') private normsSvg!: SVGSVGElement | null;

  #info: LatentWalkInfo | undefined;
  /** The noise-length chart of the shipped walk, shown with its frames. */
  #shippedNorms: LxLatentWalk['norms'];
  #modelRgb: LatentRgbFactors | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** The settled settings of the latest live walk (both noises, positions, schedule). */
  get walkInfo(): LatentWalkInfo | undefined {
    return this.#info;
  }

  /** The frame shown and its position t. */
  get position(): { frame: number; t: number } {
    const count = this.cells.length || (this.settings?.frames ?? 2);
    return { frame: this.current, t: count > 1 ? this.current / (count - 1) : 0 };
  }

  /** Shows frame `index` (clamped to the frames there are); emits `lx-change`. */
  showFrame(index: number): void {
    const last = Math.max(0, (this.cells.length || 1) - 1);
    const frame = Math.min(last, Math.max(0, Math.round(index)));
    if (frame === this.current) return;
    this.current = frame;
    emit(this, 'lx-change', this.position);
  }

  /** Starts or stops the animation. */
  togglePlay(): void {
    this.playing ? this.#pause() : this.#play();
  }

  protected shareFields(): readonly ShareField[] {
    return [
      attributeField(this, 'mode', (raw) => parseEnumAttribute('mode', raw, MODES)),
      attributeField(this, 'prompt'),
      attributeField(this, 'to-prompt'),
      attributeField(this, 'seed', parseSeedAttribute),
      attributeField(this, 'to-seed', (raw) => parseSeedAttribute(raw, 'to-seed')),
      attributeField(this, 'frames', (raw) => parseIntegerAttribute('frames', raw, 2, MAX_ELEMENT_FRAMES)),
      attributeField(this, 'guidance', parseGuidanceAttribute),
      attributeField(this, 'steps', parseStepsAttribute),
      attributeField(this, 'interpolation', (raw) => parseEnumAttribute('interpolation', raw, INTERPOLATIONS)),
    ];
  }

  protected pictureTitle(): { title: string; name: readonly string[] } {
    const ends = this.mode === 'prompts' ? `"${this.prompt}" to "${this.toPrompt}", seed ${this.seed}` : `"${this.prompt}", seed ${this.seed} to ${this.toSeed}`;
    return { title: ends, name: [this.prompt, 'walk', this.mode === 'prompts' ? this.toPrompt : `seeds ${this.seed} ${this.toSeed}`] };
  }

  /** The walk's shipped recording is one file for all its frames (`fetchShippedCells`), not one per cell. */
  protected shippedPlan(): readonly ShippedCellPlan[] | undefined {
    return undefined;
  }

  /**
   * With its default settings on the shipped model, the figure opens on the shipped recording
   * of its default walk (`DEFAULT_WALK`): every frame's final picture and the noise-length
   * chart, drawn with no model. Undefined for other settings, or where the file is not served
   * (the npm package leaves it out): the figure then waits for Generate.
   */
  protected override async fetchShippedCells(source: { url: string; instance: unknown }): Promise<ShippedCells | undefined> {
    const settings = this.settings;
    if (!settings || !matchesDefaultWalk({ ...settings, prompt: this.prompt }) || !usesShippedModel(source.url, source.instance)) return undefined;
    const recording = await fetchTrajectory(defaultRunUrl(DEFAULT_WALK)).catch(() => undefined);
    if (!recording || recording.steps.length !== settings.frames) return undefined;
    const frames = recordedWalkFrames(recording, settings.steps);
    this.#shippedNorms = seedWalkNorms(settings.seed, settings.toSeed, frames[0]!.last.latentOut.shape);
    const positions = walkPositions(settings.frames);
    const cells = frames.map((frame, i) => ({ label: frameLabel(positions[i]!), prompt: this.prompt, records: [frame.last], decoded: frame.image }));
    return { cells, colours: recording };
  }

  /** Draws every frame live, side by side; resolves when done. */
  async generate(): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    this.#pause();
    const from = { prompt: this.prompt, seed: settings.seed };
    const to = settings.mode === 'seeds' ? { prompt: this.prompt, seed: settings.toSeed } : { prompt: this.toPrompt, seed: settings.seed };
    const positions = walkPositions(settings.frames);
    this.#info = undefined;
    this.norms = undefined;
    this.current = Math.floor((settings.frames - 1) / 2);
    const plan = Array.from(positions, (t) => ({ label: frameLabel(t), prompt: walkPromptLabel(from.prompt, to.prompt) }));
    await this.runSweep(plan, async (model, cells, signal) => {
      this.#modelRgb = model.latentRgb;
      const run = latentWalk(model, {
        from,
        to,
        frames: settings.frames,
        interpolation: settings.interpolation,
        steps: settings.steps,
        guidanceScale: settings.guidance,
        ...(settings.scheduler ? { scheduler: settings.scheduler } : {}),
        ...sizeOptions(settings.size),
        signal,
      });
      for await (const records of run) {
        if (!this.#info) {
          this.#info = await run.info;
          if (settings.mode === 'seeds') this.#showNorms(this.#info);
        }
        records.forEach((record, i) => cells.add(i, record));
        this.run.report({ phase: 'generate', loaded: cells.runs[0]!.length, total: settings.steps });
      }
    });
  }

  /**
   * The finished walk as a recording (`.lxt`): one step per frame, each the frame's last
   * denoising step with the decoded frame as its preview. Undefined until a walk has finished.
   */
  recording(): Uint8Array<ArrayBuffer> | undefined {
    const info = this.#info;
    if (!info || this.run.running || this.cells.some((cell) => !cell.decoded || cell.records.length !== info.steps)) return undefined;
    const frames = this.cells.map((cell) => ({ last: cell.records.at(-1)!, image: cell.decoded }));
    return encodeWalkRecording(info, frames, this.#modelRgb ? { latentRgb: this.#modelRgb } : {});
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#pause();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['mode', 'seed', 'toSeed', 'frames', 'guidance', 'steps', 'scheduler', 'size', 'fps', 'interpolation'] as const;
    if (inputs.some((name) => changed.has(name))) this.validate(() => this.#parseSettings());
    // The shipped walk stands only for its own settings (the speed of play changes nothing drawn).
    const drawn = [...inputs.filter((name) => name !== 'fps'), 'prompt', 'toPrompt', 'model', 'modelInstance'] as const;
    if (drawn.some((name) => changed.has(name))) this.settingsChanged();
    if ((changed as Map<PropertyKey, unknown>).has('recordedDefault') && this.recordedDefault) {
      this.norms = this.#shippedNorms;
      this.current = Math.floor((this.cells.length - 1) / 2);
    }
    if (changed.has('fps') && this.playing) {
      this.#pause();
      this.#play();
    }
  }

  #parseSettings(): Settings {
    return {
      mode: parseEnumAttribute('mode', this.mode, MODES),
      seed: parseSeedAttribute(this.seed),
      toSeed: parseSeedAttribute(this.toSeed, 'to-seed'),
      frames: parseIntegerAttribute('frames', this.frames, 2, MAX_ELEMENT_FRAMES),
      guidance: parseGuidanceAttribute(this.guidance),
      steps: parseStepsAttribute(this.steps),
      scheduler: parseSchedulerAttribute(this.scheduler),
      size: parseSizeAttribute(this.size),
      fps: parseIntegerAttribute('fps', this.fps, 1, 30),
      interpolation: parseEnumAttribute('interpolation', this.interpolation, INTERPOLATIONS),
    };
  }

  #showNorms(info: LatentWalkInfo): void {
    const t = walkPositions(41);
    this.norms = { t, ...interpolationNorms(info.noiseFrom.data, info.noiseTo.data, t) };
  }

  #play(): void {
    if (this.cells.length < 2) return;
    this.playing = true;
    const fps = this.settings?.fps ?? 6;
    this.#timer = setInterval(() => this.showFrame((this.current + 1) % this.cells.length), 1000 / fps);
  }

  #pause(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.playing = false;
  }

  #save(): void {
    const bytes = this.recording();
    if (!bytes) return;
    downloadBytes(bytes, 'walk.lxt', 'application/x-latent-explorables-trajectory');
  }

  protected override updated(): void {
    super.updated();
    this.renderRoot.querySelectorAll('.grid-cell').forEach((cell, i) => cell.classList.toggle('selected', i === this.current));
    const shown = this.cells[this.current];
    const last = shown?.records.at(-1);
    if (this.currentCanvas && shown && last) {
      const image = shown.decoded ?? this.preview(last.predictedOriginal);
      renderImageCell(select(this.currentCanvas), image, `Frame ${this.current + 1} of ${this.cells.length} (${shown.label}): ${shown.decoded ? 'final image' : `prediction at step ${last.index + 1}`}`);
    }
    if (this.normsSvg && this.norms) {
      const series: LineSeries[] = [
        { label: 'straight line', x: this.norms.t, y: this.norms.linear, color: NORM_COLORS.linear },
        { label: 'arc (slerp)', x: this.norms.t, y: this.norms.spherical, color: NORM_COLORS.spherical },
      ];
      const scales = fitChartScales(series, NORM_CHART);
      renderLineChart(select(this.normsSvg), series, scales, { x: 't', y: '' }, { x: this.position.t, label: `t = ${this.position.t.toFixed(2)}` });
    }
  }

  protected override render() {
    const total = this.cells[0]?.records[0]?.totalSteps ?? this.settings?.steps ?? 0;
    const form = this.renderForm(['prompt', 'seed', 'guidance', 'steps'], { goLive: true });
    // Any edit takes the figure live from its shipped recording (`readerChanged`).
    const set = (name: 'mode' | 'toSeed' | 'toPrompt' | 'frames' | 'interpolation', value: string): void => {
      this[name] = value;
      this.readerChanged();
    };
    const text = (name: 'toSeed' | 'toPrompt' | 'frames') => (e: Event) => set(name, (e.target as HTMLInputElement).value);
    return html`
      <fieldset class="mode">
        <legend class="lx-visually-hidden">Walk between</legend>
        ${MODES.map(
          (mode) => html`<label>
            <input type="radio" name="mode" value=${mode} .checked=${this.mode === mode} @change=${() => set('mode', mode)} />
            ${mode === 'seeds' ? 'Two seeds, one prompt' : 'Two prompts, one seed'}
          </label>`,
        )}
      </fieldset>
      ${form}
      <div class="ends">
        ${this.mode === 'prompts'
          ? html`<label class="grow">To prompt <input type="text" name="to-prompt" .value=${this.toPrompt} @change=${text('toPrompt')} /></label>`
          : html`<label>To seed <input type="text" name="to-seed" .value=${this.toSeed} @change=${text('toSeed')} /></label>
              <label
                >Noise path
                <select name="interpolation" @change=${(e: Event) => set('interpolation', (e.target as HTMLSelectElement).value)}>
                  <option value="spherical" ?selected=${this.interpolation === 'spherical'}>arc (slerp)</option>
                  <option value="linear" ?selected=${this.interpolation === 'linear'}>straight line (lerp)</option>
                </select></label
              >`}
        <label>Frames <input type="number" name="frames" min="2" max=${MAX_ELEMENT_FRAMES} .value=${this.frames} @change=${text('frames')} /></label>
      </div>
      ${this.renderStatus()}
      ${this.cells.length ? this.#renderViewer(total) : html`<p class="hint">Press Generate to walk from one end to the other.</p>`}
      ${this.renderRecordedCaption()}
    `;
  }

  #renderViewer(total: number) {
    const count = this.cells.length;
    const { t } = this.position;
    const done = this.#info !== undefined && !this.run.running && this.cells.every((cell) => cell.decoded);
    return html`<div class="viewer" part="viewer">
        <canvas class="current"></canvas>
        <div class="scrub">
          <label>
            Frame ${this.current + 1} of ${count}, t = ${t.toFixed(2)}
            <input
              type="range"
              min="0"
              max=${count - 1}
              .value=${String(this.current)}
              aria-valuetext=${`frame ${this.current + 1} of ${count}, t = ${t.toFixed(2)}`}
              @input=${(e: Event) => this.showFrame(Number((e.target as HTMLInputElement).value))}
            />
          </label>
          <div class="buttons">
            <button type="button" class="play" aria-pressed=${this.playing ? 'true' : 'false'} @click=${() => this.togglePlay()}>${this.playing ? 'Pause' : 'Play'}</button>
            <button type="button" class="save" ?disabled=${!done} @click=${() => this.#save()}>Save recording (.lxt)</button>
          </div>
          ${this.norms
            ? html`<figure part="norms">
                <h3>Noise length along the walk ÷ a draw's length</h3>
                <svg class="norms" role="img" aria-label="Length of the interpolated noise against t: the straight line dips to about 0.71 of a draw's length in the middle, the arc keeps it"></svg>
                <ul class="legend">
                  <li style=${`--swatch: ${NORM_COLORS.linear}`}>straight line</li>
                  <li style=${`--swatch: ${NORM_COLORS.spherical}`}>arc (slerp)</li>
                </ul>
              </figure>`
            : nothing}
        </div>
      </div>
      ${renderComparisonGrid(this.cells, total, () => void this.savePng())}`;
  }
}

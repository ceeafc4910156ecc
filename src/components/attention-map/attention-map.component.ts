import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { attentionHeatmap, attentionShares, type StepAttention } from '../../pipeline/attention/attention-maps.js';
import { attentionOverlay } from '../../pipeline/attention/attention-overlay.js';
import { generateWithAttention, hasAttentionMaps, stepAttention } from '../../pipeline/attention/attention-run.js';
import { attentionWords, wordShares, type AttentionWord } from '../../pipeline/attention/attention-words.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { sliderStyles } from '../shared/styles/slider.styles.js';
import { emit } from '../shared/events.js';
import { ModelController } from '../shared/controllers/model-controller.js';
import { NearViewportController } from '../shared/controllers/near-viewport-controller.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { parseGuidanceAttribute, parseSeedAttribute, parseStepsAttribute } from '../shared/run-attributes.js';
import { renderRunForm } from '../shared/render/run-form.js';
import { renderError, renderProgress } from '../shared/render/templates.js';
import { describeWord, paintAttentionMaps, renderMapFigures, renderSpecialToggle, renderStepSlider, renderWordButtons } from './attention-view.js';
import { attentionMapStyles } from './attention-map.styles.js';

interface Settings {
  readonly seed: bigint;
  readonly guidance: number;
  readonly steps: number;
}

/** A run's attention as it arrives: each step's maps and predicted picture, for one prompt. */
interface AttentionRun {
  readonly prompt: string;
  readonly total: number;
  words: AttentionWord[];
  readonly steps: StepAttention[];
  readonly images: RgbaImage[];
}

const VALIDATED = ['seed', 'guidance', 'steps'];

/**
 * Which words drew which pixels: the UNet's cross-attention, per word of the prompt, laid over the
 * picture the model predicts — at the current step and summed over every step (DAAM-style: each
 * resolution level upsampled to the picture and summed). The reader hovers or Tabs through the
 * words; start, end and padding tokens can be shown too. Computed live during the run, on models
 * that export their attention (the shipped pocket model); other models get a sentence saying so.
 *
 * @summary Per-word cross-attention maps, live, step by step and aggregated.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-step - Each new `StepRecord` (with its `unetOutputs`: the step's attention).
 * @event lx-complete - The run finished; detail `{ words, steps }` (`attention: false` on a model without attention maps).
 * @event lx-error - A typed error (bad attribute, model URL…); detail `{ error }`.
 * @event lx-change - The reader showed another word or step; detail `{ word, step }`.
 * @csspart controls - The prompt/seed/guidance/steps form.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @csspart words - The prompt's words as buttons.
 * @csspart slider - The step slider.
 * @csspart maps - The two overlays (this step, all steps).
 * @csspart note - The sentence shown for a model without attention maps.
 * @cssprop --lx-color-accent - The shown word's button and the slider.
 */
export class LxAttentionMap extends LitElement {
  static override styles = [themeStyles, widgetStyles, sliderStyles, attentionMapStyles];

  /** The prompt whose words are mapped. */
  @property({ attribute: 'prompt' }) prompt = 'a white sheep riding a red motorcycle';
  /** Seed, 0…2⁶⁴−1. */
  @property({ attribute: 'seed' }) seed = '42';
  /** Guidance scale (the maps are the prompt's row of the guided pair). */
  @property({ attribute: 'guidance' }) guidance = '5';
  /** Denoising steps. */
  @property({ attribute: 'steps' }) steps = '20';
  /** Show the start, end and padding tokens among the words. */
  @property({ attribute: 'show-special', type: Boolean }) showSpecial = false;
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model to use instead of `model` (shared with other elements; never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** Generate as soon as the element comes near the viewport. */
  @property({ attribute: 'autoplay', type: Boolean }) autoplay = false;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  @state() protected selected = -1;
  @state() protected step = 0;
  /** True once a model without attention outputs was loaded. */
  @state() protected unsupported = false;

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  protected readonly nearby = new NearViewportController(this, () => {
    if (this.autoplay) void this.updateComplete.then(() => this.generate());
  });

  #settings: Settings | undefined;
  #run: AttentionRun | undefined;
  #maps: { key: string; step: Float32Array; all: Float32Array } | undefined;

  /** The prompt's entries (words, markers, padding) of the run shown; empty before a run. */
  get words(): readonly AttentionWord[] {
    return this.#run?.words ?? [];
  }

  /** Index into `words` of the entry shown, or −1. */
  get selectedWord(): number {
    return this.selected;
  }

  /** The step shown (0-based). */
  get currentStep(): number {
    return this.step;
  }

  /** Each step's attention received so far. */
  get attentionSteps(): readonly StepAttention[] {
    return this.#run?.steps ?? [];
  }

  /** The shown entry's maps (each sums to 1 over the picture): at the current step and over all steps. */
  get shownMaps(): { readonly step: Float32Array; readonly all: Float32Array } | undefined {
    return this.#currentMaps();
  }

  /** Whether this element holds a lease on a shared model. */
  get holdsModel(): boolean {
    return this.models.holdsLease;
  }

  /** Shows entry `index` of `words` (markers and padding too, even while they are hidden). */
  showWord(index: number): void {
    if (!this.#run || index < 0 || index >= this.#run.words.length || index === this.selected) return;
    this.selected = index;
    emit(this, 'lx-change', { word: this.#run.words[index], step: this.step });
  }

  /** Shows step `index` (0-based) of the steps received so far. */
  showStep(index: number): void {
    const available = this.#run?.steps.length ?? 0;
    const clamped = Math.max(0, Math.min(available - 1, Math.round(index)));
    if (available === 0 || clamped === this.step) return;
    this.step = clamped;
    emit(this, 'lx-change', { word: this.#run!.words[this.selected], step: clamped });
  }

  /** Runs the prompt with its attention fetched every step; resolves when done. */
  async generate(): Promise<void> {
    const settings = this.#settings;
    if (!settings) return;
    const prompt = this.prompt;
    await this.run.start(async (signal) => {
      const model = await this.models.get(this.model, this.modelInstance);
      signal.throwIfAborted();
      this.#run = undefined;
      this.#maps = undefined;
      this.unsupported = !hasAttentionMaps(model);
      if (this.unsupported) return { attention: false };
      const run: AttentionRun = { prompt, total: settings.steps, words: [], steps: [], images: [] };
      const generation = generateWithAttention(model, { prompt, seed: settings.seed, guidanceScale: settings.guidance, steps: settings.steps, decodeSteps: true, signal });
      for await (const record of generation) {
        if (run.steps.length === 0) run.words = attentionWords((await generation.info).promptTokens!, model.config.textMaxLength);
        run.steps.push(stepAttention(model, record));
        run.images.push(record.decodedImage!);
        if (run.steps.length === 1) {
          this.#run = run;
          this.selected = this.#defaultWord(run);
        }
        this.step = run.steps.length - 1;
        emit(this, 'lx-step', record);
        this.run.report({ phase: 'generate', loaded: run.steps.length, total: run.total });
        this.requestUpdate();
      }
      return { words: run.words, steps: run.steps };
    });
  }

  /** Stops a running generation. */
  stop(): void {
    this.run.stop();
  }

  /** The word taking the largest share of attention so far: a telling first view (rarely "a"). */
  #defaultWord(run: AttentionRun): number {
    if (run.steps.length === 0) return run.words.findIndex((w) => w.kind === 'word');
    const { perWord } = wordShares(run.words, attentionShares(run.steps));
    let best = -1;
    run.words.forEach((w, i) => {
      if (w.kind === 'word' && (best < 0 || perWord[i]! > perWord[best]!)) best = i;
    });
    return best;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('seed') || changed.has('guidance') || changed.has('steps')) this.#validate();
    if (changed.has('model') || changed.has('modelInstance')) {
      this.#run = undefined;
      this.#maps = undefined;
      this.unsupported = false;
    }
  }

  #validate(): void {
    try {
      this.#settings = { seed: parseSeedAttribute(this.seed), guidance: parseGuidanceAttribute(this.guidance), steps: parseStepsAttribute(this.steps) };
      const error = this.run.error as { field?: unknown } | undefined;
      if (error && VALIDATED.includes(String(error.field))) this.run.clearError();
    } catch (error) {
      this.#settings = undefined;
      this.run.fail(error);
    }
  }

  #currentMaps(): { step: Float32Array; all: Float32Array } | undefined {
    const run = this.#run;
    if (!run || run.steps.length === 0 || this.selected < 0) return undefined;
    const step = Math.min(this.step, run.steps.length - 1);
    const key = `${this.selected}|${step}|${run.steps.length}`;
    if (this.#maps?.key !== key) {
      const positions = run.words[this.selected]!.positions;
      const size = run.images[0]!.width;
      this.#maps = { key, step: attentionHeatmap([run.steps[step]!], positions, size), all: attentionHeatmap(run.steps, positions, size) };
    }
    return this.#maps;
  }

  protected override updated(): void {
    const run = this.#run;
    const maps = this.#currentMaps();
    if (!run || !maps) return;
    const step = Math.min(this.step, run.steps.length - 1);
    paintAttentionMaps(this.renderRoot, {
      step: attentionOverlay(run.images[step]!, maps.step),
      all: attentionOverlay(run.images.at(-1)!, maps.all),
      label: describeWord(run.words[this.selected]!),
      stepIndex: step,
      prompt: run.prompt,
    });
  }

  protected override render() {
    const run = this.#run;
    const progressLabel = this.models.progress ? 'Downloading the model' : 'Generating';
    return html`
      ${renderRunForm(this, {
        fields: ['prompt', 'seed', 'guidance', 'steps'],
        running: this.run.running,
        blocked: !this.#settings,
        onChange: (field, value) => (this[field] = value),
        onGenerate: () => void this.generate(),
        onStop: () => this.stop(),
      })}
      ${renderProgress(this.models.progress ?? this.run.progress, progressLabel)} ${renderError(this.run.error)}
      ${this.unsupported
        ? html`<p class="note" part="note" role="status">
            This model does not export its cross-attention maps, so there is nothing to show per word. The shipped pocket model
            does; a Stable Diffusion export would need them added as extra outputs of its UNet.
          </p>`
        : run && run.steps.length > 0
          ? this.#renderRun(run)
          : html`<p class="hint">Press Generate: the model runs in your browser, and each word's attention appears step by step.</p>`}
    `;
  }

  #renderRun(run: AttentionRun) {
    const { perWord, special } = wordShares(run.words, attentionShares(run.steps));
    const step = Math.min(this.step, run.steps.length - 1);
    const shown = run.words[this.selected];
    return html`
      ${renderWordButtons(run.words, perWord, { selected: this.selected, showSpecial: this.showSpecial, onSelect: (i) => this.showWord(i) })}
      ${renderSpecialToggle(special, this.showSpecial, (on) => {
        this.showSpecial = on;
        if (!on && shown && shown.kind !== 'word') this.showWord(this.#defaultWord(run));
      })}
      ${renderStepSlider(step, run.steps.length, run.total, (i) => this.showStep(i))}
      ${shown ? renderMapFigures(describeWord(shown), step, run.steps.length) : nothing}
    `;
  }
}

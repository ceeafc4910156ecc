import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import type { SourceSpan } from '../../explorers/errors.js';
import { closestSpellings } from '../../explorers/table/spelling.js';
import { InvalidOptionError } from '../../errors.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import { generate } from '../../pipeline/run/generate.js';
import { decodeLatent } from '../../pipeline/run/latent-images.js';
import { embedPrompts } from '../../pipeline/run/prompt-embeddings.js';
import { splitWords } from '../../pipeline/tokenizers/word-level-tokenizer.js';
import type { MapOverlay } from '../shared/map/map-layout.js';
import { MAP_HEIGHT, MAP_WIDTH, mapScales } from '../shared/map/render-points.js';
import { overlayArrowDefs, renderOverlay } from '../shared/map/render-overlay.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { ShareController, attributeField } from '../shared/controllers/share-controller.js';
import { emit } from '../shared/events.js';
import { ModelController } from '../shared/controllers/model-controller.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { parseGuidanceAttribute, parseSeedAttribute, parseStepsAttribute } from '../shared/run-attributes.js';
import { renderError, renderProgress } from '../shared/render/templates.js';
import { renderImageCell } from '../shared/render/render-image-cell.js';
import { combinePrompts, type PromptCombination } from './prompt-arithmetic.js';
import { combinationOverlay, promptLayout, type PromptMap } from './prompt-layout.js';
import { parsePromptList, pocketPromptGrid } from './prompt-list.js';
import { nextPoint } from './point-navigation.js';
import { PROMPT_LABEL_SIZE, renderPromptPoints } from './render-prompt-points.js';
import { labelFontSize } from '../shared/map/place-labels.js';
import { ResizeController } from '../shared/controllers/resize-controller.js';
import { renderDetails, type Focus, type PromptImage } from './render-details.js';
import { promptSpaceStyles } from './prompt-space.styles.js';
import { mapBodyStyles, mapOverlayStyles, mapPointStyles } from '../shared/map/map.styles.js';

export type { PromptImage } from './render-details.js';

interface RunSettings {
  readonly seed: bigint;
  readonly steps: number;
  readonly guidance: number;
}

/** What a picture is conditioned on: a prompt, or the text state of a prompt expression. */
interface DrawSource {
  readonly prompt: string;
  readonly encoderHiddenStates?: Tensor;
  readonly combination?: PromptCombination;
}

const NEIGHBOURS = 5;

/**
 * Prompt space: a set of prompts, each encoded by the model's text encoder and mean-pooled to
 * one vector, laid out by PCA. Point at or arrow to a prompt to see its nearest prompts; click
 * it or press Enter to draw it. The arithmetic box combines prompts' text states (e.g.
 * `"a sheep riding a motorcycle" - sheep + duck`), draws from the combination itself through
 * generation's text-state hook, and places the result on the map with the same projection.
 *
 * @summary Map of prompts by their text-encoder embeddings, with click-to-generate and prompt arithmetic.
 * @event lx-progress - Model download or generation progress (`ProgressDetail`).
 * @event lx-ready - The prompts are encoded and mapped; detail `{ prompts, layout }`.
 * @event lx-select - A prompt was pointed at or focused; detail `{ prompt, neighbours }`.
 * @event lx-complete - A picture is drawn; detail `{ label, image, info, combination? }`.
 * @event lx-error - A typed error (bad attribute, prompt list, expression, model URL); detail `{ error }`.
 * @csspart controls - Seed, steps and guidance.
 * @csspart expression - The prompt-arithmetic form.
 * @csspart add - The form that adds a prompt to the map.
 * @csspart map - The SVG map of prompts.
 * @csspart details - Nearest prompts and the drawn picture.
 * @csspart image - The drawn picture.
 * @csspart progress - The progress bar.
 * @csspart error - The error message.
 * @cssprop --lx-color-point - Colour of points.
 * @cssprop --lx-color-neighbour - Colour of the nearest prompts.
 */
export class LxPromptSpace extends LitElement {
  static override styles = [themeStyles, widgetStyles, mapPointStyles, mapBodyStyles, mapOverlayStyles, promptSpaceStyles];

  /** The prompts to map: an array, or a string with one per line or `;`-separated. Default: every pocket animal on every vehicle, on a road and in the snow. */
  @property({ attribute: 'prompts' }) prompts: string | readonly string[] = pocketPromptGrid();
  /** A prompt expression drawn by the arithmetic form. */
  @property({ attribute: 'expression' }) expression = '"a sheep riding a motorcycle on a road" - sheep + duck';
  /** Seed of every picture (raw attribute string, validated). */
  @property({ attribute: 'seed' }) seed = '7';
  /** Denoising steps (raw attribute string, validated). */
  @property({ attribute: 'steps' }) steps = '20';
  /** Classifier-free guidance scale (raw attribute string, validated). */
  @property({ attribute: 'guidance' }) guidance = '5';
  /** URL of a diffusers-style ONNX model folder; the shipped pocket model by default. */
  @property({ attribute: 'model' }) model = DEFAULT_MODEL_URL;
  /** A loaded model to use instead of `model` (shared with other elements; never disposed here). */
  @property({ attribute: false }) modelInstance: DiffusionModel | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Keep the reader's settings in the page address (after #) and restore them from it, so a copied link shows the same figure; give the element an `id` when a page has several. */
  @property({ attribute: 'share', type: Boolean }) share = false;
  protected readonly sharing = new ShareController(
    this,
    [
      attributeField(this, 'expression'),
      attributeField(this, 'seed', parseSeedAttribute),
      attributeField(this, 'steps', parseStepsAttribute),
      attributeField(this, 'guidance', parseGuidanceAttribute),
    ],
    (error) => this.run.fail(error),
  );

  @state() protected added: readonly string[] = [];
  @state() protected map: PromptMap | undefined;
  @state() protected active = 0;
  @state() protected focused: Focus | undefined;
  @state() protected overlay: MapOverlay | undefined;
  @state() protected picture: PromptImage | undefined;
  @state() protected encoding = false;

  @query('svg') private svg!: SVGSVGElement | null;

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  #settings: RunSettings | undefined;
  #screenPoints: Array<[number, number]> = [];
  /** The map's drawn width: labels keep a readable size when a phone shrinks the map. */
  readonly #mapSize = new ResizeController(this, () => this.requestUpdate(), () => this.svg);
  #mapRequest = 0;
  #combination: PromptCombination | undefined;
  /** The model the map was encoded with (for checking prompts the reader adds). */
  #model: DiffusionModel | undefined;

  /** The fitted map (layout and pooled-vector table), once the prompts are encoded. */
  get promptMap(): PromptMap | undefined {
    return this.map;
  }

  /** The last picture drawn. */
  get lastImage(): PromptImage | undefined {
    return this.picture;
  }

  /** The last evaluated prompt expression. */
  get combination(): PromptCombination | undefined {
    return this.#combination;
  }

  /** Whether this element holds a lease on a shared model (false once removed from the page). */
  get holdsModel(): boolean {
    return this.models.holdsLease;
  }

  /**
   * Adds a prompt of the reader's to the map (refits the projection). A prompt with a word the
   * model cannot read is refused with an `InvalidOptionError` on `prompt`: it would be mapped
   * as `[UNK]`, which says nothing about the word. Returns whether the prompt was added.
   */
  addPrompt(prompt: string): boolean {
    const text = prompt.replace(/\s+/gu, ' ').trim();
    if (text === '' || this.map?.layout.words.includes(text)) return false;
    const [unknown] = this.#model?.tokenizer.encode(text).unknownWords ?? [];
    if (unknown !== undefined) {
      const suggestions = closestSpellings(unknown, this.#knownWords());
      const hint = suggestions.length ? ` Did you mean ${suggestions.map((word) => `"${word}"`).join(', ')}?` : '';
      this.run.fail(new InvalidOptionError('prompt', `"${unknown}" is not a word this model knows.${hint}`));
      return false;
    }
    this.added = [...this.added, text];
    return true;
  }

  /** Draws the prompt at `index` on the map; resolves when the picture is done. */
  async generatePoint(index: number): Promise<void> {
    const prompt = this.map?.layout.words[index];
    if (prompt === undefined) return;
    this.active = index;
    await this.#draw(prompt, index, () => ({ prompt }));
  }

  /** Evaluates `expression` (default: the element's), draws from its text state and places it on the map. */
  async generateExpression(expression = this.expression): Promise<void> {
    this.expression = expression;
    this.overlay = undefined;
    await this.#draw(expression, undefined, async (model) => {
      const combination = await combinePrompts(model, expression, this.#knownWords());
      this.#combination = combination;
      if (this.map) {
        this.overlay = combinationOverlay(this.map.layout, combination);
        this.focused = { label: expression, neighbours: this.map.table.nearest(combination.pooled, { k: NEIGHBOURS }) };
      }
      return { prompt: expression, encoderHiddenStates: combination.states, combination };
    });
  }

  /** Stops a running generation. */
  stop(): void {
    this.run.stop();
  }

  async #draw(label: string, index: number | undefined, condition: (model: DiffusionModel) => DrawSource | Promise<DrawSource>): Promise<void> {
    const settings = this.#settings;
    if (!settings) return;
    await this.run.start(async (signal) => {
      const model = await this.models.get(this.model, this.modelInstance);
      const { combination, ...conditioning } = await condition(model);
      const run = generate(model, { ...conditioning, seed: settings.seed, steps: settings.steps, guidanceScale: settings.guidance, signal });
      let last: Tensor | undefined;
      for await (const step of run) {
        last = step.latentOut;
        this.run.report({ phase: 'generate', loaded: step.index + 1, total: step.totalSteps });
      }
      const image = await decodeLatent(model, last!);
      signal.throwIfAborted();
      this.picture = { label, image, info: await run.info, index };
      return { ...this.picture, ...(combination ? { combination } : {}) };
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const has = (name: string) => (changed as Map<PropertyKey, unknown>).has(name);
    if (['seed', 'steps', 'guidance'].some(has)) this.#validate();
    if (['prompts', 'model', 'modelInstance', 'added'].some(has)) void this.#encode();
  }

  #validate(): void {
    try {
      this.#settings = { seed: parseSeedAttribute(this.seed), steps: parseStepsAttribute(this.steps), guidance: parseGuidanceAttribute(this.guidance) };
      if (this.run.error?.name === 'InvalidOptionError') this.run.clearError();
    } catch (error) {
      this.#settings = undefined;
      this.run.fail(error);
    }
  }

  /** Encodes the prompts and fits the map; a newer request supersedes an older one. */
  async #encode(): Promise<void> {
    const request = ++this.#mapRequest;
    try {
      const prompts = [...new Set([...parsePromptList(this.prompts), ...this.added])];
      this.encoding = true;
      const model = await this.models.get(this.model, this.modelInstance);
      const embeddings = await embedPrompts(model, prompts);
      if (request !== this.#mapRequest || !this.isConnected) return;
      this.#model = model;
      this.map = promptLayout(prompts, embeddings.pooled, embeddings.dimensions);
      this.active = Math.min(this.active, prompts.length - 1);
      this.overlay = this.#combination ? combinationOverlay(this.map.layout, this.#combination) : undefined;
      if (this.run.error && this.run.status === 'error') this.run.clearError();
      emit(this, 'lx-ready', { prompts, layout: this.map.layout });
    } catch (error) {
      if (request === this.#mapRequest && this.isConnected) this.run.fail(error);
    } finally {
      if (request === this.#mapRequest) this.encoding = false;
    }
  }

  /** Words the map's prompts use: spelling suggestions for an unknown word in an expression. */
  #knownWords(): string[] {
    return [...new Set(this.map?.layout.words.flatMap((prompt) => splitWords(prompt)) ?? [])];
  }

  #select(index: number): void {
    const map = this.map;
    if (!map || index < 0 || index >= map.layout.words.length) return;
    this.active = index;
    const prompt = map.layout.words[index]!;
    this.focused = { label: prompt, neighbours: map.table.nearest(map.table.unit(index), { k: NEIGHBOURS, exclude: [index] }) };
    emit(this, 'lx-select', { prompt, neighbours: this.focused.neighbours });
  }

  protected override updated(): void {
    const layer = this.svg?.querySelector<SVGGElement>('g.points');
    if (layer && this.map) {
      const { layout } = this.map;
      const scales = mapScales(layout, this.overlay ? [...this.overlay.path, this.overlay.result] : []);
      const neighbours = new Set(this.focused?.neighbours.map((n) => n.index));
      const selected = this.focused?.label === layout.words[this.active] ? this.active : undefined;
      const fontSize = labelFontSize(PROMPT_LABEL_SIZE, MAP_WIDTH, this.#mapSize.width, 12);
      this.#screenPoints = renderPromptPoints(select(layer), layout, scales, { active: this.active, selected, neighbours, generated: this.picture?.index }, fontSize);
      renderOverlay(select(this.svg!.querySelector<SVGGElement>('g.overlay')!), this.overlay, scales);
    }
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.cell');
    if (canvas && this.picture) renderImageCell(select(canvas), this.picture.image, `Picture drawn from ${this.picture.label}, seed ${this.picture.info.seed}`);
    this.#markExpressionError();
  }

  /** Selects the part of the expression an error points at, so the reader sees where. */
  #markExpressionError(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name=expression]');
    const span = (this.run.error as { span?: SourceSpan } | undefined)?.span;
    if (input && span && (this.renderRoot as ShadowRoot).activeElement === input) input.setSelectionRange(span.start, span.end);
  }

  #pointIndex(event: Event): number | undefined {
    const point = (event.target as Element).closest?.('g.point');
    return point ? Number(point.getAttribute('data-index')) : undefined;
  }

  #onPointer(event: Event): void {
    const index = this.#pointIndex(event);
    if (index !== undefined && (index !== this.active || this.focused?.label !== this.map?.layout.words[index])) this.#select(index);
  }

  #onClick(event: Event): void {
    const index = this.#pointIndex(event);
    if (index !== undefined) void this.generatePoint(index);
  }

  #onKey(event: KeyboardEvent): void {
    const index = this.#pointIndex(event);
    if (index === undefined) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void this.generatePoint(index);
      return;
    }
    const next = nextPoint(this.#screenPoints, index, event.key);
    if (next === undefined) return;
    event.preventDefault();
    this.#select(next);
    void this.updateComplete.then(() => this.svg?.querySelector<SVGGElement>(`g.point[data-index="${next}"]`)?.focus());
  }

  #onSettings(event: Event): void {
    const input = event.target as HTMLInputElement;
    const name = input.name as 'seed' | 'steps' | 'guidance';
    this[name] = input.value;
  }

  #onExpression(event: Event): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('expression') as HTMLInputElement;
    if (!this.run.running) void this.generateExpression(input.value);
  }

  #onAdd(event: Event): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('prompt') as HTMLInputElement;
    if (this.addPrompt(input.value)) input.value = '';
  }

  protected override render() {
    const layout = this.map?.layout;
    const errorField = (this.run.error as { field?: string } | undefined)?.field;
    const expressionError = errorField === 'expression';
    const progressLabel = this.models.progress ? 'Downloading the model' : 'Drawing';
    return html`
      <form class="controls" part="controls" @change=${this.#onSettings} @submit=${(e: Event) => e.preventDefault()}>
        <label>Seed <input name="seed" .value=${this.seed} inputmode="numeric" /></label>
        <label>Steps <input name="steps" type="number" min="1" step="1" .value=${this.steps} /></label>
        <label>Guidance <input name="guidance" type="number" min="0" step="0.5" .value=${this.guidance} /></label>
        <button type="button" class="stop" ?disabled=${!this.run.running} @click=${() => this.stop()}>Stop</button>
      </form>
      <form class="controls expression" part="expression" @submit=${this.#onExpression}>
        <label class="grow">Prompt arithmetic (quote each prompt)
          <input name="expression" .value=${this.expression} spellcheck="false" autocomplete="off"
            aria-invalid=${expressionError ? 'true' : 'false'} aria-describedby=${expressionError ? 'prompt-space-error' : nothing} />
        </label>
        <div class="buttons"><button type="submit" class="primary" ?disabled=${this.run.running || !this.#settings}>Draw the sum</button></div>
      </form>
      ${renderProgress(this.models.progress ?? this.run.progress, progressLabel)}
      <div id="prompt-space-error">${renderError(this.run.error)}</div>
      <div class="body">
        <div>
          <svg part="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="group"
            aria-label=${`Map of ${layout?.words.length ?? 0} prompts by PCA of their pooled text embeddings; arrow keys move between prompts, Enter draws one`}
            @pointerover=${this.#onPointer} @focusin=${this.#onPointer} @click=${this.#onClick} @keydown=${this.#onKey}>
            ${overlayArrowDefs}
            <g class="points"></g>
            <g class="overlay"></g>
          </svg>
          ${layout
            ? html`<p class="note" part="distortion">
                ${layout.note} Neighbour preservation: ${Math.round(100 * layout.preservation.mean)}% of each prompt's ${layout.preservation.k} nearest
                prompts (cosine, ${this.map!.table.dimensions}-d) are also nearest on the map.
              </p>`
            : html`<p class="hint">${this.encoding ? 'Encoding the prompts…' : 'Waiting for the model…'}</p>`}
          <p class="note">
            Red: the prompt you point at; green: its nearest prompts; outlined: the one drawn.
            ${this.overlay ? 'The ring is the arithmetic result, placed by the same projection; each arrow is one term.' : nothing}
          </p>
          <form class="controls add" part="add" @submit=${this.#onAdd}>
            <label class="grow">Add a prompt
              <input name="prompt" autocomplete="off" placeholder="a red duck riding a car at night"
                aria-invalid=${errorField === 'prompt' ? 'true' : 'false'} aria-describedby=${errorField === 'prompt' ? 'prompt-space-error' : nothing} />
            </label>
            <div class="buttons"><button type="submit">Add</button></div>
          </form>
        </div>
        ${renderDetails(this.focused, this.picture)}
      </div>
    `;
  }
}

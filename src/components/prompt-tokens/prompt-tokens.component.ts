import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { encodePrompts } from '../../pipeline/run/text-conditioning.js';
import type { TokenizedPrompt } from '../../pipeline/tokenizers/types.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { NearViewportController } from '../shared/controllers/near-viewport-controller.js';
import { ModelController } from '../shared/controllers/model-controller.js';
import { ShareController, attributeField } from '../shared/controllers/share-controller.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { RunController } from '../shared/controllers/run-controller.js';
import { renderError, renderProgress } from '../shared/render/templates.js';
import { renderHeatmap, sharedRange } from '../shared/render/render-heatmap.js';
import { paddingSummary, tokenLabels, type PaddingSummary, type TokenLabel } from './token-labels.js';
import { promptTokensStyles } from './prompt-tokens.styles.js';
import { inheritModel, inheritTheme } from '../shared/contexts.js';

/** Pause after typing before the text encoder runs again. */
const ENCODE_DELAY_MS = 250;

/** What the element shows for one prompt; also the `lx-complete` detail. */
export interface PromptTokensResult {
  readonly tokenized: TokenizedPrompt;
  readonly labels: readonly TokenLabel[];
  /** The padding that fills the ids up to the text encoder's length. */
  readonly padding: PaddingSummary;
  /** The text encoder's output for the kept tokens: [1, 1, tokens, width]. */
  readonly embeddings: Tensor;
}

/**
 * How the text encoder sees a prompt: the tokens and their ids (the pocket model's word-level
 * vocabulary shows which unknown words were mapped to which known word; CLIP shows its
 * byte-pair pieces, the pieces of one word joined, each hover naming the prompt characters it
 * came from), the padding to the encoder's length, and each token's output embedding as one
 * heatmap row.
 *
 * @summary Prompt tokens, ids and per-token text-encoder embeddings.
 * @event lx-progress - Model download progress (`ProgressDetail`).
 * @event lx-complete - Tokens and embeddings for the prompt; detail `PromptTokensResult`.
 * @event lx-error - A typed error (bad model URL…); detail `{ error }`.
 * @csspart controls - The prompt box.
 * @csspart progress - The download progress bar.
 * @csspart error - The error message.
 * @csspart tokens - The token list.
 * @csspart embeddings - The embedding heatmap.
 */
export class LxPromptTokens extends LitElement {
  static override styles = [themeStyles, widgetStyles, promptTokensStyles];

  /** The prompt to tokenize and encode. */
  @property({ attribute: 'prompt' }) prompt = 'a lamb riding a motorbike';
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
      attributeField(this, 'prompt'),
    ],
    (error) => this.run.fail(error),
  );

  constructor() {
    super();
    // Inside lx-explainer, the explainer's model and theme (shared/contexts.ts); on its own, nothing.
    inheritModel(this);
    inheritTheme(this);
  }

  @state() protected result: PromptTokensResult | undefined;

  protected readonly models = new ModelController<DiffusionModel>(this, pageModels);
  protected readonly run = new RunController(this);
  /** The model loads only once the element comes near the viewport. */
  protected readonly nearby = new NearViewportController(this, () => {
    if (this.#encodePending && !this.run.running) void this.encode();
  });
  /** The inputs changed while far from the viewport: encode once near (unless encoded meanwhile). */
  #encodePending = false;

  @query('canvas.embedding-map') private embeddingCanvas!: HTMLCanvasElement | null;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;

  /** Whether this element holds a lease on a shared model (false once removed from the page). */
  get holdsModel(): boolean {
    return this.models.holdsLease;
  }

  /** The tokens and embeddings shown. */
  get tokens(): PromptTokensResult | undefined {
    return this.result;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typingTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const changedInput = changed.has('prompt') || changed.has('model') || changed.has('modelInstance');
    if (changedInput && this.nearby.near) void this.encode();
    else if (changedInput) this.#encodePending = true;
  }

  /** Tokenizes and encodes the current prompt (resolves once shown, or failed). */
  async encode(): Promise<void> {
    const prompt = this.prompt;
    this.#encodePending = false;
    await this.run.start(async (signal) => {
      const model = await this.models.get(this.model, this.modelInstance);
      signal.throwIfAborted();
      const [encoded] = await encodePrompts(model, [prompt]);
      signal.throwIfAborted();
      const { tokens: tokenized, states: hidden } = encoded!;
      const width = hidden.shape[2]!;
      const rows = tokenized.tokenCount;
      const embeddings = { data: hidden.data.subarray(0, rows * width), shape: [1, 1, rows, width] };
      this.result = { tokenized, labels: tokenLabels(tokenized), padding: paddingSummary(model.tokenizer, tokenized), embeddings };
      return this.result;
    });
  }

  protected override updated(): void {
    const result = this.result;
    if (!result || !this.embeddingCanvas) return;
    const alt = `Text-encoder output for "${result.tokenized.text}": one row per token, ${result.embeddings.shape[3]} values each`;
    renderHeatmap(select(this.embeddingCanvas), result.embeddings, 0, sharedRange(result.embeddings), alt);
  }

  protected override render() {
    return html`
      <div class="controls" part="controls">
        <label class="grow">
          Prompt
          <input
            type="text"
            .value=${this.prompt}
            @input=${(event: Event) => {
              const value = (event.target as HTMLInputElement).value;
              clearTimeout(this.#typingTimer);
              this.#typingTimer = setTimeout(() => (this.prompt = value), ENCODE_DELAY_MS);
            }}
          />
        </label>
      </div>
      ${renderProgress(this.models.progress, 'Downloading the model')} ${renderError(this.run.error)}
      ${this.result ? this.#renderResult(this.result) : nothing}
    `;
  }

  #renderResult(result: PromptTokensResult) {
    const { tokenized, labels, padding } = result;
    const notes = labels.filter((label) => label.note);
    return html`
      <ol class="tokens" part="tokens" aria-label="Tokens">
        ${labels.map(
          (token) => html`<li class="token ${token.kind} ${token.endsWord ? '' : 'continues'}" title=${token.note || token.detail}>
            <span>${token.label}</span><small>${token.id}</small>${token.endsWord
              ? nothing
              : html`<span class="lx-visually-hidden">(word continues)</span>`}
          </li>`,
        )}
      </ol>
      ${padding.count > 0
        ? html`<p class="padding">
            Padded to ${padding.length} with ${padding.count} × <code>${padding.token}</code> (id ${padding.id}).
          </p>`
        : nothing}
      ${notes.length || tokenized.truncated
        ? html`<ul class="notes">
            ${notes.map((token) => html`<li>${token.note}</li>`)}
            ${tokenized.truncated ? html`<li>The prompt was cut: ${tokenized.droppedTokens} tokens beyond the limit were dropped.</li>` : nothing}
          </ul>`
        : nothing}
      <figure part="embeddings">
        <div class="embedding" style="height:${Math.max(4, labels.length * 1.4)}em">
          <div class="row-labels" aria-hidden="true">${labels.map((token) => html`<span>${token.label}</span>`)}</div>
          <canvas class="embedding-map"></canvas>
        </div>
        <figcaption>
          Each row is one token's ${result.embeddings.shape[3]}-number output from the text encoder (blue −, red +): what the
          denoiser attends to.
        </figcaption>
      </figure>
    `;
  }
}

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import { parseWordList } from '../../explorers/word-sets.js';
import type { EmbeddingTable } from '../../explorers/table/embedding-table.js';
import { InvalidOptionError } from '../../errors.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { ShareController, attributeField } from '../shared/controllers/share-controller.js';
import { emit } from '../shared/events.js';
import { renderError, renderProgress } from '../shared/render/templates.js';
import { EmbeddingTableController } from '../shared/controllers/embedding-table-controller.js';
import { similarityMatrix, type SimilarityMatrix } from './similarity.js';
import { renderMatrix } from './render-matrix.js';
import { similarityMatrixStyles } from './similarity-matrix.styles.js';
import { ownVectorsStyles } from '../shared/styles/own-vectors.styles.js';
import { renderOwnVectors } from '../shared/render/own-vectors.js';
import { readProjectorFiles } from '../../explorers/table/load-tsv.js';

/** Most words shown at once: beyond this the cells become unreadable. */
const MAX_WORDS = 40;

/**
 * Pairwise cosine similarity of a list of words as a heatmap, with the same numbers in a
 * table for screen readers; on the shipped GloVe vectors or the reader's own TSV.
 *
 * @summary Cosine-similarity heatmap of a word list.
 * @event lx-progress - Downloading the embeddings; detail `ProgressDetail`.
 * @event lx-ready - The table is loaded; detail `{ table }`.
 * @event lx-result - The matrix was computed; detail `{ matrix }`.
 * @event lx-error - Unknown word (with suggestions) or too many words; detail `{ error }`.
 * @csspart form - The word-list form.
 * @csspart heatmap - The heatmap SVG.
 * @csspart table - The visually hidden table of values.
 * @csspart error - The error message.
 * @csspart progress - The download progress bar.
 * @csspart own-vectors - The reader's own vectors: TSV file picker and URL form.
 */
export class LxSimilarityMatrix extends LitElement {
  static override styles = [themeStyles, widgetStyles, similarityMatrixStyles, ownVectorsStyles];

  /** Words to compare, separated by commas, spaces or new lines. */
  @property({ attribute: 'words' }) words = 'king, queen, man, woman, paris, france, rome, italy, cat, dog';
  /** URL of an `.lxemb` embedding asset; the shipped GloVe 50k when empty. */
  @property({ attribute: 'src' }) src = '';
  /** URL of a vectors TSV (TensorFlow Projector format) to use instead of `src`. */
  @property({ attribute: 'vectors-src' }) vectorsSrc = '';
  /** URL of the metadata TSV whose first column labels `vectors-src`'s rows. */
  @property({ attribute: 'metadata-src' }) metadataSrc = '';
  /** A table shared with other elements on the page; overrides `src`. */
  @property({ attribute: false }) table: EmbeddingTable | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Keep the reader's settings in the page address (after #) and restore them from it, so a copied link shows the same figure; give the element an `id` when a page has several. */
  @property({ attribute: 'share', type: Boolean }) share = false;
  protected readonly sharing = new ShareController(
    this,
    [
      attributeField(this, 'words', parseWordList),
    ],
    (error) => {
      this.error = error;
      emit(this, 'lx-error', { error });
    },
  );

  @state() protected matrix: SimilarityMatrix | undefined;
  @state() protected error: Error | undefined;

  @query('svg') private svg!: SVGSVGElement | null;

  readonly #tables = new EmbeddingTableController(this, () => this.#compute());

  /** The matrix on show. */
  get result(): SimilarityMatrix | undefined {
    return this.matrix;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('words')) this.#compute();
  }

  protected override updated(): void {
    if (this.svg && this.matrix) renderMatrix(select(this.svg), this.matrix);
  }

  #compute(): void {
    const table = this.#tables.table;
    if (!table) return;
    try {
      const words = parseWordList(this.words);
      if (words.length < 2 || words.length > MAX_WORDS) throw new InvalidOptionError('words', `give between 2 and ${MAX_WORDS} words, got ${words.length}`);
      this.matrix = similarityMatrix(table, words);
      this.error = undefined;
      emit(this, 'lx-result', { matrix: this.matrix });
    } catch (error) {
      this.matrix = undefined;
      this.error = error as Error;
      emit(this, 'lx-error', { error: this.error });
    }
  }

  #fail(error: Error): void {
    this.error = error;
    emit(this, 'lx-error', { error });
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    this.words = ((event.target as HTMLFormElement).elements.namedItem('words') as HTMLInputElement).value;
  }

  protected override render() {
    const matrix = this.matrix;
    return html`
      <form part="form" @submit=${this.#onSubmit}>
        <label>Words to compare <input type="text" name="words" .value=${this.words} spellcheck="false" autocomplete="off" /></label>
        <button class="primary" type="submit" ?disabled=${!this.#tables.table}>Compare</button>
      </form>
      ${renderOwnVectors({
        onFiles: (files) => readProjectorFiles(files).then((table) => void (this.table = table), (error: Error) => this.#fail(error)),
        onUrl: (vectors, metadata) => {
          this.table = undefined;
          [this.vectorsSrc, this.metadataSrc] = [vectors, metadata];
        },
      })}
      ${renderProgress(this.#tables.progress, 'Loading word vectors')} ${renderError(this.error ?? this.#tables.error)}
      ${matrix
        ? html`<svg part="heatmap" aria-hidden="true"></svg>
            <p class="legend">Cosine similarity: blue = same direction (1), white = unrelated (0), red = opposite (−1).</p>
            <!-- A table is never narrower than its cells, whatever its width: a 1 px box clips it, so the page never scrolls sideways. -->
            <div class="lx-visually-hidden">
              <table part="table">
                <caption>Cosine similarity between each pair of words</caption>
                <tr><td></td>${matrix.words.map((word) => html`<th scope="col">${word}</th>`)}</tr>
                ${matrix.words.map(
                  (word, i) => html`<tr><th scope="row">${word}</th>${matrix.words.map((_, j) => html`<td>${matrix.values[i * matrix.words.length + j]!.toFixed(2)}</td>`)}</tr>`,
                )}
              </table>
            </div>`
        : nothing}
    `;
  }
}

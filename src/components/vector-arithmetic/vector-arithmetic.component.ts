import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select } from 'd3';
import { solveExpression, type AnalogyMethod, type Solution } from '../../explorers/analogy.js';
import type { EmbeddingTable } from '../../explorers/table/embedding-table.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { ShareController, attributeField } from '../shared/controllers/share-controller.js';
import { emit } from '../shared/events.js';
import { parseEnumAttribute, parseIntegerAttribute } from '../shared/attributes.js';
import { renderError, renderProgress } from '../shared/render/templates.js';
import { EmbeddingTableController } from '../shared/controllers/embedding-table-controller.js';
import { arithmeticPlot, type ArithmeticPlot } from './arithmetic-plot.js';
import { plotScales, renderArithmetic } from './render-arithmetic.js';
import { vectorArithmeticStyles } from './vector-arithmetic.styles.js';
import { mapBodyStyles } from '../shared/map/map.styles.js';

const METHODS: readonly AnalogyMethod[] = ['3cosadd', '3cosmul'];

/**
 * Word-vector arithmetic: type `king - man + woman`, get the nearest words with their scores,
 * and see the sum drawn as arrows in a PCA of its words (exact, because PCA is linear).
 *
 * @summary Vector arithmetic on word embeddings, with ranked answers and an exact picture.
 * @event lx-progress - Downloading the embeddings; detail `ProgressDetail`.
 * @event lx-ready - The table is loaded; detail `{ table }`.
 * @event lx-result - An expression was solved; detail `{ solution }`.
 * @event lx-error - A typed error (syntax with position, unknown word with suggestions, bad attribute); detail `{ error }`.
 * @csspart form - The expression form.
 * @csspart input - The expression box.
 * @csspart answers - The ranked list of answers.
 * @csspart plot - The figure with the arithmetic drawn in PCA.
 * @csspart error - The error message.
 * @csspart progress - The download progress bar.
 * @cssprop --lx-color-answer - Colour of answer points.
 */
export class LxVectorArithmetic extends LitElement {
  static override styles = [themeStyles, widgetStyles, mapBodyStyles, vectorArithmeticStyles];

  /** The expression to solve, e.g. `king - man + woman`, `0.5*hot + 0.5*cold`, `mean(a, b)`. */
  @property({ attribute: 'expression' }) expression = 'king - man + woman';
  /** How many answers to list (raw attribute string, 1–100). */
  @property({ attribute: 'top-k' }) topK = '10';
  /** `3cosadd` (default) or `3cosmul`. */
  @property({ attribute: 'method' }) method = '3cosadd';
  /** URL of an `.lxemb` embedding asset; the shipped GloVe 50k when empty. */
  @property({ attribute: 'src' }) src = '';
  /** A table shared with other elements on the page; overrides `src`. */
  @property({ attribute: false }) table: EmbeddingTable | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Keep the reader's settings in the page address (after #) and restore them from it, so a copied link shows the same figure; give the element an `id` when a page has several. */
  @property({ attribute: 'share', type: Boolean }) share = false;
  protected readonly sharing = new ShareController(
    this,
    [
      attributeField(this, 'expression'),
      attributeField(this, 'method', (raw) => parseEnumAttribute('method', raw, METHODS)),
      attributeField(this, 'top-k', (raw) => parseIntegerAttribute('top-k', raw, 1, 100)),
    ],
    (error) => {
      this.error = error;
      emit(this, 'lx-error', { error });
    },
  );

  @state() protected solution: Solution | undefined;
  @state() protected error: Error | undefined;
  @state() protected plot: ArithmeticPlot | undefined;

  @query('svg') private svg!: SVGSVGElement | null;

  readonly #tables = new EmbeddingTableController(this, () => this.solve());

  /** The last solution shown. */
  get result(): Solution | undefined {
    return this.solution;
  }

  /** Solves the current expression (called on submit, on load, and when attributes change). */
  solve(): void {
    const table = this.#tables.table;
    if (!table) return;
    try {
      const k = parseIntegerAttribute('top-k', this.topK, 1, 100);
      const method = parseEnumAttribute('method', this.method, METHODS);
      this.solution = solveExpression(table, this.expression, { k, method });
      this.plot = arithmeticPlot(table, this.solution);
      this.error = undefined;
      emit(this, 'lx-result', { solution: this.solution });
    } catch (error) {
      this.solution = undefined;
      this.plot = undefined;
      this.error = error as Error;
      emit(this, 'lx-error', { error: this.error });
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('topK') || changed.has('method') || changed.has('expression')) this.solve();
  }

  protected override updated(): void {
    if (this.svg && this.plot) renderArithmetic(select(this.svg), this.plot, plotScales(this.plot));
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    // Solved in willUpdate, like an attribute change.
    this.expression = (form.elements.namedItem('expression') as HTMLInputElement).value;
    this.method = (form.elements.namedItem('method') as HTMLSelectElement).value;
  }

  protected override render() {
    const error = this.error ?? this.#tables.error;
    return html`
      <form part="form" @submit=${this.#onSubmit}>
        <label class="grow">
          Expression
          <input part="input" type="text" name="expression" .value=${this.expression} spellcheck="false" autocomplete="off"
            aria-describedby="syntax" aria-invalid=${error ? 'true' : 'false'} />
        </label>
        <label>
          Method
          <select name="method" .value=${this.method}>
            <option value="3cosadd">3CosAdd</option>
            <option value="3cosmul">3CosMul</option>
          </select>
        </label>
        <button class="primary" type="submit" ?disabled=${!this.#tables.table}>Solve</button>
      </form>
      <p id="syntax" class="terms">Words joined by + and −, numbers as weights (0.5*hot), parentheses, mean(a, b), "quoted phrases".</p>
      ${renderProgress(this.#tables.progress, 'Loading word vectors')} ${renderError(error)}
      ${this.solution ? this.#renderSolution(this.solution) : nothing}
    `;
  }

  #renderSolution(solution: Solution) {
    const formula = describeTerms(solution);
    const best = solution.answers[0];
    return html`
      <div class="body">
        <section aria-label="Answers">
          <ol part="answers">
            ${solution.answers.map((a) => html`<li><span class="word">${a.label}</span> <span class="score">${a.score.toFixed(3)}</span></li>`)}
          </ol>
          <p class="terms">${solution.method === '3cosadd' ? 'Cosine similarity' : '3CosMul score'}; the query's own words are left out.</p>
          <p class="lx-visually-hidden" aria-live="polite">${best ? `${formula} is nearest to ${best.label}, score ${best.score.toFixed(2)}` : 'No answers'}</p>
        </section>
        ${this.plot
          ? html`<figure part="plot">
              <svg role="img" aria-label=${`The sum ${formula} drawn as arrows in a PCA projection of its words and answers`}></svg>
              <figcaption>
                ${formula}, step by step, in a PCA of these words (${Math.round(100 * (this.plot.explained[0] + this.plot.explained[1]))}% of
                their variance). PCA is linear, so each arrow is exactly one term; the ring is the exact result, the green points the nearest words.
              </figcaption>
            </figure>`
          : nothing}
      </div>
    `;
  }
}

/** `king − man + woman`, `0.5·hot + 0.5·cold`: the evaluated terms written back for captions. */
function describeTerms(solution: Solution): string {
  return solution.terms
    .map((term, i) => {
      const sign = term.weight < 0 ? (i ? ' − ' : '−') : i ? ' + ' : '';
      const size = Math.abs(term.weight);
      return `${sign}${size === 1 ? '' : `${+size.toFixed(3)}·`}${term.label}`;
    })
    .join('');
}

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select, zoom, zoomIdentity, type ZoomTransform } from 'd3';
import type { EmbeddingTable, Neighbour } from '../../explorers/table/embedding-table.js';
import { WORD_SETS, parseWordList } from '../../explorers/word-sets.js';
import { UmapWorkerClient, type UmapWorkerFactory } from '../../explorers/umap/umap-client.js';
import { InvalidOptionError } from '../../errors.js';
import { UnknownWordError } from '../../explorers/errors.js';
import { closestSpellings } from '../../explorers/table/spelling.js';
import { themeStyles } from '../shared/theme.styles.js';
import { widgetStyles } from '../shared/widget.styles.js';
import { emit, type ProgressDetail } from '../shared/events.js';
import { parseEnumAttribute, parseIntegerAttribute } from '../shared/attributes.js';
import { renderError, renderProgress } from '../shared/templates.js';
import { EmbeddingTableController } from './embedding-table-controller.js';
import { arithmeticOverlay, linearLayout, umapLayout, type MapLayout, type MapOverlay, type ProjectionKind } from './map-layout.js';
import { overlayArrowDefs, renderOverlay } from './render-overlay.js';
import { MAP_HEIGHT, MAP_LABEL_SIZE, MAP_WIDTH, mapScales, renderPoints } from './render-points.js';
import { labelFontSize } from './place-labels.js';
import { ResizeController } from '../shared/resize-controller.js';
import { embeddingMapStyles, mapPointStyles } from './embedding-map.styles.js';

const PROJECTIONS: readonly ProjectionKind[] = ['pca', 'axes', 'umap'];
const PRESETS = [...WORD_SETS.map((set) => set.id), 'custom'] as const;

/**
 * A map of word vectors: a preset or the reader's own word set projected to 2-D by PCA,
 * custom axes (x = man→woman, …) or UMAP, with zoom and pan, search, the nearest neighbours
 * of the word under the pointer, and a measure of how much the projection distorts.
 *
 * @summary Scatter map of word embeddings with switchable, honest projections.
 * @event lx-progress - Downloading the embeddings or fitting UMAP; detail `ProgressDetail`.
 * @event lx-ready - The table is loaded; detail `{ table }`.
 * @event lx-result - A layout was drawn; detail `{ layout }`.
 * @event lx-select - A word was selected; detail `{ word, neighbours }`.
 * @event lx-error - Unknown word, bad attribute or UMAP failure; detail `{ error }`.
 * @csspart controls - Word set, projection and search controls.
 * @csspart map - The zoomable SVG map.
 * @csspart distortion - The neighbour-preservation readout.
 * @csspart neighbours - The selected word's nearest neighbours.
 * @csspart overlay-note - What the drawn expression shows and how exact it is.
 * @csspart error - The error message.
 * @csspart progress - Download or UMAP progress.
 * @cssprop --lx-color-point - Colour of points.
 * @cssprop --lx-color-neighbour - Colour of the selected word's neighbours.
 */
export class LxEmbeddingMap extends LitElement {
  static override styles = [themeStyles, widgetStyles, mapPointStyles, embeddingMapStyles];

  /** A preset word set (`royalty-gender`, `countries-capitals`, `animals-vehicles`, `pocket-vocabulary`) or `custom` to use `words`. */
  @property({ attribute: 'preset' }) preset = 'royalty-gender';
  /** The reader's words (comma, space or line separated); used when `preset="custom"`. */
  @property({ attribute: 'words' }) words = '';
  /** `pca` (default), `axes` or `umap`. */
  @property({ attribute: 'projection' }) projection = 'pca';
  /** Custom x axis: from this expression… */
  @property({ attribute: 'x-from' }) xFrom = 'man';
  /** …to this one. */
  @property({ attribute: 'x-to' }) xTo = 'woman';
  /** Custom y axis: from this expression… */
  @property({ attribute: 'y-from' }) yFrom = 'man';
  /** …to this one. */
  @property({ attribute: 'y-to' }) yTo = 'king';
  /** An expression whose result is drawn on the map, e.g. `king - man + woman` (none when empty). */
  @property({ attribute: 'expression' }) expression = '';
  /** Neighbours listed for the selected word (raw attribute string, 1–50). */
  @property({ attribute: 'neighbours' }) neighbours = '8';
  /** Seed of the UMAP layout (raw attribute string). */
  @property({ attribute: 'seed' }) seed = '42';
  /** URL of an `.lxemb` embedding asset; the shipped GloVe 50k when empty. */
  @property({ attribute: 'src' }) src = '';
  /** A table shared with other elements on the page; overrides `src`. */
  @property({ attribute: false }) table: EmbeddingTable | undefined;
  /** Creates the UMAP worker (override for bundlers that need a different worker URL). */
  @property({ attribute: false }) umapWorker: UmapWorkerFactory | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;

  @state() protected layout: MapLayout | undefined;
  @state() protected selected: { word: string; neighbours: Neighbour[] } | undefined;
  @state() protected error: Error | undefined;
  @state() protected umapProgress: ProgressDetail | undefined;
  @state() protected overlay: MapOverlay | undefined;
  /** Words of the chosen preset that the table does not have (left off the map). */
  @state() protected missingPresetWords: readonly string[] = [];

  @query('svg') private svg!: SVGSVGElement | null;

  readonly #tables = new EmbeddingTableController(this, () => this.#relayout());
  #umap: UmapWorkerClient | undefined;
  #umapAbort: AbortController | undefined;
  #zoom: ZoomTransform = zoomIdentity;
  /** The map's drawn width: labels keep a readable size when a phone shrinks the map. */
  readonly #mapSize = new ResizeController(this, () => this.#draw(), () => this.svg);

  /** The layout on show. */
  get result(): MapLayout | undefined {
    return this.layout;
  }

  /** Selects a word on the map (as hovering, focusing or searching does) and lists its neighbours. */
  selectWord(word: string): void {
    const table = this.#tables.table;
    if (!table) return;
    try {
      const k = parseIntegerAttribute('neighbours', this.neighbours, 1, 50);
      const row = table.indexOf(word);
      if (row < 0) throw new UnknownWordError(word, { start: 0, end: word.length }, closestSpellings(word, table.labels));
      const label = table.labels[row]!;
      if (!this.layout?.words.includes(label)) throw new InvalidOptionError('search', `"${label}" is not on this map; add it under "My words"`);
      this.selected = { word: label, neighbours: table.nearest(table.unit(row), { k, exclude: [row] }) };
      emit(this, 'lx-select', this.selected);
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#umapAbort?.abort();
    this.#umap?.terminate();
    this.#umap = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['preset', 'words', 'projection', 'xFrom', 'xTo', 'yFrom', 'yTo', 'seed'] as const;
    if (inputs.some((name) => changed.has(name))) this.#relayout();
    else if (changed.has('expression')) void this.#placeExpression();
  }

  protected override firstUpdated(): void {
    const svg = select(this.svg!);
    svg.call(
      zoom<SVGSVGElement, unknown>()
        .scaleExtent([0.5, 40])
        .on('zoom', (event: { transform: ZoomTransform }) => {
          this.#zoom = event.transform;
          this.#draw();
        }),
    );
  }

  protected override updated(): void {
    this.#draw();
  }

  /**
   * The words to map. A preset may name words this table lacks (the pocket model's vocabulary
   * has "a", which the GloVe asset leaves out): those are dropped and listed under the map,
   * whereas the reader's own unknown words are errors with spelling suggestions.
   */
  #wordList(table: EmbeddingTable): string[] {
    const preset = parseEnumAttribute('preset', this.preset, PRESETS);
    this.missingPresetWords = [];
    if (preset === 'custom') return parseWordList(this.words);
    const words = WORD_SETS.find((set) => set.id === preset)!.words;
    this.missingPresetWords = words.filter((word) => !table.has(word));
    return words.filter((word) => table.has(word));
  }

  #relayout(): void {
    const table = this.#tables.table;
    if (!table) return;
    this.#umapAbort?.abort();
    try {
      const projection = parseEnumAttribute('projection', this.projection, PROJECTIONS);
      const words = this.#wordList(table);
      if (projection === 'umap') return void this.#fitUmap(table, words);
      this.#show(linearLayout(table, words, projection, { xFrom: this.xFrom, xTo: this.xTo, yFrom: this.yFrom, yTo: this.yTo }));
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  async #fitUmap(table: EmbeddingTable, words: string[]): Promise<void> {
    const abort = (this.#umapAbort = new AbortController());
    const seed = parseIntegerAttribute('seed', this.seed, 0, 2 ** 31 - 1);
    this.#umap ??= new UmapWorkerClient(this.umapWorker);
    try {
      const layout = await umapLayout(table, words, this.#umap, {
        seed,
        signal: abort.signal,
        onProgress: ({ phase, done, total }) => {
          this.umapProgress = { phase: `umap-${phase}`, loaded: done, total };
          emit(this, 'lx-progress', this.umapProgress);
        },
      });
      if (!abort.signal.aborted) this.#show(layout);
    } catch (error) {
      // An aborted fit was superseded by a newer layout: nothing to report.
      if (!abort.signal.aborted) this.#fail(error as Error);
    } finally {
      if (this.#umapAbort === abort) this.umapProgress = undefined;
    }
  }

  #show(layout: MapLayout): void {
    this.layout = layout;
    this.error = undefined;
    this.#zoom = zoomIdentity;
    if (this.svg) select(this.svg).property('__zoom', zoomIdentity);
    if (this.selected && !layout.words.includes(this.selected.word)) this.selected = undefined;
    emit(this, 'lx-result', { layout });
    void this.#placeExpression();
  }

  async #placeExpression(): Promise<void> {
    const [table, layout] = [this.#tables.table, this.layout];
    this.overlay = undefined;
    if (!table || !layout || !this.expression.trim()) return;
    try {
      const overlay = await arithmeticOverlay(table, layout, this.expression, this.#umap);
      if (this.layout === layout) this.overlay = overlay;
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  #fail(error: Error): void {
    this.error = error;
    emit(this, 'lx-error', { error });
  }

  #draw(): void {
    const layer = this.svg?.querySelector<SVGGElement>('g.points');
    if (!layer || !this.layout) return;
    const base = mapScales(this.layout, this.overlay ? [...this.overlay.path, this.overlay.result] : []);
    const scales = { x: this.#zoom.rescaleX(base.x), y: this.#zoom.rescaleY(base.y) };
    const neighbours = new Set(this.selected?.neighbours.map((n) => n.label));
    const fontSize = labelFontSize(MAP_LABEL_SIZE, MAP_WIDTH, this.#mapSize.width);
    renderPoints(select(layer), this.layout, scales, { selected: this.selected?.word, neighbours }, fontSize);
    renderOverlay(select(this.svg!.querySelector<SVGGElement>('g.overlay')!), this.overlay, scales);
  }

  #onPoint(event: Event): void {
    const word = (event.target as Element).closest('g.point')?.getAttribute('data-word');
    if (word && word !== this.selected?.word) this.selectWord(word);
  }

  #onSearch(event: Event): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('search') as HTMLInputElement;
    if (input.value.trim()) this.selectWord(input.value.trim());
  }

  #onControl(event: Event): void {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    const name = control.name as 'preset' | 'projection' | 'words' | 'xFrom' | 'xTo' | 'yFrom' | 'yTo';
    this[name] = control.value;
  }

  protected override render() {
    const progress = this.#tables.progress ?? this.umapProgress;
    const layout = this.layout;
    return html`
      <form class="controls" part="controls" @change=${this.#onControl} @submit=${this.#onSearch}>
        <label>Words
          <select name="preset" .value=${this.preset}>
            ${WORD_SETS.map((set) => html`<option value=${set.id} ?selected=${set.id === this.preset}>${set.label}</option>`)}
            <option value="custom" ?selected=${this.preset === 'custom'}>My words</option>
          </select>
        </label>
        ${this.preset === 'custom' ? html`<label class="grow">My words <input name="words" .value=${this.words} spellcheck="false" /></label>` : nothing}
        <label>Projection
          <select name="projection" .value=${this.projection}>
            <option value="pca">PCA (linear, exact)</option>
            <option value="axes">Custom axes</option>
            <option value="umap">UMAP (non-linear)</option>
          </select>
        </label>
        ${this.projection === 'axes'
          ? html`<span class="axes">
              <label>x from <input name="xFrom" .value=${this.xFrom} /></label><label>x to <input name="xTo" .value=${this.xTo} /></label>
              <label>y from <input name="yFrom" .value=${this.yFrom} /></label><label>y to <input name="yTo" .value=${this.yTo} /></label>
            </span>`
          : nothing}
        <label>Find a word <input type="search" name="search" list="map-words" autocomplete="off" /></label>
        <datalist id="map-words">${layout?.words.map((word) => html`<option value=${word}></option>`)}</datalist>
      </form>
      ${renderProgress(progress, this.#tables.progress ? 'Loading word vectors' : 'Fitting UMAP')} ${renderError(this.error ?? this.#tables.error)}
      <div class="body">
        <div>
          <svg part="map" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="group"
            aria-label=${`Map of ${layout?.words.length ?? 0} words by ${layout?.projection ?? 'projection'}; drag to pan, scroll to zoom`}
            @pointerover=${this.#onPoint} @focusin=${this.#onPoint} @click=${this.#onPoint}>
            ${overlayArrowDefs}
            <g class="points"></g>
            <g class="overlay"></g>
          </svg>
          ${this.overlay
            ? html`<p class="note" part="overlay-note">
                ${this.expression}:
                ${this.overlay.exact
                  ? 'each arrow is exactly one term (this projection is linear); the ring is the exact result.'
                  : 'the ring is placed by UMAP’s transform among its nearest words; UMAP is not linear, so no arrows are drawn.'}
              </p>`
            : nothing}
          ${layout
            ? html`<p class="distortion" part="distortion">
                  Neighbour preservation: ${Math.round(100 * layout.preservation.mean)}% of each word's ${layout.preservation.k} nearest neighbours in
                  ${this.#tables.table?.dimensions ?? ''}-d are also its nearest on this map.
                </p>
                <p class="note">${layout.note}</p>
                ${this.missingPresetWords.length
                  ? html`<p class="note missing">Not in these word vectors, so not drawn: ${this.missingPresetWords.join(', ')}.</p>`
                  : nothing}`
            : nothing}
        </div>
        <section part="neighbours" aria-live="polite" aria-label="Nearest neighbours">
          ${this.selected
            ? html`<h3>Nearest to “${this.selected.word}”</h3>
                <ol>${this.selected.neighbours.map((n) => html`<li>${n.label} <span class="score">${n.similarity.toFixed(2)}</span></li>`)}</ol>`
            : html`<p class="note">Point at, tab to or search for a word to list its nearest neighbours in the whole vocabulary.</p>`}
        </section>
      </div>
    `;
  }
}

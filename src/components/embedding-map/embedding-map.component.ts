import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { select, zoom, zoomIdentity, type ZoomTransform } from 'd3';
import type { EmbeddingTable, Neighbour } from '../../explorers/table/embedding-table.js';
import { WORD_SETS, parseWordList } from '../../explorers/word-sets.js';
import { UmapWorkerClient, type UmapWorkerFactory } from '../../explorers/umap/umap-client.js';
import { InvalidOptionError } from '../../errors.js';
import { UnknownWordError } from '../../explorers/errors.js';
import { closestSpellings } from '../../explorers/table/spelling.js';
import { themeStyles } from '../shared/styles/theme.styles.js';
import { widgetStyles } from '../shared/styles/widget.styles.js';
import { ShareController, attributeField } from '../shared/controllers/share-controller.js';
import { emit, type ProgressDetail } from '../shared/events.js';
import { parseEnumAttribute, parseIntegerAttribute, parseNumberAttribute } from '../shared/attributes.js';
import { renderError, renderProgress } from '../shared/render/templates.js';
import { EmbeddingTableController } from '../shared/controllers/embedding-table-controller.js';
import { renderMapControls } from './render-controls.js';
import { renderOwnVectors } from '../shared/render/own-vectors.js';
import { readProjectorFiles } from '../../explorers/table/load-tsv.js';
import { describeSkipped, splitKnownWords, type SkippedWord } from './map-words.js';
import { arithmeticOverlay, linearLayout, umapLayout, type MapLayout, type MapOverlay, type ProjectionKind } from '../shared/map/map-layout.js';
import { overlayArrowDefs, renderOverlay } from '../shared/map/render-overlay.js';
import { MAP_HEIGHT, MAP_LABEL_SIZE, MAP_WIDTH, mapScales, renderPoints } from '../shared/map/render-points.js';
import { labelFontSize } from '../shared/map/place-labels.js';
import { ResizeController } from '../shared/controllers/resize-controller.js';
import { embeddingMapStyles } from './embedding-map.styles.js';
import { ownVectorsStyles } from '../shared/styles/own-vectors.styles.js';
import { mapBodyStyles, mapOverlayStyles, mapPointStyles } from '../shared/map/map.styles.js';

const PROJECTIONS: readonly ProjectionKind[] = ['pca', 'axes', 'umap'];
const PRESETS = [...WORD_SETS.map((set) => set.id), 'first-rows', 'custom'] as const;
const CONTROL_NAMES = ['preset', 'projection', 'words', 'xFrom', 'xTo', 'yFrom', 'yTo', 'nNeighbors', 'minDist'];
/** Rows the `first-rows` word set takes from the top of the table. */
const FIRST_ROWS = 300;

/**
 * A map of word vectors: a preset or the reader's own word set projected to 2-D by PCA,
 * custom axes (x = man→woman, …) or UMAP (its n-neighbors and min-dist as live controls, re-fitted
 * in a worker), with zoom and pan, search, the nearest neighbours of the word under the pointer,
 * and a measure of how much the projection distorts.
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
 * @csspart umap-knobs - UMAP's n-neighbors and min-dist sliders (UMAP projection only).
 * @csspart umap-score - The neighbour-preservation score beside the UMAP knobs.
 * @csspart skipped - Words of the list the vectors lack, left off the map.
 * @csspart own-vectors - The reader's own vectors: TSV file picker and URL form.
 * @cssprop --lx-color-point - Colour of points.
 * @cssprop --lx-color-neighbour - Colour of the selected word's neighbours.
 */
export class LxEmbeddingMap extends LitElement {
  static override styles = [themeStyles, widgetStyles, mapPointStyles, mapBodyStyles, mapOverlayStyles, embeddingMapStyles, ownVectorsStyles];

  /** A preset word set (`royalty-gender`, `countries-capitals`, `animals-vehicles`, `pocket-vocabulary`), `first-rows` (the table's first 300 rows, for any table) or `custom` to use `words`. */
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
  /** UMAP's neighbourhood size, 2–50 (raw attribute string): larger keeps more global shape, smaller more local detail. */
  @property({ attribute: 'n-neighbors' }) nNeighbors = '15';
  /** UMAP's minimum distance between packed points, 0.01–1 (raw attribute string): larger spreads clusters out. */
  @property({ attribute: 'min-dist' }) minDist = '0.1';
  /** URL of an `.lxemb` embedding asset; the shipped GloVe 50k when empty. */
  @property({ attribute: 'src' }) src = '';
  /** URL of a vectors TSV (TensorFlow Projector format) to use instead of `src`. */
  @property({ attribute: 'vectors-src' }) vectorsSrc = '';
  /** URL of the metadata TSV whose first column labels `vectors-src`'s rows. */
  @property({ attribute: 'metadata-src' }) metadataSrc = '';
  /** A table shared with other elements on the page; overrides `src`. */
  @property({ attribute: false }) table: EmbeddingTable | undefined;
  /** Creates the UMAP worker (override for bundlers that need a different worker URL). */
  @property({ attribute: false }) umapWorker: UmapWorkerFactory | undefined;
  /** Light or dark; follows `prefers-color-scheme` when absent. */
  @property({ attribute: 'theme', reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Keep the reader's settings in the page address (after #) and restore them from it, so a copied link shows the same figure; give the element an `id` when a page has several. */
  @property({ attribute: 'share', type: Boolean }) share = false;
  protected readonly sharing = new ShareController(
    this,
    [
      attributeField(this, 'preset', (raw) => parseEnumAttribute('preset', raw, PRESETS)),
      attributeField(this, 'words'),
      attributeField(this, 'projection', (raw) => parseEnumAttribute('projection', raw, PROJECTIONS)),
      attributeField(this, 'x-from'),
      attributeField(this, 'x-to'),
      attributeField(this, 'y-from'),
      attributeField(this, 'y-to'),
      attributeField(this, 'expression'),
      attributeField(this, 'neighbours', (raw) => parseIntegerAttribute('neighbours', raw, 1, 50)),
      attributeField(this, 'n-neighbors', (raw) => parseIntegerAttribute('n-neighbors', raw, 2, 50)),
      attributeField(this, 'min-dist', (raw) => parseNumberAttribute('min-dist', raw, 0.01, 1)),
    ],
    (error) => {
      this.error = error;
      emit(this, 'lx-error', { error });
    },
  );

  @state() protected layout: MapLayout | undefined;
  /** The searched or pointed-at word; `onMap` is false for a word of the vocabulary the map does not show. */
  @state() protected selected: { word: string; neighbours: Neighbour[]; onMap: boolean } | undefined;
  @state() protected error: Error | undefined;
  @state() protected umapProgress: ProgressDetail | undefined;
  @state() protected overlay: MapOverlay | undefined;
  /** Words of the preset or of the reader's list that the table does not have (left off the map). */
  @state() protected skippedWords: readonly SkippedWord[] = [];

  @query('svg') private svg!: SVGSVGElement | null;

  readonly #tables = new EmbeddingTableController(this, (table) => {
    // The reader's own vectors rarely hold a preset's words: show their first rows instead.
    const set = WORD_SETS.find((candidate) => candidate.id === this.preset);
    if (set && set.words.filter((word) => table.has(word)).length < 3) this.preset = 'first-rows';
    // Called while the element updates: a property set now reaches no willUpdate, so lay out here.
    this.#relayout();
  });
  #umap: UmapWorkerClient | undefined;
  #umapAbort: AbortController | undefined;
  #zoom: ZoomTransform = zoomIdentity;
  /** The map's drawn width: labels keep a readable size when a phone shrinks the map. */
  readonly #mapSize = new ResizeController(this, () => this.#draw(), () => this.svg);

  /** The layout on show. */
  get result(): MapLayout | undefined {
    return this.layout;
  }

  /**
   * Selects a word (as hovering, focusing or searching does) and lists its neighbours in the
   * whole vocabulary. A word of the vocabulary that is not on the map is selected too: its
   * neighbours are listed and the reader is offered to add it; only unknown words are errors.
   */
  selectWord(word: string): void {
    const table = this.#tables.table;
    if (!table) return;
    try {
      const k = parseIntegerAttribute('neighbours', this.neighbours, 1, 50);
      const row = table.indexOf(word);
      if (row < 0) throw new UnknownWordError(word, { start: 0, end: word.length }, closestSpellings(word, table.labels));
      const label = table.labels[row]!;
      const onMap = this.layout?.words.includes(label) ?? false;
      this.selected = { word: label, neighbours: table.nearest(table.unit(row), { k, exclude: [row] }), onMap };
      if (this.error instanceof UnknownWordError) this.error = undefined;
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
    const inputs = ['preset', 'words', 'projection', 'xFrom', 'xTo', 'yFrom', 'yTo', 'seed', 'nNeighbors', 'minDist'] as const;
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
   * The words to map. A preset or the reader's list may name words this table lacks (the
   * pocket model's vocabulary has "a", which the GloVe asset leaves out; a typo): those are
   * dropped and listed under the map with spelling suggestions, and the rest are drawn.
   */
  #wordList(table: EmbeddingTable): string[] {
    const preset = parseEnumAttribute('preset', this.preset, PRESETS);
    const words =
      preset === 'custom'
        ? parseWordList(this.words)
        : preset === 'first-rows'
          ? table.labels.slice(0, FIRST_ROWS)
          : WORD_SETS.find((set) => set.id === preset)!.words;
    const { known, skipped } = splitKnownWords(table, words);
    this.skippedWords = skipped;
    if (known.length < 3) {
      throw new InvalidOptionError('words', `a map needs at least 3 words the vectors know; ${known.length ? `only ${known.join(', ')} ${known.length === 1 ? 'is' : 'are'} known` : 'none of these is known'}`);
    }
    return known;
  }

  /** Adds the selected off-map word to the reader's own list (the map's words plus it). */
  #addSelectedToMap(): void {
    if (!this.selected || !this.layout) return;
    this.words = [...this.layout.words, this.selected.word].join(', ');
    this.preset = 'custom';
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
      this.#failLayout(error as Error);
    }
  }

  async #fitUmap(table: EmbeddingTable, words: string[]): Promise<void> {
    const abort = (this.#umapAbort = new AbortController());
    this.#umap ??= new UmapWorkerClient(this.umapWorker);
    try {
      const seed = parseIntegerAttribute('seed', this.seed, 0, 2 ** 31 - 1);
      const nNeighbors = parseIntegerAttribute('n-neighbors', this.nNeighbors, 2, 50);
      const minDist = parseNumberAttribute('min-dist', this.minDist, 0.01, 1);
      const layout = await umapLayout(table, words, this.#umap, {
        seed,
        nNeighbors,
        minDist,
        signal: abort.signal,
        onProgress: ({ phase, done, total }) => {
          this.umapProgress = { phase: `umap-${phase}`, loaded: done, total };
          emit(this, 'lx-progress', this.umapProgress);
        },
      });
      if (!abort.signal.aborted) this.#show(layout);
    } catch (error) {
      // An aborted fit was superseded by a newer layout: nothing to report.
      if (!abort.signal.aborted) this.#failLayout(error as Error);
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
    else if (this.selected) this.selected = { ...this.selected, onMap: true };
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

  /**
   * A layout that could not be made leaves no picture behind: the old one would show another
   * projection or other words than the controls now say.
   */
  #failLayout(error: Error): void {
    this.layout = undefined;
    this.overlay = undefined;
    this.selected = undefined;
    this.#fail(error);
  }

  #draw(): void {
    const layer = this.svg?.querySelector<SVGGElement>('g.points');
    if (!layer) return;
    if (!this.layout) {
      layer.replaceChildren();
      this.svg!.querySelector('g.overlay')!.replaceChildren();
      return;
    }
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
    const name = control.name as 'preset' | 'projection' | 'words' | 'xFrom' | 'xTo' | 'yFrom' | 'yTo' | 'nNeighbors' | 'minDist';
    if (CONTROL_NAMES.includes(name)) this[name] = control.value;
  }

  protected override render() {
    const progress = this.#tables.progress ?? this.umapProgress;
    const layout = this.layout;
    return html`
      ${renderMapControls(
        {
          preset: this.preset,
          words: this.words,
          projection: this.projection,
          axes: { xFrom: this.xFrom, xTo: this.xTo, yFrom: this.yFrom, yTo: this.yTo },
          nNeighbors: this.nNeighbors,
          minDist: this.minDist,
          layout,
          vocabulary: this.#tables.table?.size,
          fitting: this.umapProgress !== undefined,
        },
        { onControl: (event) => this.#onControl(event), onSearch: (event) => this.#onSearch(event) },
      )}
      ${renderOwnVectors({
        onFiles: (files) => readProjectorFiles(files).then((table) => void (this.table = table), (error: Error) => this.#fail(error)),
        onUrl: (vectors, metadata) => {
          this.table = undefined;
          [this.vectorsSrc, this.metadataSrc] = [vectors, metadata];
        },
      })}
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
`
            : nothing}
          ${this.skippedWords.length
            ? html`<p class="note missing" part="skipped">Not in these word vectors, so not drawn: ${describeSkipped(this.skippedWords)}.</p>`
            : nothing}
        </div>
        <section part="neighbours" aria-live="polite" aria-label="Nearest neighbours">
          ${this.selected
            ? html`<h3>Nearest to “${this.selected.word}”</h3>
                ${this.selected.onMap
                  ? nothing
                  : html`<p class="note off-map">“${this.selected.word}” is in the vocabulary but not on this map.
                      <button type="button" class="add-word" @click=${this.#addSelectedToMap}>Add it to the map</button></p>`}
                <ol>${this.selected.neighbours.map((n) => html`<li>${n.label} <span class="score">${n.similarity.toFixed(2)}</span></li>`)}</ol>`
            : html`<p class="note">Point at, tab to or search for any word to list its nearest neighbours in the whole vocabulary.</p>`}
        </section>
      </div>
    `;
  }
}

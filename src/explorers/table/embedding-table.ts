import { InvalidOptionError } from '../../errors.js';
import { dotRow, dotRowsInto, norm } from './vector-math.js';
import { TopK } from './top-k.js';
import { Int8SearchIndex } from './int8-search.js';

/** Rows scored per pass of the search: small enough to stay in cache, large enough to amortise. */
const SCAN_BLOCK = 512;
/** Below this many rows the plain Float32 scan is already sub-millisecond: no int8 copy is made. */
const INT8_MIN_ROWS = 4096;

/** How nearness is measured: cosine similarity (direction) or Euclidean distance (raw vectors). */
export type Metric = 'cosine' | 'euclidean';

/** One search result. Both measures are given; the ranking follows the metric asked for. */
export interface Neighbour {
  readonly index: number;
  readonly label: string;
  /** Cosine similarity to the query, in [-1, 1]. */
  readonly similarity: number;
  /** Euclidean distance between the query and the raw (un-normalised) row. */
  readonly distance: number;
}

/** Options of {@link EmbeddingTable.nearest}. */
export interface NearestOptions {
  /** How many results (default 10). */
  readonly k?: number;
  /** Default `'cosine'`. */
  readonly metric?: Metric;
  /** Rows to leave out, by index or label (e.g. the words of an analogy). */
  readonly exclude?: Iterable<number | string>;
  /**
   * `'auto'` (default): on large tables, score an int8 copy first and rescore the possible
   * winners exactly (same answers, same scores). `'float32'`: the plain scan of every row.
   */
  readonly scan?: 'auto' | 'float32';
}

/** Where a table's vectors came from, shown to readers and kept for credits. */
export interface TableSource {
  readonly name: string;
  readonly license?: string;
}

/**
 * A labelled set of vectors, filled by anything: the GloVe asset, the text encoder's pooled
 * prompt embeddings (labels are the prompts), a user's TSV. Rows are kept unit-length in one
 * Float32Array (`units`) with their original lengths in `norms`, so cosine search is a plain
 * dot product and Euclidean distance is still exact: |q − v|² = |q|² + |v|² − 2·|v|·(q·v̂).
 */
export class EmbeddingTable {
  /** Row labels (words, prompts); row i is `labels[i]`. */
  readonly labels: readonly string[];
  readonly dimensions: number;
  /** Unit-length rows, `size × dimensions`, row-major. */
  readonly units: Float32Array;
  /** Length of each original row. */
  readonly norms: Float32Array;
  readonly source: TableSource;
  readonly #index = new Map<string, number>();
  #int8: Int8SearchIndex | undefined;
  #euclidean: { scale: Float64Array; shift: Float64Array } | undefined;

  private constructor(labels: readonly string[], units: Float32Array, norms: Float32Array, dimensions: number, source: TableSource) {
    this.labels = labels;
    this.units = units;
    this.norms = norms;
    this.dimensions = dimensions;
    this.source = source;
    // The first occurrence wins: in frequency-ordered vocabularies that is the common word.
    labels.forEach((label, i) => {
      if (!this.#index.has(label)) this.#index.set(label, i);
    });
  }

  /** Builds a table from raw rows (`labels.length × dimensions`), normalising a copy of them. */
  static fromVectors(labels: readonly string[], vectors: Float32Array, dimensions: number, source: TableSource): EmbeddingTable {
    checkShape(labels, vectors, dimensions);
    const units = new Float32Array(vectors.length);
    const norms = new Float32Array(labels.length);
    for (let row = 0; row < labels.length; row++) {
      const offset = row * dimensions;
      const slice = vectors.subarray(offset, offset + dimensions);
      const length = norm(slice);
      if (!Number.isFinite(length)) throw new InvalidOptionError('vectors', `row ${row} ("${labels[row]}") is not finite`);
      norms[row] = length;
      if (length > 0) for (let i = 0; i < dimensions; i++) units[offset + i] = slice[i]! / length;
    }
    return new EmbeddingTable(labels, units, norms, dimensions, source);
  }

  /** Builds a table from rows that are already unit length, taking ownership of the arrays. */
  static fromUnitVectors(labels: readonly string[], units: Float32Array, norms: Float32Array, dimensions: number, source: TableSource): EmbeddingTable {
    checkShape(labels, units, dimensions);
    if (norms.length !== labels.length) throw new InvalidOptionError('norms', `expected ${labels.length} norms, got ${norms.length}`);
    return new EmbeddingTable(labels, units, norms, dimensions, source);
  }

  /** Number of rows. */
  get size(): number {
    return this.labels.length;
  }

  /** Row of a label, trying it as written and then lower-cased (GloVe is lower-case); -1 if absent. */
  indexOf(label: string): number {
    return this.#index.get(label) ?? this.#index.get(label.toLowerCase()) ?? -1;
  }

  /** Whether {@link indexOf} finds the label. */
  has(label: string): boolean {
    return this.indexOf(label) >= 0;
  }

  /** A view (no copy) of row `index`, unit length. */
  unit(index: number): Float32Array {
    this.#checkIndex(index);
    return this.units.subarray(index * this.dimensions, (index + 1) * this.dimensions);
  }

  /** A copy of row `index` at its original length. */
  raw(index: number): Float32Array {
    const out = Float32Array.from(this.unit(index));
    const length = this.norms[index]!;
    for (let i = 0; i < out.length; i++) out[i]! *= length;
    return out;
  }

  /** Cosine similarity of two rows. */
  similarity(a: number, b: number): number {
    this.#checkIndex(a);
    return dotRow(this.unit(b), this.units, a * this.dimensions);
  }

  /**
   * Exact nearest rows to `query` (any length; for cosine only its direction matters),
   * by brute force over every row: at 100 dimensions this is a few ms for 50k rows.
   */
  nearest(query: ArrayLike<number>, options: NearestOptions = {}): Neighbour[] {
    const { k = 10, metric = 'cosine' } = options;
    if (!Number.isInteger(k) || k < 0) throw new InvalidOptionError('k', `expected an integer ≥ 0, got ${k}`);
    if (query.length !== this.dimensions) throw new InvalidOptionError('query', `expected ${this.dimensions} dimensions, got ${query.length}`);
    const q = Float64Array.from(query);
    const queryNorm = norm(q);
    if (!Number.isFinite(queryNorm)) throw new InvalidOptionError('query', 'contains a non-finite value');
    const excluded = this.#excludedRows(options.exclude);
    const best = new TopK(Math.min(k, this.size));
    const { units, norms } = this;
    const dots = new Float64Array(SCAN_BLOCK);
    const candidates = options.scan === 'float32' || this.size < INT8_MIN_ROWS ? undefined : this.#int8Candidates(q, k, excluded, metric);
    if (candidates) {
      // The same arithmetic as the full scan below, on the rows that can still win, in row order.
      for (const row of candidates) {
        dotRowsInto(q, units, row, 1, dots);
        const score = metric === 'cosine' ? dots[0]! : 2 * norms[row]! * dots[0]! - norms[row]! * norms[row]!;
        if (score > best.threshold && !excluded.has(row)) best.push(row, score);
      }
      return Array.from({ length: best.count }, (_, rank) => this.#neighbour(best.indices[rank]!, q, queryNorm));
    }
    for (let first = 0; first < this.size; first += SCAN_BLOCK) {
      const count = Math.min(SCAN_BLOCK, this.size - first);
      dotRowsInto(q, units, first, count, dots);
      for (let i = 0; i < count; i++) {
        const row = first + i;
        // Euclidean ranks by −|q − v|², which needs only the dot and the stored length.
        const score = metric === 'cosine' ? dots[i]! : 2 * norms[row]! * dots[i]! - norms[row]! * norms[row]!;
        if (score > best.threshold && !excluded.has(row)) best.push(row, score);
      }
    }
    return Array.from({ length: best.count }, (_, rank) => this.#neighbour(best.indices[rank]!, q, queryNorm));
  }

  /** A new table holding only the given rows (e.g. the words shown on a map). */
  subset(rows: readonly number[]): EmbeddingTable {
    const units = new Float32Array(rows.length * this.dimensions);
    const norms = new Float32Array(rows.length);
    rows.forEach((row, i) => {
      units.set(this.unit(row), i * this.dimensions);
      norms[i] = this.norms[row]!;
    });
    return new EmbeddingTable(rows.map((row) => this.labels[row]!), units, norms, this.dimensions, this.source);
  }

  #neighbour(index: number, q: Float64Array, queryNorm: number): Neighbour {
    const dot = dotRow(q, this.units, index * this.dimensions);
    const length = this.norms[index]!;
    const distanceSquared = queryNorm * queryNorm + length * length - 2 * length * dot;
    return {
      index,
      label: this.labels[index]!,
      similarity: queryNorm === 0 ? 0 : dot / queryNorm,
      distance: Math.sqrt(Math.max(0, distanceSquared)),
    };
  }

  #int8Candidates(q: Float64Array, k: number, excluded: ReadonlySet<number>, metric: Metric): Int32Array | undefined {
    this.#int8 ??= new Int8SearchIndex(this.units, this.dimensions);
    if (metric === 'cosine') return this.#int8.candidates(q, k, excluded);
    // Euclidean ranks by 2·|v|·(q·v̂) − |v|².
    this.#euclidean ??= {
      scale: Float64Array.from(this.norms, (length) => 2 * length),
      shift: Float64Array.from(this.norms, (length) => -(length * length)),
    };
    return this.#int8.candidates(q, k, excluded, this.#euclidean);
  }

  #excludedRows(exclude: Iterable<number | string> | undefined): Set<number> {
    const rows = new Set<number>();
    for (const item of exclude ?? []) {
      const row = typeof item === 'number' ? item : this.indexOf(item);
      if (row >= 0) rows.add(row);
    }
    return rows;
  }

  #checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new InvalidOptionError('index', `row ${index} is outside the table (0…${this.size - 1})`);
    }
  }
}

function checkShape(labels: readonly string[], vectors: Float32Array, dimensions: number): void {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new InvalidOptionError('dimensions', `expected an integer ≥ 1, got ${dimensions}`);
  if (vectors.length !== labels.length * dimensions) {
    throw new InvalidOptionError('vectors', `expected ${labels.length} × ${dimensions} = ${labels.length * dimensions} values, got ${vectors.length}`);
  }
}

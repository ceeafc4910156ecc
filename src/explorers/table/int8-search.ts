/**
 * Exact top-k search at memory speed: every row is first scored from an int8 copy (a quarter of
 * the bytes, integer SIMD dot products in WebAssembly), then only the rows that could still be
 * in the top k are rescored from the Float32 rows, with the very arithmetic of the plain scan.
 *
 * Why the answers are identical to the Float32 scan, not merely close: each approximate score
 * comes with a strict bound on its error (from how the row and the query were rounded), so
 * "approximate + bound" is above every true score and "approximate − bound" below it. The k-th
 * best lower bound T is ≤ the true k-th best score, hence every row of the true top k has an
 * upper bound ≥ T; rescoring exactly those rows, in row order, reproduces the plain scan's
 * result, ties included.
 */
import { quantiseInt8 } from './quantise.js';
import { instantiateInt8Dot, type Int8DotKernel } from './int8-dot-wasm.js';
import { TopK } from './top-k.js';

/** Largest int16 magnitude the query is rounded to (the kernel multiplies int16 by int8). */
const QUERY_RANGE = 32767;
/**
 * Relative slack on every bound: the int8 codes were rounded against a float64 scale that is
 * stored as float32 (≤ 127 · 2⁻²⁴ ≈ 8·10⁻⁶ of a step), and the bounds are themselves rounded.
 */
const ROUNDING_SLACK = 1e-4;

/** How a row's score follows from its dot product with the query: `score = scale[row]·dot + shift[row]`. */
export interface LinearScore {
  /** Per-row factor on the dot product; absent means 1 (cosine). */
  readonly scale?: Float32Array | Float64Array;
  /** Per-row term added; absent means 0. */
  readonly shift?: Float32Array | Float64Array;
}

/** The int8 copy of a table's unit rows, with what the error bounds need. */
export class Int8SearchIndex {
  readonly #rows: number;
  readonly #dimensions: number;
  readonly #chunks: number;
  /** Per-row int8 scale aᵢ (the row is ≈ aᵢ·codes). */
  readonly #scales: Float32Array;
  /** Per-row aᵢ·Σⱼ|codesᵢⱼ|, the L1 length of the dequantised row. */
  readonly #lengthsL1: Float64Array;
  readonly #kernel: Int8DotKernel | undefined;
  /** Without WebAssembly SIMD: the codes, scanned in plain JS (correct, slower). */
  readonly #codes: Int8Array | undefined;
  readonly #layout: { query: number; out: number; rows: number };

  /** Quantises `units` (`rows × dimensions`, unit rows) once. */
  constructor(units: Float32Array, dimensions: number) {
    this.#dimensions = dimensions;
    this.#rows = units.length / dimensions;
    this.#chunks = Math.ceil(dimensions / 16);
    const stride = this.#chunks * 16;
    const { codes, scales } = quantiseInt8(units, dimensions);
    this.#scales = scales;
    this.#lengthsL1 = new Float64Array(this.#rows);
    for (let row = 0; row < this.#rows; row++) {
      let sum = 0;
      for (let i = row * dimensions; i < (row + 1) * dimensions; i++) sum += Math.abs(codes[i]!);
      this.#lengthsL1[row] = sum * scales[row]!;
    }
    this.#kernel = instantiateInt8Dot();
    const query = 0;
    const out = stride * 2;
    const rows = out + 4 * this.#rows + 16;
    this.#layout = { query, out, rows };
    if (!this.#kernel) {
      this.#codes = codes;
      return;
    }
    const needed = rows + this.#rows * stride;
    const pages = Math.ceil(needed / 65536) - this.#kernel.memory.buffer.byteLength / 65536;
    if (pages > 0) this.#kernel.memory.grow(pages);
    const padded = new Int8Array(this.#kernel.memory.buffer, rows, this.#rows * stride);
    if (stride === dimensions) padded.set(codes);
    else for (let row = 0; row < this.#rows; row++) padded.set(codes.subarray(row * dimensions, (row + 1) * dimensions), row * stride);
  }

  /** Whether the SIMD kernel is in use (false: plain JS fallback). */
  get accelerated(): boolean {
    return this.#kernel !== undefined;
  }

  /**
   * Rows that may belong to the top `k` by `score` (see {@link LinearScore}) for `query`, in
   * increasing row order, leaving out `excluded`. `undefined` when bounding is not worth it
   * (a zero query, or k not much smaller than the table): then scan everything exactly.
   */
  candidates(query: Float64Array, k: number, excluded: ReadonlySet<number>, score: LinearScore = {}): Int32Array | undefined {
    if (k < 1 || k * 4 > this.#rows) return undefined;
    let peak = 0;
    let queryL1 = 0;
    for (let i = 0; i < query.length; i++) {
      peak = Math.max(peak, Math.abs(query[i]!));
      queryL1 += Math.abs(query[i]!);
    }
    if (!(peak > 0) || !Number.isFinite(queryL1)) return undefined;
    const querySpacing = peak / QUERY_RANGE;
    const dots = this.#integerDots(query, querySpacing);
    // |true dot − approximate dot| ≤ aᵢ/2·‖q‖₁ (row rounding) + b/2·‖aᵢcᵢ‖₁ (query rounding).
    const rowTerm = 0.5 * queryL1 * (1 + ROUNDING_SLACK);
    const queryTerm = 0.5 * querySpacing * (1 + ROUNDING_SLACK);
    const floor = 1e-9 * (queryL1 + 1);
    const scales = this.#scales;
    const lengths = this.#lengthsL1;
    const { scale: factor, shift } = score;

    const lower = new TopK(k);
    const upper = new Float64Array(this.#rows);
    for (let row = 0; row < this.#rows; row++) {
      const a = scales[row]!;
      const dot = dots[row]! * a * querySpacing;
      const bound = a * rowTerm + lengths[row]! * queryTerm + floor;
      const f = factor ? factor[row]! : 1;
      const base = f * dot + (shift ? shift[row]! : 0);
      const spread = Math.abs(f) * bound;
      upper[row] = base + spread;
      const low = base - spread;
      if (low > lower.threshold && !excluded.has(row)) lower.push(row, low);
    }
    if (lower.count < k) return undefined;
    const cut = lower.threshold;
    let count = 0;
    for (let row = 0; row < this.#rows; row++) if (upper[row]! >= cut) count++;
    const rows = new Int32Array(count);
    for (let row = 0, at = 0; row < this.#rows; row++) if (upper[row]! >= cut) rows[at++] = row;
    return rows;
  }

  /** Σⱼ round(qⱼ / b)·codesᵢⱼ for every row, as exact integers. */
  #integerDots(query: Float64Array, spacing: number): Int32Array | Float64Array {
    const stride = this.#chunks * 16;
    if (this.#kernel) {
      const { buffer } = this.#kernel.memory;
      const q = new Int16Array(buffer, this.#layout.query, stride);
      q.fill(0);
      for (let i = 0; i < this.#dimensions; i++) q[i] = Math.round(query[i]! / spacing);
      this.#kernel.scan(this.#layout.query, this.#layout.rows, this.#rows, this.#chunks, this.#layout.out);
      return new Int32Array(buffer, this.#layout.out, this.#rows);
    }
    const q = Int16Array.from(query, (value) => Math.round(value / spacing));
    const codes = this.#codes!;
    const dots = new Float64Array(this.#rows);
    for (let row = 0, offset = 0; row < this.#rows; row++, offset += this.#dimensions) {
      let sum = 0;
      for (let i = 0; i < this.#dimensions; i++) sum += q[i]! * codes[offset + i]!;
      dots[row] = sum;
    }
    return dots;
  }
}

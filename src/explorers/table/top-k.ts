/**
 * Exact top-k selection without sorting the whole score array: a small sorted buffer of the
 * best k so far, which is cheap because almost every candidate fails the first comparison.
 */
export class TopK {
  readonly indices: Int32Array;
  readonly scores: Float64Array;
  #count = 0;

  /** Keeps the `k` largest scores pushed. */
  constructor(readonly k: number) {
    this.indices = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** How many entries are held (≤ k). */
  get count(): number {
    return this.#count;
  }

  /** The smallest score that would still enter the buffer. */
  get threshold(): number {
    return this.#count < this.k ? -Infinity : this.scores[this.k - 1]!;
  }

  /** Offers one candidate; ties keep the earlier (more frequent) index first. */
  push(index: number, score: number): void {
    if (this.k === 0 || !(score > this.threshold)) return;
    let slot = Math.min(this.#count, this.k - 1);
    while (slot > 0 && this.scores[slot - 1]! < score) {
      this.scores[slot] = this.scores[slot - 1]!;
      this.indices[slot] = this.indices[slot - 1]!;
      slot--;
    }
    this.scores[slot] = score;
    this.indices[slot] = index;
    if (this.#count < this.k) this.#count++;
  }
}

/**
 * The learned class embedding: one row of `width` numbers per label, plus one extra row for
 * "no label" — the row label dropout trains, which classifier-free guidance samples with.
 */

/**
 * Copies row `labels[b]` of `table` into columns [column, column + width) of row b of
 * `target` (rows `stride` wide).
 */
export function embeddingForward(
  batch: number,
  width: number,
  labels: Int32Array,
  table: Float32Array,
  target: Float32Array,
  stride: number,
  column: number,
): void {
  for (let b = 0; b < batch; b++) {
    const from = labels[b]! * width;
    const to = b * stride + column;
    for (let k = 0; k < width; k++) target[to + k] = table[from + k]!;
  }
}

/** Adds the gradient of those columns back into the rows of `gradTable` that were looked up. */
export function embeddingBackward(
  batch: number,
  width: number,
  labels: Int32Array,
  gradSource: Float32Array,
  stride: number,
  column: number,
  gradTable: Float32Array,
): void {
  for (let b = 0; b < batch; b++) {
    const to = labels[b]! * width;
    const from = b * stride + column;
    for (let k = 0; k < width; k++) gradTable[to + k]! += gradSource[from + k]!;
  }
}

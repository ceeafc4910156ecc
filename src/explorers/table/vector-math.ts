/**
 * Small dense-vector helpers on typed arrays. Rows of a table are stored back to back in one
 * Float32Array; `offset` picks the row, so no per-row arrays are allocated in hot loops.
 */

/** Dot product of `a` with the row of `matrix` starting at `offset` (length `a.length`). */
export function dotRow(a: Float32Array | Float64Array, matrix: Float32Array, offset: number): number {
  const n = a.length;
  // Four independent accumulators let the JIT overlap the multiply-adds.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[i]! * matrix[offset + i]!;
    s1 += a[i + 1]! * matrix[offset + i + 1]!;
    s2 += a[i + 2]! * matrix[offset + i + 2]!;
    s3 += a[i + 3]! * matrix[offset + i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * matrix[offset + i]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Dot products of `query` with `rowCount` consecutive rows of `matrix` (rows `dimensions` wide,
 * starting at row `firstRow`), written to `out[0…rowCount)`. Four rows share each load of the
 * query, which is what makes brute-force search fast in plain JS (about 1.5× over one row at a time).
 */
export function dotRowsInto(query: Float64Array, matrix: Float32Array, firstRow: number, rowCount: number, out: Float64Array): void {
  const dimensions = query.length;
  let row = 0;
  for (; row + 3 < rowCount; row += 4) {
    const o0 = (firstRow + row) * dimensions;
    const o1 = o0 + dimensions;
    const o2 = o1 + dimensions;
    const o3 = o2 + dimensions;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < dimensions; i++) {
      const q = query[i]!;
      s0 += q * matrix[o0 + i]!;
      s1 += q * matrix[o1 + i]!;
      s2 += q * matrix[o2 + i]!;
      s3 += q * matrix[o3 + i]!;
    }
    out[row] = s0;
    out[row + 1] = s1;
    out[row + 2] = s2;
    out[row + 3] = s3;
  }
  for (; row < rowCount; row++) {
    const offset = (firstRow + row) * dimensions;
    let sum = 0;
    for (let i = 0; i < dimensions; i++) sum += query[i]! * matrix[offset + i]!;
    out[row] = sum;
  }
}

/** Euclidean length of a vector. */
export function norm(a: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * a[i]!;
  return Math.sqrt(sum);
}

/** Cosine similarity of two vectors; 0 when either is the zero vector. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : dot / Math.sqrt(aa * bb);
}

/** Returns `a` scaled to unit length as a new Float32Array (the zero vector stays zero). */
export function normalised(a: ArrayLike<number>): Float32Array {
  const length = norm(a);
  const out = new Float32Array(a.length);
  if (length > 0) for (let i = 0; i < a.length; i++) out[i] = a[i]! / length;
  return out;
}

/** Scales every row of `rows` (row-major, `dimensions` wide) to unit length in place; zero rows stay zero. */
export function normaliseRowsInPlace(rows: Float32Array, dimensions: number): Float32Array {
  for (let offset = 0; offset < rows.length; offset += dimensions) {
    let sum = 0;
    for (let i = offset; i < offset + dimensions; i++) sum += rows[i]! * rows[i]!;
    if (sum > 0) {
      const inverse = 1 / Math.sqrt(sum);
      for (let i = offset; i < offset + dimensions; i++) rows[i]! *= inverse;
    }
  }
  return rows;
}

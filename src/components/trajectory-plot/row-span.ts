/**
 * Re-expresses N rows of a D-dimensional matrix (N ≪ D: a run's 20 latents of 1024+ values)
 * in an orthonormal basis of the span of their differences from the first row, found by
 * modified Gram–Schmidt. Distances between rows are unchanged (an isometry up to a
 * translation), so PCA fitted on the result draws the same picture as PCA on the original —
 * but its eigenproblem is N×N instead of D×D, which keeps the page responsive.
 */
export function rowSpanCoordinates(rows: Float32Array, dimensions: number): { rows: Float32Array; dimensions: number } {
  const count = rows.length / dimensions;
  const basis: Float64Array[] = [];
  const coordinates: number[][] = [];
  const origin = rows.subarray(0, dimensions);
  for (let r = 0; r < count; r++) {
    const residual = Float64Array.from(rows.subarray(r * dimensions, (r + 1) * dimensions), (v, i) => v - origin[i]!);
    const coords: number[] = [];
    for (const direction of basis) {
      let dot = 0;
      for (let i = 0; i < dimensions; i++) dot += residual[i]! * direction[i]!;
      for (let i = 0; i < dimensions; i++) residual[i]! -= dot * direction[i]!;
      coords.push(dot);
    }
    let norm = 0;
    for (let i = 0; i < dimensions; i++) norm += residual[i]! * residual[i]!;
    norm = Math.sqrt(norm);
    // A row (numerically) inside the span adds no new direction.
    if (norm > 1e-9 * Math.sqrt(dimensions)) {
      basis.push(residual.map((v) => v / norm));
      coords.push(norm);
    }
    coordinates.push(coords);
  }
  const width = Math.max(2, basis.length);
  const out = new Float32Array(count * width);
  coordinates.forEach((coords, r) => out.set(coords, r * width));
  return { rows: out, dimensions: width };
}

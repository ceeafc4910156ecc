/**
 * Eigenvectors have no sign; fixing one (largest component positive) makes layouts
 * reproducible and lets two exact PCAs of the same rows agree vector for vector.
 */
export function orientLargestPositive(vector: Float64Array): Float64Array {
  let largest = 0;
  for (let i = 1; i < vector.length; i++) if (Math.abs(vector[i]!) > Math.abs(vector[largest]!)) largest = i;
  return vector[largest]! < 0 ? vector.map((x) => -x) : vector;
}

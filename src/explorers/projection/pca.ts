/**
 * Exact PCA to two dimensions: centre the rows, form the covariance matrix, take its two
 * leading eigenvectors. Linear, so arithmetic drawn in it is drawn truthfully.
 */
import { InvalidOptionError } from '../../errors.js';
import type { LinearMap2D } from './linear-map.js';
import { symmetricEigen } from './symmetric-eigen.js';
import { orientLargestPositive } from './orient.js';

/** A fitted PCA: the projection plus how much variance its two axes keep. */
export interface PcaFit extends LinearMap2D {
  /** Share of the total variance on x and on y, each in [0, 1]. */
  readonly explained: readonly [number, number];
}

/** Fits PCA to `rows` (row-major, `dimensions` wide; at least two rows). */
export function fitPca(rows: Float32Array, dimensions: number): PcaFit {
  const count = rows.length / dimensions;
  if (!Number.isInteger(count) || count < 2) throw new InvalidOptionError('rows', `PCA needs at least 2 rows, got ${count}`);
  const mean = new Float64Array(dimensions);
  for (let row = 0; row < count; row++) for (let i = 0; i < dimensions; i++) mean[i]! += rows[row * dimensions + i]! / count;
  const covariance = new Float64Array(dimensions * dimensions);
  const centred = new Float64Array(dimensions);
  for (let row = 0; row < count; row++) {
    for (let i = 0; i < dimensions; i++) centred[i] = rows[row * dimensions + i]! - mean[i]!;
    for (let i = 0; i < dimensions; i++) {
      const ci = centred[i]!;
      for (let j = i; j < dimensions; j++) covariance[i * dimensions + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < dimensions; i++) {
    for (let j = i; j < dimensions; j++) {
      const value = covariance[i * dimensions + j]! / (count - 1);
      covariance[i * dimensions + j] = value;
      covariance[j * dimensions + i] = value;
    }
  }
  const { values, vectors } = symmetricEigen(covariance, dimensions);
  const total = values.reduce((sum, value) => sum + Math.max(0, value), 0);
  const share = (value: number) => (total > 0 ? Math.max(0, value) / total : 0);
  const x = orientLargestPositive(vectors[0]!);
  const y = orientLargestPositive(vectors[1] ?? new Float64Array(dimensions));
  return { x, y, offset: [dot(mean, x), dot(mean, y)], explained: [share(values[0]!), share(values[1] ?? 0)] };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

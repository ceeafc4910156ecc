/**
 * Exact PCA of a wide matrix — few rows, many dimensions, like a diffusion run's 20 latents
 * of 1024–16384 values — through its N × N Gram matrix instead of the D × D covariance.
 * Centred rows C (N × D) give covariance CᵀC/(N−1) and Gram G = CCᵀ with the same non-zero
 * eigenvalues (up to the 1/(N−1)); an eigenvector u of G maps to the covariance's unit
 * eigenvector Cᵀu/√λ. So the eigenproblem is N × N and the fit is the same as `fitPca`'s.
 */
import { InvalidOptionError } from '../../errors.js';
import { fitPca, type PcaFit } from './pca.js';
import { orientLargestPositive } from './orient.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** Eigenvalues below this share of the largest are rank deficiency (round-off), not variance. */
const RANK_TOLERANCE = 1e-10;

/**
 * Fits PCA to `rows` (row-major, `dimensions` wide; at least two rows, all finite) through
 * the Gram matrix: the same axes, offset and explained shares as `fitPca`, at a cost of
 * O(N²·D) instead of O(N·D² + D³). Axes beyond the rows' rank are zero vectors.
 */
export function fitPcaWide(rows: Float32Array, dimensions: number): PcaFit {
  const count = rowCount(rows, dimensions);
  const { centred, mean } = centreRows(rows, dimensions, count);
  const gram = gramMatrix(centred, dimensions, count);
  // symmetricEigen stops on an absolute off-diagonal threshold: work at unit trace so it
  // converges in a few sweeps whatever the data's scale. Eigenvectors are unchanged.
  const trace = traceOf(gram, count);
  if (trace > 0) for (let i = 0; i < gram.length; i++) gram[i]! /= trace;
  const { values, vectors } = symmetricEigen(gram, count);
  const total = values.reduce((sum, value) => sum + Math.max(0, value), 0);
  const share = (value: number) => (total > 0 ? Math.max(0, value) / total : 0);
  const axis = (k: number) => covarianceAxis(centred, dimensions, vectors[k], values[k] ?? 0, (values[0] ?? 0) * RANK_TOLERANCE);
  const x = axis(0);
  const y = axis(1);
  return { x, y, offset: [dot(mean, x), dot(mean, y)], explained: [share(values[0] ?? 0), share(values[1] ?? 0)] };
}

/**
 * Exact PCA by whichever eigenproblem is smaller: `fitPcaWide` when there are fewer rows
 * than dimensions, `fitPca` (covariance) otherwise. Both give the same fit.
 */
export function fitPcaAuto(rows: Float32Array, dimensions: number): PcaFit {
  return rowCount(rows, dimensions) < dimensions ? fitPcaWide(rows, dimensions) : fitPca(rows, dimensions);
}

function rowCount(rows: Float32Array, dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new InvalidOptionError('dimensions', `expected a positive integer, got ${dimensions}`);
  const count = rows.length / dimensions;
  if (!Number.isInteger(count)) throw new InvalidOptionError('rows', `${rows.length} values are not whole rows of ${dimensions}`);
  if (count < 2) throw new InvalidOptionError('rows', `PCA needs at least 2 rows, got ${count}`);
  return count;
}

/** The rows minus their mean, in float64, and the mean; a non-finite value is a typed error. */
function centreRows(rows: Float32Array, dimensions: number, count: number): { centred: Float64Array; mean: Float64Array } {
  const mean = new Float64Array(dimensions);
  for (let row = 0; row < count; row++) {
    for (let i = 0; i < dimensions; i++) {
      const value = rows[row * dimensions + i]!;
      if (!Number.isFinite(value)) throw new InvalidOptionError('rows', `row ${row} has a non-finite value (${value}) at dimension ${i}`);
      mean[i]! += value / count;
    }
  }
  const centred = Float64Array.from(rows, (value, k) => value - mean[k % dimensions]!);
  return { centred, mean };
}

/** G = C Cᵀ for the centred rows C (count × dimensions), row-major count × count. */
function gramMatrix(centred: Float64Array, dimensions: number, count: number): Float64Array {
  const gram = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    const rowA = centred.subarray(a * dimensions, (a + 1) * dimensions);
    for (let b = a; b < count; b++) {
      const value = dot(rowA, centred.subarray(b * dimensions, (b + 1) * dimensions));
      gram[a * count + b] = value;
      gram[b * count + a] = value;
    }
  }
  return gram;
}

/** The covariance's unit eigenvector Cᵀu/√λ for the Gram eigenpair (λ, u); zero below `floor`. */
function covarianceAxis(centred: Float64Array, dimensions: number, u: Float64Array | undefined, value: number, floor: number): Float64Array {
  const axis = new Float64Array(dimensions);
  if (!u || value <= 0 || value <= floor) return axis;
  for (let row = 0; row < u.length; row++) {
    const weight = u[row]!;
    for (let i = 0; i < dimensions; i++) axis[i]! += weight * centred[row * dimensions + i]!;
  }
  // Normalise numerically rather than by √λ: λ was computed at unit trace.
  const norm = Math.sqrt(dot(axis, axis));
  for (let i = 0; i < dimensions; i++) axis[i]! /= norm;
  return orientLargestPositive(axis);
}

function traceOf(matrix: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += matrix[i * n + i]!;
  return sum;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

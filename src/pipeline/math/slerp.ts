import { InvalidOptionError } from '../../errors.js';

/**
 * Interpolating between two draws of Gaussian noise. A draw of n independent N(0, 1) values
 * has length close to √n; the straight line between two independent draws passes through
 * shorter vectors (length √(t² + (1−t)²)·√n, 0.71·√n at t = ½), which a diffusion model reads
 * as too little noise for the step it is at, so linear midpoints wash out. Spherical
 * interpolation follows the arc between the two instead and keeps the length.
 */

/** Above this |cos θ| the two vectors are treated as parallel (the arc is a line and sin θ ≈ 0). */
export const PARALLEL_COSINE = 0.9995;

function checkPair(a: Float32Array, b: Float32Array, t: number): void {
  if (!(a instanceof Float32Array) || !(b instanceof Float32Array)) throw new InvalidOptionError('slerp', 'expects two Float32Arrays');
  if (a.length !== b.length) throw new InvalidOptionError('slerp', `the vectors have different lengths (${a.length} and ${b.length})`);
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new InvalidOptionError('t', `must be a finite number, got ${String(t)}`);
}

/** Euclidean length, summed in float64. */
export function vectorNorm(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return Math.sqrt(sum);
}

/** (1 − t)·a + t·b, in float64 per element, stored as float32. */
export function lerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  checkPair(a, b, t);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (1 - t) * a[i]! + t * b[i]!;
  return out;
}

/**
 * Spherical linear interpolation: sin((1−t)θ)/sin θ · a + sin(tθ)/sin θ · b, θ the angle between
 * a and b. t = 0 gives a and t = 1 gives b exactly; nearly parallel vectors (and identical
 * ones) fall back to `lerp`. Throws an `InvalidOptionError` for vectors of different lengths,
 * a zero vector, or a non-finite t.
 */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  checkPair(a, b, t);
  const normA = vectorNorm(a);
  const normB = vectorNorm(b);
  if (!(normA > 0) || !(normB > 0) || !Number.isFinite(normA * normB)) {
    throw new InvalidOptionError('slerp', 'needs two non-zero, finite vectors');
  }
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  const cosine = Math.min(1, Math.max(-1, dot / (normA * normB)));
  if (Math.abs(cosine) > PARALLEL_COSINE) return lerp(a, b, t);
  const theta = Math.acos(cosine);
  const sinTheta = Math.sin(theta);
  const weightA = Math.sin((1 - t) * theta) / sinTheta;
  const weightB = Math.sin(t * theta) / sinTheta;
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = weightA * a[i]! + weightB * b[i]!;
  return out;
}

/** `frames` evenly spaced positions from 0 to 1 inclusive (frames ≥ 2); the middle one of an odd count is exactly ½. */
export function walkPositions(frames: number): Float64Array {
  if (!Number.isInteger(frames) || frames < 2) throw new InvalidOptionError('frames', `must be an integer ≥ 2, got ${String(frames)}`);
  return Float64Array.from({ length: frames }, (_, i) => i / (frames - 1));
}

/** The length of the lerp and of the slerp between a and b at each t, over the mean of their lengths: what the page's chart draws. */
export function interpolationNorms(a: Float32Array, b: Float32Array, positions: Float64Array): { linear: Float64Array; spherical: Float64Array } {
  const reference = (vectorNorm(a) + vectorNorm(b)) / 2;
  return {
    linear: Float64Array.from(positions, (t) => vectorNorm(lerp(a, b, t)) / reference),
    spherical: Float64Array.from(positions, (t) => vectorNorm(slerp(a, b, t)) / reference),
  };
}

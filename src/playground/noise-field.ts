import { InvalidOptionError } from '../errors.js';
import { guidedNoise } from './guided-noise.js';
import type { NoisePredictor } from './predict-noise.js';

/**
 * The learned noise field: the network's ε̂ at every point of a square grid for one timestep.
 * Drawn as arrows along −ε̂ it shows where the model would push points — towards the data.
 */

/** A grid of `size` × `size` points spanning [−extent, extent]² with their predicted noise. */
export interface NoiseField {
  readonly points: Float32Array;
  readonly noise: Float32Array;
}

/** The grid points, x,y pairs, row by row from the bottom. */
export function gridPoints(size: number, extent: number): Float32Array {
  if (!Number.isInteger(size) || size < 2) throw new InvalidOptionError('size', `expected an integer ≥ 2, got ${size}`);
  if (!(extent > 0 && Number.isFinite(extent))) throw new InvalidOptionError('extent', `expected a positive number, got ${extent}`);
  const points = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const index = row * size + column;
      points[2 * index] = -extent + (2 * extent * column) / (size - 1);
      points[2 * index + 1] = -extent + (2 * extent * row) / (size - 1);
    }
  }
  return points;
}

/** Evaluates the model on the grid at `timestep` (unguided; with a label, the conditional model). */
export function noiseField(
  predictor: NoisePredictor,
  request: { readonly timestep: number; readonly label: number | null; readonly size: number; readonly extent: number },
): NoiseField {
  const points = gridPoints(request.size, request.extent);
  return { points, noise: guidedNoise(predictor, points, request.timestep, request.label, 1) };
}

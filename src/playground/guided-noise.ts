import { applyGuidance } from '../pipeline/math/guidance.js';
import type { NoisePredictor } from './predict-noise.js';

/**
 * The noise the scheduler steps with. With a label, classifier-free guidance:
 * ε̂ = ε̂(x, t, ∅) + s·(ε̂(x, t, label) − ε̂(x, t, ∅)), so s = 0 is the unconditional model,
 * s = 1 the conditional one, and s > 1 pushes past it. (Unlike the image pipeline, scales
 * below 1 are kept: blending towards "no label" is part of what the reader explores.)
 */
export function guidedNoise(predictor: NoisePredictor, points: Float32Array, timestep: number, label: number | null, scale: number): Float32Array {
  if (label === null) return predictor.predict(points, timestep, null);
  const conditional = predictor.predict(points, timestep, label);
  // s = 1 needs no unconditional pass: the guided prediction is the conditional one.
  if (scale === 1) return conditional;
  const unconditional = predictor.predict(points, timestep, null);
  return applyGuidance(unconditional, conditional, scale);
}

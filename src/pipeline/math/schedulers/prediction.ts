import { f32 } from './numeric.js';

/**
 * What the model's output means (diffusers' `prediction_type`), turned into the predicted
 * clean latent x̂₀ and noise ε̂, given x_t = √ᾱ·x₀ + √(1−ᾱ)·ε:
 * - `epsilon`: the model predicts ε;
 * - `v_prediction`: v = √ᾱ·ε − √(1−ᾱ)·x₀ (Salimans & Ho 2022);
 * - `sample`: the model predicts x₀ itself.
 */
export type PredictionType = 'epsilon' | 'v_prediction' | 'sample';

/** x̂₀ and ε̂ at one step (ε̂ before any clipping of x̂₀, as diffusers' DDIM uses it). */
export interface Denoised {
  readonly original: Float32Array;
  readonly epsilon: Float32Array;
}

/**
 * Splits x_t into its x̂₀ and ε̂ parts at signal level ᾱ. Float32 arithmetic in torch's order
 * of operations: near σ_max, x̂₀ is a difference of nearly equal terms divided by a small √ᾱ,
 * so float64 here would differ from diffusers by more than 1e-5.
 */
export function denoise(type: PredictionType, modelOutput: Float32Array, sample: Float32Array, alphaBar: number): Denoised {
  const signal = f32(Math.sqrt(alphaBar));
  const noise = f32(Math.sqrt(f32(1 - alphaBar)));
  const original = new Float32Array(sample.length);
  const epsilon = new Float32Array(sample.length);
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i]!;
    const out = modelOutput[i]!;
    if (type === 'epsilon') {
      original[i] = f32(x - f32(noise * out)) / signal;
      epsilon[i] = out;
    } else if (type === 'v_prediction') {
      original[i] = f32(signal * x) - f32(noise * out);
      epsilon[i] = f32(signal * out) + f32(noise * x);
    } else {
      original[i] = out;
      epsilon[i] = f32(x - f32(signal * out)) / noise;
    }
  }
  return { original, epsilon };
}

/** Clamps x̂₀ to [−range, range] in place (diffusers' `clip_sample`), when asked to. */
export function clipInPlace(values: Float32Array, enabled: boolean, range: number): Float32Array {
  if (!enabled) return values;
  for (let i = 0; i < values.length; i++) values[i] = Math.min(Math.max(values[i]!, -range), range);
  return values;
}

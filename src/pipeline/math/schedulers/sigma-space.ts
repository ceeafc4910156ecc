import { f32 } from './numeric.js';
import type { PredictionType } from './prediction.js';
import type { SchedulerState, TimestepPlan } from './types.js';

/**
 * Shared pieces of the σ-space (Euler-type) schedulers, which carry the latent as
 * x = x₀ + σ·ε rather than √ᾱ·x₀ + √(1−ᾱ)·ε.
 */

/** A plan from σ per step (float32, like diffusers' `sigmas` tensor) plus the final σ = 0. */
export function sigmaSpacePlan(timesteps: Float64Array, stepSigmas: Float64Array, initNoiseSigma: number): TimestepPlan {
  const sigmas = new Float64Array(stepSigmas.length + 1);
  stepSigmas.forEach((sigma, i) => { sigmas[i] = f32(sigma); });
  const alphasCumprod = sigmas.subarray(0, stepSigmas.length).map((sigma) => 1 / (1 + sigma * sigma));
  return { numInferenceSteps: timesteps.length, timesteps, sigmas, alphasCumprod, initNoiseSigma };
}

/**
 * The initial latent's scale in diffusers' Euler schedulers: σ_max, or √(σ_max² + 1) with
 * `leading` spacing (diffusers' choice; the two differ by a fraction of a percent).
 */
export function eulerInitNoiseSigma(sigmas: Float64Array, spacing: unknown): number {
  const largest = Math.max(...sigmas);
  if (spacing === 'linspace' || spacing === 'trailing') return largest;
  return f32(Math.sqrt(f32(f32(largest * largest) + 1)));
}

/** x / √(σ² + 1): brings the σ-space latent back to unit variance for the model. */
export function scaleBySigma(plan: TimestepPlan, state: SchedulerState, sample: Float32Array): Float32Array {
  const sigma = plan.sigmas[state.stepIndex]!;
  const scale = f32(Math.sqrt(f32(f32(sigma * sigma) + 1)));
  return sample.map((x) => x / scale);
}

/** x̂₀ from the model output at noise level σ, for a σ-space latent (float32, torch's order). */
export function originalAtSigma(type: PredictionType, modelOutput: Float32Array, sample: Float32Array, sigma: number): Float32Array {
  const original = new Float32Array(sample.length);
  const variance = f32(f32(sigma * sigma) + 1);
  const outputWeight = f32(-sigma / f32(Math.sqrt(variance)));
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i]!;
    const out = modelOutput[i]!;
    if (type === 'epsilon') original[i] = x - f32(sigma * out);
    else if (type === 'v_prediction') original[i] = f32(out * outputWeight) + f32(x / variance);
    else original[i] = out;
  }
  return original;
}

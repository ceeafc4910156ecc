import { f32, numpyLinspace } from './numeric.js';

/**
 * σ-space helpers. With ᾱ the signal fraction, a noisy latent is x = x₀ + σ·ε (up to the
 * factor √ᾱ) where σ = √((1 − ᾱ)/ᾱ): Euler-type samplers integrate in σ.
 */

/** σ of every training timestep, computed in float32 like diffusers' torch expression. */
export function trainingSigmas(alphasCumprod: Float64Array): Float64Array {
  return alphasCumprod.map((alphaBar) => f32(Math.sqrt(f32(f32(1 - alphaBar) / alphaBar))));
}

/** σ of one ᾱ in float64, for plotting ᾱ-space schedules on the σ axis (∞ when ᾱ = 0). */
export function sigmaOfAlphaCumprod(alphaBar: number): number {
  return Math.sqrt((1 - alphaBar) / alphaBar);
}

/**
 * Karras et al. (2022) noise levels: n values from σ_max down to σ_min, evenly spaced in σ^(1/ρ)
 * with ρ = 7, which spends more steps at low noise.
 */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, steps: number): Float64Array {
  const rho = 7;
  const minInvRho = sigmaMin ** (1 / rho);
  const maxInvRho = sigmaMax ** (1 / rho);
  return numpyLinspace(0, 1, steps).map((ramp) => (maxInvRho + ramp * (minInvRho - maxInvRho)) ** rho);
}

/**
 * The fractional training timestep whose σ is `sigma`: linear interpolation in log σ between
 * the two neighbouring training timesteps (clamped to the training range). `logSigmas` are
 * float32 logs of the training σ, ascending with t. diffusers' NumPy code runs this in float32
 * (a float64 scalar meeting a float32 array is cast down), which decides ties at σ_max.
 */
export function timestepOfSigma(sigma: number, logSigmas: Float64Array): number {
  const logSigma = f32(Math.log(Math.max(sigma, 1e-10)));
  let below = 0;
  for (let i = 0; i < logSigmas.length; i++) if (logSigma >= logSigmas[i]!) below = i;
  const low = Math.min(below, logSigmas.length - 2);
  const lowLog = logSigmas[low]!;
  const weight = Math.min(Math.max(f32(f32(lowLog - logSigma) / f32(lowLog - logSigmas[low + 1]!)), 0), 1);
  return f32(1 - weight) * low + weight * (low + 1);
}

/** Float32 log σ of the training σ, as `np.log` of a float32 array gives. */
export function logOfSigmas(sigmas: Float64Array): Float64Array {
  return sigmas.map((sigma) => f32(Math.log(sigma)));
}

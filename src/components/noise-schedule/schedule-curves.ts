import type { Scheduler } from '../../pipeline/math/schedulers/index.js';

/**
 * The curves the noise-schedule chart draws, per training timestep t = 0…T−1:
 * ᾱ_t (signal kept), σ_t = √((1−ᾱ)/ᾱ) (noise relative to signal, the σ of σ-space samplers)
 * and SNR_t = ᾱ/(1−ᾱ) = 1/σ². Read straight from the scheduler's training schedule.
 */
export interface ScheduleCurves {
  readonly timesteps: Float64Array;
  readonly alphaCumprod: Float64Array;
  readonly sigma: Float64Array;
  readonly snr: Float64Array;
}

/** Derives the curves from a scheduler's `alphasCumprod`. */
export function scheduleCurves(scheduler: Scheduler): ScheduleCurves {
  const alphaCumprod = Float64Array.from(scheduler.alphasCumprod);
  return {
    timesteps: Float64Array.from(alphaCumprod, (_, t) => t),
    alphaCumprod,
    sigma: Float64Array.from(alphaCumprod, (a) => Math.sqrt((1 - a) / a)),
    snr: Float64Array.from(alphaCumprod, (a) => a / (1 - a)),
  };
}

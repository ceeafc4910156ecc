import { InvalidOptionError } from '../../errors.js';
import { tensor, type Tensor } from '../math/tensor.js';
import { TorchGenerator } from '../math/torch-random.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import { chooseScheduler, type SchedulerOption } from './scheduler-choice.js';

/** A latent carried forward to timestep t: x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε. */
export interface NoisedLatent {
  readonly timestep: number;
  readonly alphaCumprod: number;
  /** ε, torch-compatible noise from the seed. */
  readonly noise: Tensor;
  readonly noisy: Tensor;
}

/**
 * The forward process: noises a clean latent (e.g. from `encodeImage`) to training timestep
 * `timestep` with the scheduler's ᾱ, using the seed's torch-compatible noise.
 */
export function noiseToTimestep(
  model: DiffusionModel,
  latent: Tensor,
  options: { timestep: number; seed: number | bigint | string; scheduler?: SchedulerOption },
): NoisedLatent {
  const { scheduler } = chooseScheduler(options.scheduler, model.config.schedulerConfig);
  const t = options.timestep;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t >= scheduler.numTrainTimesteps) {
    throw new InvalidOptionError('timestep', `must be an integer in 0…${scheduler.numTrainTimesteps - 1}, got ${String(t)}`);
  }
  if (!latent || !(latent.data instanceof Float32Array)) throw new InvalidOptionError('latent', 'must be a tensor');
  const noise = new TorchGenerator(options.seed).randn(latent.shape);
  return {
    timestep: t,
    alphaCumprod: scheduler.alphasCumprod[t]!,
    noise: tensor(noise, latent.shape),
    noisy: tensor(scheduler.addNoise(latent.data, noise, t), latent.shape),
  };
}

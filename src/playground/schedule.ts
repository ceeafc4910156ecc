import { InvalidOptionError } from '../errors.js';
import { createScheduler, type Scheduler } from '../pipeline/math/schedulers/index.js';

/**
 * The playground's noise schedule and samplers, built through the library's schedulers from
 * diffusers-style configs — the same code that drives the image pipeline.
 */

/** The samplers the reader can pick. */
export const samplerNames = ['ddpm', 'ddim'] as const;
export type SamplerName = (typeof samplerNames)[number];

/**
 * DDPM's original linear schedule over 1000 steps. Clipping x̂₀ to [−1, 1] (diffusers' default
 * for these classes) is switched off: the 2D data spreads over about ±2.
 */
const trainingSchedule = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  prediction_type: 'epsilon',
  clip_sample: false,
} as const;

/** The scheduler for one sampler; both share the training schedule, so ᾱ agrees. */
export function playgroundScheduler(sampler: SamplerName): Scheduler {
  switch (sampler) {
    case 'ddpm':
      return createScheduler({ _class_name: 'DDPMScheduler', ...trainingSchedule });
    case 'ddim':
      return createScheduler({ _class_name: 'DDIMScheduler', ...trainingSchedule, eta: 0 });
    default:
      throw new InvalidOptionError('sampler', `expected one of ${samplerNames.join(', ')}, got "${String(sampler)}"`);
  }
}

import type { DiffusersSchedulerConfig } from './config.js';

/** Stable Diffusion 1.x's training schedule (scaled-linear betas), the default base config. */
export const SD1_SCHEDULER_CONFIG: DiffusersSchedulerConfig = {
  _class_name: 'DDIMScheduler',
  num_train_timesteps: 1000,
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  steps_offset: 1,
  set_alpha_to_one: false,
  clip_sample: false,
};

/**
 * Diffusion schedulers with diffusers parity, built from a diffusers `scheduler_config.json`.
 *
 * ```ts
 * const scheduler = createScheduler(await (await fetch('scheduler_config.json')).json());
 * const plan = scheduler.plan(20);
 * let state = scheduler.initialState(plan);
 * for (let i = 0; i < plan.numInferenceSteps; i++) {
 *   const input = scheduler.scaleModelInput(plan, state, latents);
 *   const noisePred = await unet(input, plan.timesteps[i]);
 *   ({ prevSample: latents, state } = scheduler.step(plan, state, noisePred, latents, generator));
 * }
 * ```
 */
import { configForAlias, type SchedulerAlias } from './aliases.js';
import { resolveSchedulerConfig, type DiffusersSchedulerConfig } from './config.js';
import { DdimScheduler } from './ddim.js';
import { DdpmScheduler } from './ddpm.js';
import { DpmSolverMultistepScheduler } from './dpm-solver-multistep.js';
import { EulerAncestralScheduler } from './euler-ancestral.js';
import { EulerScheduler } from './euler.js';
import { LcmScheduler } from './lcm.js';
import type { Scheduler, SchedulerClassName } from './types.js';

export type { NoiseSource, Scheduler, SchedulerClassName, SchedulerState, StepOutput, TimestepPlan } from './types.js';
export { SchedulerConfigError, type SchedulerConfigErrorCode } from './errors.js';
export { resolveSchedulerConfig, type DiffusersSchedulerConfig, type ResolvedSchedulerConfig } from './config.js';
export { FAMILY_KEYS, MAX_TRAIN_TIMESTEPS, SCHEDULER_KEYS, type KeySpec } from './config-schema.js';
export { SCHEDULER_ALIASES, SCHEDULER_ALIAS_NAMES, configForAlias, type SchedulerAlias } from './aliases.js';
export type { DpmSolverState } from './dpm-solver-multistep.js';
export { DdimScheduler, DdpmScheduler, DpmSolverMultistepScheduler, EulerAncestralScheduler, EulerScheduler, LcmScheduler };

/** The diffusers class names `createScheduler` implements. */
export const SCHEDULER_NAMES: readonly SchedulerClassName[] = [
  'DDPMScheduler',
  'DDIMScheduler',
  'EulerDiscreteScheduler',
  'EulerAncestralDiscreteScheduler',
  'DPMSolverMultistepScheduler',
  'LCMScheduler',
];

/**
 * Builds the scheduler a diffusers `scheduler_config.json` object describes (`_class_name`
 * picks the class). Throws a {@link SchedulerConfigError} naming the key for an unknown or
 * unsupported class, unknown keys, wrong types, non-finite or unsupported values and
 * contradictory keys; see {@link resolveSchedulerConfig} for the key policy.
 */
export function createScheduler(config: DiffusersSchedulerConfig): Scheduler {
  const resolved = resolveSchedulerConfig(config);
  switch (resolved.className) {
    case 'DDPMScheduler': return new DdpmScheduler(resolved);
    case 'DDIMScheduler': return new DdimScheduler(resolved);
    case 'EulerDiscreteScheduler': return new EulerScheduler(resolved);
    case 'EulerAncestralDiscreteScheduler': return new EulerAncestralScheduler(resolved);
    case 'DPMSolverMultistepScheduler': return new DpmSolverMultistepScheduler(resolved);
    case 'LCMScheduler': return new LcmScheduler(resolved);
  }
}

/**
 * Switches a model's scheduler to another sampler by short name, keeping the model's betas
 * and prediction type (diffusers' `from_config`), e.g. `schedulerFromAlias('ddim', sd15Config)`.
 * `extra` keys (e.g. `{ eta: 1 }` for DDIM, `{ timestep_spacing: 'trailing' }`) are applied last.
 */
export function schedulerFromAlias(alias: SchedulerAlias, modelConfig: DiffusersSchedulerConfig, extra: DiffusersSchedulerConfig = {}): Scheduler {
  return createScheduler({ ...configForAlias(alias, modelConfig), ...extra });
}

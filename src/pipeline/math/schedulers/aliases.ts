import { SCHEDULER_KEYS } from './config-schema.js';
import { schedulerClassOf, type DiffusersSchedulerConfig } from './config.js';
import { SchedulerConfigError } from './errors.js';
import type { SchedulerClassName } from './types.js';

/** Short names for the samplers, as a UI or CLI would offer them. */
export type SchedulerAlias = 'ddpm' | 'ddim' | 'euler' | 'euler-a' | 'dpm++2m' | 'dpm++2m-karras' | 'lcm';

/** What each alias means: a class and the keys it pins (everything else comes from the model). */
export const SCHEDULER_ALIASES: Readonly<Record<SchedulerAlias, { readonly className: SchedulerClassName; readonly overrides: Readonly<Record<string, unknown>> }>> = {
  ddpm: { className: 'DDPMScheduler', overrides: {} },
  ddim: { className: 'DDIMScheduler', overrides: {} },
  euler: { className: 'EulerDiscreteScheduler', overrides: {} },
  'euler-a': { className: 'EulerAncestralDiscreteScheduler', overrides: {} },
  'dpm++2m': { className: 'DPMSolverMultistepScheduler', overrides: { algorithm_type: 'dpmsolver++', solver_order: 2, use_karras_sigmas: false } },
  'dpm++2m-karras': { className: 'DPMSolverMultistepScheduler', overrides: { algorithm_type: 'dpmsolver++', solver_order: 2, use_karras_sigmas: true } },
  lcm: { className: 'LCMScheduler', overrides: {} },
};

/** Every alias, in a stable order for menus. */
export const SCHEDULER_ALIAS_NAMES: readonly SchedulerAlias[] = Object.keys(SCHEDULER_ALIASES) as SchedulerAlias[];

/**
 * A config for `alias` derived from a model's scheduler config, the way diffusers'
 * `NewScheduler.from_config(pipe.scheduler.config)` derives one: keys the new class takes are
 * kept (betas, prediction type, spacing…), the others dropped, keys listed in
 * `_use_default_values` fall back to the new class's defaults, and the alias's own keys win.
 * The base may name a class this library does not implement (SD 1.5's PNDM config), but not
 * an unknown one.
 */
export function configForAlias(alias: SchedulerAlias, base: DiffusersSchedulerConfig): Record<string, unknown> {
  const target = Object.hasOwn(SCHEDULER_ALIASES, alias) ? SCHEDULER_ALIASES[alias] : undefined;
  if (!target) {
    throw new SchedulerConfigError('unknown-scheduler-class', 'alias', `expected one of ${SCHEDULER_ALIAS_NAMES.join(', ')}, got ${JSON.stringify(alias)}`);
  }
  try {
    schedulerClassOf(base);
  } catch (error) {
    if (!(error instanceof SchedulerConfigError && error.code === 'unsupported-scheduler-class')) throw error;
  }
  const takes = SCHEDULER_KEYS[target.className];
  const usedDefaults = new Set(Array.isArray(base._use_default_values) ? base._use_default_values : []);
  const config: Record<string, unknown> = { _class_name: target.className };
  for (const [key, value] of Object.entries(base)) {
    if (Object.hasOwn(takes, key) && !usedDefaults.has(key)) config[key] = value;
  }
  return { ...config, ...target.overrides };
}

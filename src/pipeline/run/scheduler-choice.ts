import { InvalidOptionError } from '../../errors.js';
import {
  createScheduler,
  SCHEDULER_ALIASES,
  SCHEDULER_ALIAS_NAMES,
  SCHEDULER_NAMES,
  SchedulerConfigError,
  schedulerFromAlias,
  type Scheduler,
  type SchedulerAlias,
} from '../math/schedulers/index.js';

/**
 * How a run picks its sampler: a short alias (`"ddim"`, `"euler-a"`, `"dpm++2m-karras"`…) or a
 * diffusers class name, both keeping the model's betas and prediction type, or a whole
 * `scheduler_config.json` object. Absent: the model's own config.
 */
export type SchedulerOption = SchedulerAlias | string | Readonly<Record<string, unknown>>;

/** The sampler used, and why. */
export interface SchedulerChoice {
  readonly scheduler: Scheduler;
  /** The model's scheduler class when this library lacks it (SD 1.5's PNDM) and DDIM stands in. */
  readonly replaced: string | null;
}

/** Sampler for unsupported model defaults: deterministic like PNDM, with the same betas. */
export const FALLBACK_ALIAS: SchedulerAlias = 'ddim';

function aliasOfClass(name: string): SchedulerAlias | undefined {
  return SCHEDULER_ALIAS_NAMES.find((alias) => SCHEDULER_ALIASES[alias].className === name && Object.keys(SCHEDULER_ALIASES[alias].overrides).length === 0);
}

/** Builds the run's scheduler from the option and the model's scheduler config. */
export function chooseScheduler(option: SchedulerOption | undefined, modelConfig: Readonly<Record<string, unknown>>): SchedulerChoice {
  if (option === undefined) {
    try {
      return { scheduler: createScheduler(modelConfig), replaced: null };
    } catch (error) {
      if (error instanceof SchedulerConfigError && error.code === 'unsupported-scheduler-class') {
        return { scheduler: schedulerFromAlias(FALLBACK_ALIAS, modelConfig), replaced: String(modelConfig['_class_name']) };
      }
      throw error;
    }
  }
  if (typeof option === 'string') {
    const alias = (SCHEDULER_ALIAS_NAMES as readonly string[]).includes(option) ? (option as SchedulerAlias) : aliasOfClass(option);
    if (!alias) {
      throw new InvalidOptionError('scheduler', `unknown scheduler ${JSON.stringify(option)}; use one of ${[...SCHEDULER_ALIAS_NAMES, ...SCHEDULER_NAMES].join(', ')}`);
    }
    return { scheduler: schedulerFromAlias(alias, modelConfig), replaced: null };
  }
  if (typeof option === 'object' && option !== null && !Array.isArray(option)) {
    return { scheduler: createScheduler(option), replaced: null };
  }
  throw new InvalidOptionError('scheduler', `must be a scheduler name or a scheduler config object, got ${String(option)}`);
}

import { BEHAVIOUR_SWITCHES, FAMILY_KEYS, SCHEDULER_KEYS, UNSUPPORTED_CLASSES, type KeySpec } from './config-schema.js';
import { SchedulerConfigError } from './errors.js';
import type { BetaSchedule, TrainingScheduleSpec } from './training-schedule.js';
import type { SchedulerClassName } from './types.js';

/** A diffusers `scheduler_config.json` object, as parsed from JSON. */
export type DiffusersSchedulerConfig = Readonly<Record<string, unknown>>;

/** A validated config: the class, and every key of that class with defaults filled in. */
export interface ResolvedSchedulerConfig {
  readonly className: SchedulerClassName;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A value as messages quote it, cut short (a config file may hold megabytes of it). */
const describe = (value: unknown): string => {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The scheduler class a config names, or a typed error. */
export function schedulerClassOf(raw: unknown): SchedulerClassName {
  if (!isPlainObject(raw)) throw new SchedulerConfigError('invalid-config-value', '(config)', 'expected a scheduler_config.json object');
  const name = raw._class_name;
  if (typeof name === 'string' && Object.hasOwn(SCHEDULER_KEYS, name)) return name as SchedulerClassName;
  if (typeof name === 'string' && UNSUPPORTED_CLASSES.has(name)) {
    throw new SchedulerConfigError('unsupported-scheduler-class', '_class_name',
      `${name} is a diffusers scheduler this library does not implement; pick one of ${Object.keys(SCHEDULER_KEYS).join(', ')} (schedulerFromAlias switches class and keeps the model's betas)`);
  }
  throw new SchedulerConfigError('unknown-scheduler-class', '_class_name',
    `expected one of ${Object.keys(SCHEDULER_KEYS).join(', ')}, got ${describe(name)}`);
}

function checkNumber(key: string, value: unknown, spec: KeySpec): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new SchedulerConfigError('invalid-config-value', key, `expected a number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value) && !(spec.allowMinusInfinity && value === -Infinity)) {
    throw new SchedulerConfigError('invalid-config-value', key, `must be finite, got ${value}`);
  }
  if (spec.kind === 'integer' && !Number.isInteger(value)) {
    throw new SchedulerConfigError('invalid-config-value', key, `expected an integer, got ${value}`);
  }
  const tooLow = (spec.min !== undefined && value < spec.min) || (spec.positive && value <= 0);
  if (tooLow || (spec.max !== undefined && value > spec.max)) {
    const range = spec.positive ? '> 0' : `in [${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]`;
    throw new SchedulerConfigError('invalid-config-value', key, `must be ${range}, got ${value}`);
  }
}

function checkBetas(key: string, value: unknown): void {
  if (value === null) return;
  const valid = Array.isArray(value) && value.length > 0
    && value.every((beta) => typeof beta === 'number' && Number.isFinite(beta) && beta >= 0 && beta < 1);
  if (!valid) throw new SchedulerConfigError('invalid-config-value', key, 'expected null or a list of finite betas in [0, 1)');
}

/** Type, range and finiteness of one value, then whether we implement it. */
function checkValue(key: string, value: unknown, spec: KeySpec): void {
  if (spec.kind === 'boolean' && typeof value !== 'boolean') {
    throw new SchedulerConfigError('invalid-config-value', key, `expected true or false, got ${describe(value)}`);
  }
  if (spec.kind === 'choice' && !spec.choices!.includes(value as string | null)) {
    throw new SchedulerConfigError('invalid-config-value', key,
      `expected one of ${spec.choices!.map(describe).join(', ')}, got ${describe(value)}`);
  }
  if (spec.kind === 'integer' || spec.kind === 'number') checkNumber(key, value, spec);
  if (spec.kind === 'optional-number' && value !== null) checkNumber(key, value, spec);
  if (spec.kind === 'betas') checkBetas(key, value);
  if (spec.supported && !spec.supported.includes(value)) {
    throw new SchedulerConfigError('unsupported-config-value', key,
      `${describe(value)} is valid in diffusers but not implemented here; supported: ${spec.supported.map(describe).join(', ')}`);
  }
}

/** Keys the class does not take: metadata, family keys (ignored) or unknown (refused). */
function checkForeignKey(className: SchedulerClassName, key: string, value: unknown): void {
  if (key.startsWith('_')) return; // `_class_name`, `_diffusers_version`, `_use_default_values`…
  if (!FAMILY_KEYS.has(key)) {
    throw new SchedulerConfigError('unknown-config-key', key, `not a config key of ${className} or any related diffusers scheduler`);
  }
  if (BEHAVIOUR_SWITCHES.has(key) && value === true) {
    throw new SchedulerConfigError('conflicting-config-keys', key, `${className} has no such option; it would be ignored`);
  }
}

/** Combinations that each pass alone but cannot hold together. */
function checkCombinations(className: SchedulerClassName, config: Readonly<Record<string, unknown>>): void {
  const betas = config.trained_betas;
  if (Array.isArray(betas) && betas.length !== config.num_train_timesteps) {
    throw new SchedulerConfigError('conflicting-config-keys', 'trained_betas',
      `has ${betas.length} values but num_train_timesteps is ${describe(config.num_train_timesteps)}`);
  }
  const alphaSpace = className === 'DDPMScheduler' || className === 'DDIMScheduler' || className === 'LCMScheduler';
  if (alphaSpace && config.rescale_betas_zero_snr === true && config.prediction_type === 'epsilon') {
    throw new SchedulerConfigError('conflicting-config-keys', 'rescale_betas_zero_snr',
      'zero terminal SNR needs prediction_type "v_prediction" or "sample": at ᾱ = 0 an ε-prediction says nothing about x₀');
  }
  if (config.timestep_type === 'continuous' && config.prediction_type === 'v_prediction') {
    throw new SchedulerConfigError('unsupported-config-value', 'timestep_type', 'continuous timesteps with v_prediction are not implemented here');
  }
  if (className === 'LCMScheduler' && (config.original_inference_steps as number) > (config.num_train_timesteps as number)) {
    throw new SchedulerConfigError('invalid-config-value', 'original_inference_steps',
      `must not exceed num_train_timesteps (${describe(config.num_train_timesteps)})`);
  }
}

/** diffusers renames DEIS's and UniPC's solver names when DPM-Solver inherits their config. */
function normaliseSolverNames(config: Record<string, unknown>): void {
  if (config.algorithm_type === 'deis') config.algorithm_type = 'dpmsolver++';
  if (config.solver_type === 'logrho' || config.solver_type === 'bh1' || config.solver_type === 'bh2') config.solver_type = 'midpoint';
}

/**
 * Validates a diffusers scheduler config and fills in diffusers' defaults.
 *
 * Key policy: keys of the class are checked (type, range, finiteness) and must hold a value we
 * implement; keys starting with `_` are metadata and ignored; keys of related diffusers
 * schedulers (`FAMILY_KEYS`) are ignored as diffusers ignores them, unless they switch on a
 * behaviour this class lacks; anything else is an unknown key. Every refusal is a
 * {@link SchedulerConfigError} naming the key.
 */
export function resolveSchedulerConfig(raw: unknown): ResolvedSchedulerConfig {
  const className = schedulerClassOf(raw);
  const specs = SCHEDULER_KEYS[className];
  const given = raw as Record<string, unknown>;
  const config: Record<string, unknown> = { _class_name: className };
  for (const [key, value] of Object.entries(given)) {
    if (Object.hasOwn(specs, key)) checkValue(key, value, specs[key]!);
    else checkForeignKey(className, key, value);
  }
  for (const [key, spec] of Object.entries(specs)) config[key] = Object.hasOwn(given, key) ? given[key] : spec.default;
  if (Array.isArray(config.trained_betas)) config.trained_betas = Object.freeze([...config.trained_betas]);
  checkCombinations(className, config);
  normaliseSolverNames(config);
  return { className, config: Object.freeze(config) };
}

/** The training-schedule part of a resolved config. */
export function trainingScheduleOf(config: Readonly<Record<string, unknown>>): TrainingScheduleSpec {
  return {
    numTrainTimesteps: config.num_train_timesteps as number,
    betaStart: config.beta_start as number,
    betaEnd: config.beta_end as number,
    betaSchedule: config.beta_schedule as BetaSchedule,
    trainedBetas: (config.trained_betas as number[] | null) ?? null,
    rescaleBetasZeroSnr: config.rescale_betas_zero_snr as boolean,
  };
}

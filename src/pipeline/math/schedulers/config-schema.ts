import type { SchedulerClassName } from './types.js';

/**
 * The diffusers config keys each scheduler class takes (its `__init__` arguments, spelled as
 * diffusers spells them), with diffusers' defaults, the values diffusers allows, and the values
 * this library implements. A valid value we do not implement is refused, never ignored.
 */
export interface KeySpec {
  readonly kind: 'integer' | 'number' | 'boolean' | 'choice' | 'betas' | 'optional-number';
  readonly default: unknown;
  /** For `choice`: every value diffusers accepts. */
  readonly choices?: readonly (string | null)[];
  /** Values this library implements, when that is fewer than diffusers accepts. */
  readonly supported?: readonly unknown[];
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  /** For numbers: must be strictly greater than 0. */
  readonly positive?: boolean;
  /** For numbers: −∞ is a meaningful value (DPM-Solver's `lambda_min_clipped`). */
  readonly allowMinusInfinity?: boolean;
}

type KeyTable = Readonly<Record<string, KeySpec>>;

const integer = (value: number, min: number, max?: number): KeySpec => ({ kind: 'integer', default: value, min, ...(max === undefined ? {} : { max }) });
const number = (value: number, extra: Partial<KeySpec> = {}): KeySpec => ({ kind: 'number', default: value, ...extra });
const boolean = (value: boolean, supported?: boolean[]): KeySpec => ({ kind: 'boolean', default: value, ...(supported ? { supported } : {}) });
const choice = (value: string | null, choices: (string | null)[], supported?: (string | null)[]): KeySpec => ({
  kind: 'choice', default: value, choices, ...(supported ? { supported } : {}),
});

const SPACINGS = ['leading', 'trailing', 'linspace'];

/**
 * Most training timesteps a config may declare. Real models use 1000; the ᾱ table is 8 bytes
 * per timestep, so this only keeps a hostile config from exhausting memory.
 */
export const MAX_TRAIN_TIMESTEPS = 100_000;

function trainingKeys(defaults: { betaStart: number; betaEnd: number; betaSchedule: string; spacing: string }): KeyTable {
  return {
    num_train_timesteps: integer(1000, 2, MAX_TRAIN_TIMESTEPS),
    // β = 1 would zero ᾱ for every later timestep; diffusers' own cosine schedule caps β at 0.999.
    beta_start: number(defaults.betaStart, { min: 0, max: 0.999 }),
    beta_end: number(defaults.betaEnd, { min: 0, max: 0.999 }),
    beta_schedule: choice(defaults.betaSchedule,
      ['linear', 'scaled_linear', 'squaredcos_cap_v2', 'sigmoid', 'laplace'],
      ['linear', 'scaled_linear', 'squaredcos_cap_v2']),
    trained_betas: { kind: 'betas', default: null },
    prediction_type: choice('epsilon', ['epsilon', 'v_prediction', 'sample']),
    timestep_spacing: choice(defaults.spacing, SPACINGS),
    steps_offset: integer(0, 0),
    rescale_betas_zero_snr: boolean(false),
  };
}

const THRESHOLDING: KeyTable = {
  thresholding: boolean(false, [false]),
  dynamic_thresholding_ratio: number(0.995, { min: 0, max: 1 }),
  sample_max_value: number(1, { positive: true }),
};

const CLIPPING: KeyTable = {
  clip_sample: boolean(true),
  clip_sample_range: number(1, { positive: true }),
};

const SIGMA_SCHEDULES: KeyTable = {
  use_karras_sigmas: boolean(false),
  use_exponential_sigmas: boolean(false, [false]),
  use_beta_sigmas: boolean(false, [false]),
};

const DIFFUSERS_SD_BETAS = { betaStart: 0.0001, betaEnd: 0.02, betaSchedule: 'linear' };

/** Every key each class takes. `eta` on DDIM is ours: diffusers passes it to `step()`. */
export const SCHEDULER_KEYS: Readonly<Record<SchedulerClassName, KeyTable>> = {
  DDPMScheduler: {
    ...trainingKeys({ ...DIFFUSERS_SD_BETAS, spacing: 'leading' }),
    ...THRESHOLDING,
    ...CLIPPING,
    variance_type: choice('fixed_small',
      ['fixed_small', 'fixed_small_log', 'fixed_large', 'fixed_large_log', 'learned', 'learned_range'],
      ['fixed_small']),
  },
  DDIMScheduler: {
    ...trainingKeys({ ...DIFFUSERS_SD_BETAS, spacing: 'leading' }),
    ...THRESHOLDING,
    ...CLIPPING,
    set_alpha_to_one: boolean(true),
    eta: number(0, { min: 0 }),
  },
  EulerDiscreteScheduler: {
    ...trainingKeys({ ...DIFFUSERS_SD_BETAS, spacing: 'linspace' }),
    ...SIGMA_SCHEDULES,
    prediction_type: choice('epsilon', ['epsilon', 'v_prediction', 'sample', 'original_sample']),
    interpolation_type: choice('linear', ['linear', 'log_linear'], ['linear']),
    sigma_min: { kind: 'optional-number', default: null, positive: true },
    sigma_max: { kind: 'optional-number', default: null, positive: true },
    timestep_type: choice('discrete', ['discrete', 'continuous']),
    final_sigmas_type: choice('zero', ['zero', 'sigma_min'], ['zero']),
  },
  EulerAncestralDiscreteScheduler: {
    ...trainingKeys({ ...DIFFUSERS_SD_BETAS, spacing: 'linspace' }),
    prediction_type: choice('epsilon', ['epsilon', 'v_prediction', 'sample'], ['epsilon', 'v_prediction']),
  },
  DPMSolverMultistepScheduler: {
    ...trainingKeys({ ...DIFFUSERS_SD_BETAS, spacing: 'linspace' }),
    ...THRESHOLDING,
    ...SIGMA_SCHEDULES,
    prediction_type: choice('epsilon', ['epsilon', 'v_prediction', 'sample', 'flow_prediction'],
      ['epsilon', 'v_prediction', 'sample']),
    solver_order: { ...integer(2, 1, 3), supported: [1, 2] },
    // diffusers rewrites DEIS's and UniPC's names to dpmsolver++ / midpoint (see config.ts).
    algorithm_type: choice('dpmsolver++', ['dpmsolver', 'dpmsolver++', 'sde-dpmsolver', 'sde-dpmsolver++', 'deis'],
      ['dpmsolver++', 'deis']),
    solver_type: choice('midpoint', ['midpoint', 'heun', 'logrho', 'bh1', 'bh2'], ['midpoint', 'logrho', 'bh1', 'bh2']),
    lower_order_final: boolean(true),
    euler_at_final: boolean(false),
    use_lu_lambdas: boolean(false, [false]),
    use_flow_sigmas: boolean(false, [false]),
    flow_shift: number(1, { positive: true }),
    final_sigmas_type: choice('zero', ['zero', 'sigma_min'], ['zero']),
    lambda_min_clipped: { kind: 'number', default: -Infinity, allowMinusInfinity: true, supported: [-Infinity] },
    variance_type: choice(null, [null, 'learned', 'learned_range'], [null]),
    use_dynamic_shifting: boolean(false, [false]),
    time_shift_type: choice('exponential', ['exponential', 'linear']),
  },
  LCMScheduler: {
    ...trainingKeys({ betaStart: 0.00085, betaEnd: 0.012, betaSchedule: 'scaled_linear', spacing: 'leading' }),
    ...THRESHOLDING,
    ...CLIPPING,
    clip_sample: boolean(false),
    set_alpha_to_one: boolean(true),
    original_inference_steps: integer(50, 1),
    timestep_scaling: number(10, { positive: true }),
  },
};

/**
 * Keys of the other diffusers schedulers in the same family (`KarrasDiffusionSchedulers`,
 * plus LCM's, plus our DDIM `eta`). diffusers drops them silently when a config moves between classes (SD 1.5's
 * PNDM config carries `skip_prk_steps`, SD-Turbo's Euler config carries `set_alpha_to_one`), so
 * we accept and ignore them too, except for the behaviour switches below.
 */
export const FAMILY_KEYS: ReadonlySet<string> = new Set([
  'algorithm_type', 'beta_end', 'beta_schedule', 'beta_start', 'clip_sample', 'clip_sample_range',
  'disable_corrector', 'dynamic_thresholding_ratio', 'euler_at_final', 'final_sigmas_type', 'flow_shift',
  'interpolation_type', 'lambda_min_clipped', 'lower_order_final', 'noise_sampler_seed', 'num_train_timesteps',
  'original_inference_steps', 'predict_x0', 'prediction_type', 'rescale_betas_zero_snr', 'rho',
  'sample_max_value', 'set_alpha_to_one', 'shift_terminal', 'sigma_data', 'sigma_max', 'sigma_min',
  'sigma_schedule', 'skip_prk_steps', 'solver_order', 'solver_p', 'solver_type', 'steps_offset',
  'thresholding', 'time_shift_type', 'timestep_scaling', 'timestep_spacing', 'timestep_type', 'trained_betas',
  'use_beta_sigmas', 'use_dynamic_shifting', 'use_exponential_sigmas', 'use_flow_sigmas', 'use_karras_sigmas',
  'use_lu_lambdas', 'variance_type', 'eta',
]);

/**
 * Family keys that ask for a behaviour: set to `true` on a class that lacks it they would be
 * silently dropped by diffusers and the run would not be what the config says, so we refuse.
 */
export const BEHAVIOUR_SWITCHES: ReadonlySet<string> = new Set([
  'use_karras_sigmas', 'use_exponential_sigmas', 'use_beta_sigmas', 'use_lu_lambdas', 'use_flow_sigmas',
  'use_dynamic_shifting', 'thresholding', 'rescale_betas_zero_snr',
]);

/** diffusers schedulers that exist but are not implemented here. */
export const UNSUPPORTED_CLASSES: ReadonlySet<string> = new Set([
  'PNDMScheduler', 'LMSDiscreteScheduler', 'HeunDiscreteScheduler', 'DPMSolverSinglestepScheduler',
  'KDPM2DiscreteScheduler', 'KDPM2AncestralDiscreteScheduler', 'DEISMultistepScheduler',
  'UniPCMultistepScheduler', 'DPMSolverSDEScheduler', 'EDMEulerScheduler', 'TCDScheduler',
  'FlowMatchEulerDiscreteScheduler', 'DDIMInverseScheduler', 'EDMDPMSolverMultistepScheduler',
]);

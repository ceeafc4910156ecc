/**
 * Loading diffusers scheduler configs: real model configs, defaults, aliases (diffusers'
 * `from_config`), and a typed error naming the key for every kind of bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError, LatentExplorablesError } from '../../src/errors.js';
import {
  createScheduler,
  SCHEDULER_ALIAS_NAMES,
  SCHEDULER_ALIASES,
  SCHEDULER_NAMES,
  MAX_TRAIN_TIMESTEPS,
  SchedulerConfigError,
  schedulerFromAlias,
  type SchedulerConfigErrorCode,
} from '../../src/pipeline/math/schedulers/index.js';

// Published scheduler_config.json files of well-known checkpoints.
const SD15 = {
  _class_name: 'PNDMScheduler', _diffusers_version: '0.6.0', beta_end: 0.012, beta_schedule: 'scaled_linear',
  beta_start: 0.00085, num_train_timesteps: 1000, set_alpha_to_one: false, skip_prk_steps: true, steps_offset: 1,
  trained_betas: null, clip_sample: false,
};
const SD21 = {
  _class_name: 'DDIMScheduler', _diffusers_version: '0.8.0', beta_end: 0.012, beta_schedule: 'scaled_linear',
  beta_start: 0.00085, clip_sample: false, num_train_timesteps: 1000, prediction_type: 'v_prediction',
  set_alpha_to_one: false, skip_prk_steps: true, steps_offset: 1, trained_betas: null,
};
const SD_TURBO = {
  _class_name: 'EulerDiscreteScheduler', _diffusers_version: '0.24.0.dev0', beta_end: 0.012,
  beta_schedule: 'scaled_linear', beta_start: 0.00085, clip_sample: false, interpolation_type: 'linear',
  num_train_timesteps: 1000, prediction_type: 'epsilon', sample_max_value: 1.0, set_alpha_to_one: false,
  skip_prk_steps: true, steps_offset: 1, timestep_spacing: 'trailing', timestep_type: 'discrete',
  trained_betas: null, use_karras_sigmas: false,
};
const LCM_DREAMSHAPER = {
  _class_name: 'LCMScheduler', _diffusers_version: '0.22.0.dev0', beta_end: 0.012, beta_schedule: 'scaled_linear',
  beta_start: 0.00085, clip_sample: false, clip_sample_range: 1.0, dynamic_thresholding_ratio: 0.995,
  num_train_timesteps: 1000, original_inference_steps: 50, prediction_type: 'epsilon', rescale_betas_zero_snr: false,
  sample_max_value: 1.0, set_alpha_to_one: true, steps_offset: 1, thresholding: false, timestep_scaling: 10.0,
  timestep_spacing: 'leading', trained_betas: null,
};

function assertConfigError(make: () => unknown, code: SchedulerConfigErrorCode, field: string): void {
  assert.throws(make, (error: unknown) => {
    assert.ok(error instanceof SchedulerConfigError, `expected SchedulerConfigError, got ${String(error)}`);
    assert.ok(error instanceof LatentExplorablesError);
    assert.equal(error.code, code);
    assert.equal(error.field, field);
    assert.ok(error.message.startsWith(`scheduler_config.json: ${field}: `), error.message);
    return true;
  });
}

test('real model configs load, keeping what they say', () => {
  const turbo = createScheduler(SD_TURBO);
  assert.equal(turbo.className, 'EulerDiscreteScheduler');
  assert.deepEqual([...turbo.plan(1).timesteps], [999]);
  const sd21 = createScheduler(SD21);
  assert.equal(sd21.config.prediction_type, 'v_prediction');
  assert.equal(sd21.config.steps_offset, 1);
  assert.equal(createScheduler(LCM_DREAMSHAPER).className, 'LCMScheduler');
});

test('the resolved config has every key of the class, with diffusers defaults, and no foreign keys', () => {
  const ddim = createScheduler({ _class_name: 'DDIMScheduler', skip_prk_steps: true });
  assert.equal(ddim.config._class_name, 'DDIMScheduler');
  assert.equal(ddim.config.beta_schedule, 'linear');
  assert.equal(ddim.config.clip_sample, true);
  assert.equal(ddim.config.set_alpha_to_one, true);
  assert.equal(ddim.config.timestep_spacing, 'leading');
  assert.equal(ddim.config.eta, 0);
  assert.ok(!('skip_prk_steps' in ddim.config));
  assert.equal(createScheduler({ _class_name: 'LCMScheduler' }).config.beta_schedule, 'scaled_linear');
  assert.equal(createScheduler({ _class_name: 'EulerDiscreteScheduler' }).config.timestep_spacing, 'linspace');
  assert.deepEqual(SCHEDULER_NAMES, ['DDPMScheduler', 'DDIMScheduler', 'EulerDiscreteScheduler',
    'EulerAncestralDiscreteScheduler', 'DPMSolverMultistepScheduler', 'LCMScheduler']);
});

test('DEIS and UniPC solver names become dpmsolver++ / midpoint, as diffusers rewrites them', () => {
  const dpm = createScheduler({ _class_name: 'DPMSolverMultistepScheduler', algorithm_type: 'deis', solver_type: 'bh2' });
  assert.equal(dpm.config.algorithm_type, 'dpmsolver++');
  assert.equal(dpm.config.solver_type, 'midpoint');
});

test('aliases switch class and keep the model\'s betas, prediction type and spacing (from_config)', () => {
  for (const alias of SCHEDULER_ALIAS_NAMES) {
    const scheduler = schedulerFromAlias(alias, SD21);
    assert.equal(scheduler.className, SCHEDULER_ALIASES[alias].className, alias);
    assert.equal(scheduler.config.beta_schedule, 'scaled_linear', alias);
    assert.equal(scheduler.config.prediction_type, 'v_prediction', alias);
    assert.equal(scheduler.config.steps_offset, 1, alias);
  }
  const fromPndm = schedulerFromAlias('ddim', SD15);
  assert.equal(fromPndm.config.set_alpha_to_one, false);
  assert.equal(fromPndm.config.clip_sample, false);
  const direct = createScheduler({ _class_name: 'DDIMScheduler', beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012 });
  assert.deepEqual(fromPndm.alphasCumprod, direct.alphasCumprod);
  assert.equal(schedulerFromAlias('dpm++2m-karras', SD15).config.use_karras_sigmas, true);
  assert.equal(schedulerFromAlias('dpm++2m', SD15).config.use_karras_sigmas, false);
  assert.equal((schedulerFromAlias('ddim', SD15, { eta: 1 }) as unknown as { eta: number }).eta, 1);
});

test('keys listed in _use_default_values fall back to the new class\'s defaults', () => {
  const saved = { ...SD15, _class_name: 'DDIMScheduler', timestep_spacing: 'leading', _use_default_values: ['timestep_spacing'] };
  assert.equal(schedulerFromAlias('euler', saved).config.timestep_spacing, 'linspace');
  assert.equal(schedulerFromAlias('euler', { ...saved, _use_default_values: [] }).config.timestep_spacing, 'leading');
});

test('a bad class is a typed error naming _class_name', () => {
  assertConfigError(() => createScheduler({}), 'unknown-scheduler-class', '_class_name');
  assertConfigError(() => createScheduler({ _class_name: 'FooScheduler' }), 'unknown-scheduler-class', '_class_name');
  assertConfigError(() => createScheduler({ _class_name: 42 }), 'unknown-scheduler-class', '_class_name');
  assertConfigError(() => createScheduler({ _class_name: 'toString' }), 'unknown-scheduler-class', '_class_name');
  assertConfigError(() => createScheduler(SD15), 'unsupported-scheduler-class', '_class_name');
  assertConfigError(() => schedulerFromAlias('ddim', { ...SD15, _class_name: 'FooScheduler' }), 'unknown-scheduler-class', '_class_name');
  assertConfigError(() => schedulerFromAlias('ddim-fast' as 'ddim', SD15), 'unknown-scheduler-class', 'alias');
  assertConfigError(() => schedulerFromAlias('toString' as 'ddim', SD15), 'unknown-scheduler-class', 'alias');
  for (const notAnObject of [null, [], 'DDIMScheduler', 3]) {
    assertConfigError(() => createScheduler(notAnObject as never), 'invalid-config-value', '(config)');
  }
});

test('unknown keys and switched-on behaviours the class lacks are refused by name', () => {
  const ddim = { _class_name: 'DDIMScheduler' };
  assertConfigError(() => createScheduler({ ...ddim, beta_strat: 0.001 }), 'unknown-config-key', 'beta_strat');
  assertConfigError(() => createScheduler(JSON.parse('{"_class_name": "DDIMScheduler", "constructor": 1}')), 'unknown-config-key', 'constructor');
  assertConfigError(() => createScheduler({ ...ddim, use_karras_sigmas: true }), 'conflicting-config-keys', 'use_karras_sigmas');
  assertConfigError(() => createScheduler({ _class_name: 'EulerDiscreteScheduler', thresholding: true }), 'conflicting-config-keys', 'thresholding');
  // The same keys, switched off, are the harmless leftovers real configs carry.
  assert.doesNotThrow(() => createScheduler({ ...ddim, use_karras_sigmas: false, skip_prk_steps: true, _anything: 1 }));
});

test('wrong types, non-finite and out-of-range values are refused by name', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ num_train_timesteps: 1000.5 }, 'num_train_timesteps'],
    [{ num_train_timesteps: '1000' }, 'num_train_timesteps'],
    [{ num_train_timesteps: 1 }, 'num_train_timesteps'],
    [{ beta_start: Number.NaN }, 'beta_start'],
    [{ beta_end: Infinity }, 'beta_end'],
    [{ beta_end: 1.5 }, 'beta_end'],
    [{ beta_end: 1 }, 'beta_end'],
    [{ beta_schedule: 'cosine' }, 'beta_schedule'],
    [{ prediction_type: 'noise' }, 'prediction_type'],
    [{ timestep_spacing: 'even' }, 'timestep_spacing'],
    [{ steps_offset: -1 }, 'steps_offset'],
    [{ num_train_timesteps: 1e9 }, 'num_train_timesteps'], // an ᾱ table of 8 GB
    [{ num_train_timesteps: MAX_TRAIN_TIMESTEPS + 1 }, 'num_train_timesteps'],
    [{ clip_sample: 'yes' }, 'clip_sample'],
    [{ clip_sample_range: 0 }, 'clip_sample_range'],
    [{ set_alpha_to_one: 1 }, 'set_alpha_to_one'],
    [{ eta: -0.5 }, 'eta'],
    [{ eta: Number.NaN }, 'eta'],
    [{ trained_betas: [0.1, Number.NaN] }, 'trained_betas'],
    [{ trained_betas: 'linear' }, 'trained_betas'],
  ];
  for (const [keys, field] of cases) {
    assertConfigError(() => createScheduler({ _class_name: 'DDIMScheduler', ...keys }), 'invalid-config-value', field);
  }
  assertConfigError(() => createScheduler({ _class_name: 'LCMScheduler', original_inference_steps: 2000 }), 'invalid-config-value', 'original_inference_steps');
  assertConfigError(() => createScheduler({ _class_name: 'EulerDiscreteScheduler', sigma_max: -1 }), 'invalid-config-value', 'sigma_max');
});

test('valid diffusers values we do not implement are refused, never ignored', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['DDIMScheduler', { beta_schedule: 'sigmoid' }, 'beta_schedule'],
    ['DDIMScheduler', { thresholding: true }, 'thresholding'],
    ['DDPMScheduler', { variance_type: 'fixed_large' }, 'variance_type'],
    ['EulerDiscreteScheduler', { use_exponential_sigmas: true }, 'use_exponential_sigmas'],
    ['EulerDiscreteScheduler', { interpolation_type: 'log_linear' }, 'interpolation_type'],
    ['EulerDiscreteScheduler', { final_sigmas_type: 'sigma_min' }, 'final_sigmas_type'],
    ['EulerDiscreteScheduler', { timestep_type: 'continuous', prediction_type: 'v_prediction' }, 'timestep_type'],
    ['EulerAncestralDiscreteScheduler', { prediction_type: 'sample' }, 'prediction_type'],
    ['DPMSolverMultistepScheduler', { solver_order: 3 }, 'solver_order'],
    ['DPMSolverMultistepScheduler', { algorithm_type: 'sde-dpmsolver++' }, 'algorithm_type'],
    ['DPMSolverMultistepScheduler', { solver_type: 'heun' }, 'solver_type'],
    ['DPMSolverMultistepScheduler', { lambda_min_clipped: -5.1 }, 'lambda_min_clipped'],
    ['DPMSolverMultistepScheduler', { prediction_type: 'flow_prediction' }, 'prediction_type'],
  ];
  for (const [className, keys, field] of cases) {
    assertConfigError(() => createScheduler({ _class_name: className, ...keys }), 'unsupported-config-value', field);
  }
});

test('contradictory keys are refused, naming one of them', () => {
  assertConfigError(() => createScheduler({ _class_name: 'DDIMScheduler', trained_betas: [0.1, 0.2], num_train_timesteps: 1000 }),
    'conflicting-config-keys', 'trained_betas');
  assertConfigError(() => createScheduler({ _class_name: 'DDIMScheduler', rescale_betas_zero_snr: true }),
    'conflicting-config-keys', 'rescale_betas_zero_snr');
  assert.doesNotThrow(() => createScheduler({ _class_name: 'DDIMScheduler', rescale_betas_zero_snr: true, prediction_type: 'v_prediction' }));
});

test('trained_betas replace the named schedule', () => {
  const betas = Array.from({ length: 10 }, (_, i) => 0.01 * (i + 1));
  const scheduler = createScheduler({ _class_name: 'DDIMScheduler', num_train_timesteps: 10, trained_betas: betas, beta_schedule: 'squaredcos_cap_v2' });
  let product = 1;
  betas.forEach((beta, i) => {
    product *= Math.fround(1 - Math.fround(beta));
    assert.equal(scheduler.alphasCumprod[i], Math.fround(product));
  });
});

test('step counts outside [1, num_train_timesteps] are refused as numInferenceSteps', () => {
  const ddim = createScheduler({ _class_name: 'DDIMScheduler' });
  for (const bad of [0, -1, 1.5, Number.NaN, Infinity, 1001]) {
    assert.throws(() => ddim.plan(bad), (error: unknown) => error instanceof InvalidOptionError && error.field === 'numInferenceSteps');
  }
  assert.equal(ddim.plan(1000).numInferenceSteps, 1000);
  const lcm = createScheduler({ _class_name: 'LCMScheduler' });
  assert.throws(() => lcm.plan(51), (error: unknown) => error instanceof InvalidOptionError && error.field === 'numInferenceSteps');
  assert.equal(lcm.plan(50).numInferenceSteps, 50);
  // An offset no step count survives is the config's fault.
  const offset = createScheduler({ _class_name: 'DDIMScheduler', steps_offset: 1000 });
  assert.throws(() => offset.plan(1), (error: unknown) => error instanceof SchedulerConfigError && error.field === 'steps_offset');
});

test('leading spacing with steps_offset 1 (SD, the pocket model) takes at most 999 steps, and says so', () => {
  // 1000 steps would start at t = 1000, past ᾱ's last entry (diffusers' DDIM fails there with an IndexError).
  const sd = { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', steps_offset: 1, timestep_spacing: 'leading' };
  for (const className of ['DDIMScheduler', 'DDPMScheduler', 'EulerDiscreteScheduler', 'EulerAncestralDiscreteScheduler']) {
    const scheduler = createScheduler({ _class_name: className, ...sd });
    assert.throws(
      () => scheduler.plan(1000),
      (error: unknown) => error instanceof InvalidOptionError && error.field === 'numInferenceSteps' && /in \[1, 999\].*got 1000/.test(error.message),
      className,
    );
    const plan = scheduler.plan(999);
    assert.equal(plan.timesteps[0], 999, className);
    assert.equal(plan.numInferenceSteps, 999, className);
  }
  // DPM-Solver lays out one more point, so its limit is one lower.
  const dpm = createScheduler({ _class_name: 'DPMSolverMultistepScheduler', ...sd });
  assert.throws(() => dpm.plan(999), (error: unknown) => error instanceof InvalidOptionError && /in \[1, 998\]/.test(error.message));
  assert.equal(dpm.plan(998).numInferenceSteps, 998);
  // A big offset leaves few counts: the range says which.
  const offset = createScheduler({ _class_name: 'DDIMScheduler', steps_offset: 500 });
  assert.throws(() => offset.plan(2), (error: unknown) => error instanceof InvalidOptionError && /in \[1, 1\]/.test(error.message));
  assert.equal(offset.plan(1).timesteps[0], 500);
  // Trailing and linspace spacing never pass the last timestep.
  assert.equal(createScheduler({ _class_name: 'DDIMScheduler', ...sd, timestep_spacing: 'trailing' }).plan(1000).numInferenceSteps, 1000);
});

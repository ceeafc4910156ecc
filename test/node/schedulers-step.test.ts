/**
 * The scheduler contract beyond parity: plans hang together, state is explicit and
 * reusable, noise is drawn only where diffusers draws it, and bad step inputs are typed errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../src/errors.js';
import { createScheduler, SCHEDULER_NAMES, type NoiseSource, type Scheduler } from '../../src/pipeline/math/schedulers/index.js';

const SD_BETAS = { beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012 };
const make = (className: string, extra: Record<string, unknown> = {}): Scheduler =>
  createScheduler({ _class_name: className, ...SD_BETAS, ...extra });

/** Counts draws and hands out a constant, so tests can see when noise is used. */
class CountingNoise implements NoiseSource {
  readonly shapes: number[][] = [];
  randn(shape: readonly number[]): Float32Array {
    this.shapes.push([...shape]);
    return new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5);
  }
}

const sample = Float32Array.from({ length: 16 }, (_, i) => Math.sin(i) * 2);
const modelOutput = Float32Array.from({ length: 16 }, (_, i) => Math.cos(i));

function drawsPerStep(scheduler: Scheduler, steps: number): number[] {
  const plan = scheduler.plan(steps);
  let state = scheduler.initialState(plan);
  let latents: Float32Array = sample;
  const counts: number[] = [];
  for (let i = 0; i < steps; i++) {
    const noise = new CountingNoise();
    const out = scheduler.step(plan, state, modelOutput, latents, noise);
    counts.push(noise.shapes.length);
    noise.shapes.forEach((shape) => assert.deepEqual(shape, [sample.length]));
    ({ prevSample: latents, state } = out);
  }
  return counts;
}

test('noise is drawn exactly where diffusers draws it', () => {
  assert.deepEqual(drawsPerStep(make('DDPMScheduler', { timestep_spacing: 'linspace' }), 4), [1, 1, 1, 0], 'DDPM: not at t = 0');
  assert.deepEqual(drawsPerStep(make('DDIMScheduler'), 4), [0, 0, 0, 0], 'DDIM, η = 0');
  assert.deepEqual(drawsPerStep(make('DDIMScheduler', { eta: 0.3 }), 4), [1, 1, 1, 1], 'DDIM, η > 0');
  assert.deepEqual(drawsPerStep(make('EulerDiscreteScheduler'), 4), [0, 0, 0, 0]);
  assert.deepEqual(drawsPerStep(make('EulerAncestralDiscreteScheduler'), 4), [1, 1, 1, 1], 'Euler a: last step too');
  assert.deepEqual(drawsPerStep(make('DPMSolverMultistepScheduler'), 4), [0, 0, 0, 0]);
  assert.deepEqual(drawsPerStep(make('LCMScheduler'), 4), [1, 1, 1, 0], 'LCM: not after the last step');
});

test('a stochastic step without a NoiseSource is a typed error naming noise', () => {
  for (const scheduler of [make('DDPMScheduler'), make('DDIMScheduler', { eta: 1 }), make('EulerAncestralDiscreteScheduler'), make('LCMScheduler')]) {
    const plan = scheduler.plan(4);
    assert.throws(() => scheduler.step(plan, scheduler.initialState(plan), modelOutput, sample),
      (error: unknown) => error instanceof InvalidOptionError && error.field === 'noise', scheduler.className);
  }
  const short: NoiseSource = { randn: () => new Float32Array(3) };
  const ddpm = make('DDPMScheduler');
  const plan = ddpm.plan(4);
  assert.throws(() => ddpm.step(plan, ddpm.initialState(plan), modelOutput, sample, short),
    (error: unknown) => error instanceof InvalidOptionError && error.field === 'noise');
});

test('bad step inputs are typed errors naming the argument', () => {
  for (const className of SCHEDULER_NAMES) {
    const scheduler = make(className);
    const plan = scheduler.plan(4);
    const state = scheduler.initialState(plan);
    const noise = new CountingNoise();
    const fails = (field: string, run: () => unknown) =>
      assert.throws(run, (error: unknown) => error instanceof InvalidOptionError && error.field === field, `${className}: ${field}`);
    fails('modelOutput', () => scheduler.step(plan, state, modelOutput.subarray(1), sample, noise));
    fails('modelOutput', () => scheduler.step(plan, state, Float32Array.from(modelOutput).fill(Number.NaN, 3, 4), sample, noise));
    fails('sample', () => scheduler.step(plan, state, modelOutput, Float32Array.from(sample).fill(Infinity, 0, 1), noise));
    fails('state', () => scheduler.step(plan, { ...state, stepIndex: 4 }, modelOutput, sample, noise));
    fails('state', () => scheduler.step(plan, { ...state, stepIndex: -1 }, modelOutput, sample, noise));
  }
});

test('state is explicit: the same state and inputs give the same step, runs do not interfere', () => {
  for (const className of SCHEDULER_NAMES) {
    const scheduler = make(className);
    const plan = scheduler.plan(6);
    const first = scheduler.step(plan, scheduler.initialState(plan), modelOutput, sample, new CountingNoise());
    const again = scheduler.step(plan, first.state, modelOutput, first.prevSample, new CountingNoise());
    // A second run interleaved with the first must not change what the first's state yields.
    scheduler.step(plan, scheduler.initialState(plan), modelOutput.map((x) => -x), sample, new CountingNoise());
    const replay = scheduler.step(plan, first.state, modelOutput, first.prevSample, new CountingNoise());
    assert.deepEqual(replay.prevSample, again.prevSample, className);
    assert.equal(again.state.stepIndex, 2, className);
  }
});

test('plans hang together: σ has a final 0, and σ and ᾱ describe the same noise level', () => {
  for (const className of SCHEDULER_NAMES) {
    const plan = make(className).plan(10);
    assert.equal(plan.timesteps.length, 10, className);
    assert.equal(plan.sigmas.length, 11, className);
    assert.equal(plan.alphasCumprod.length, 10, className);
    assert.equal(plan.sigmas[10], 0, className);
    for (let i = 0; i < 10; i++) {
      const sigma = plan.sigmas[i]!;
      assert.ok(Math.abs(plan.alphasCumprod[i]! - 1 / (1 + sigma * sigma)) < 1e-6 * plan.alphasCumprod[i]! + 1e-12, `${className} step ${i}`);
      if (i > 0) assert.ok(plan.timesteps[i]! < plan.timesteps[i - 1]!, `${className}: timesteps descend`);
    }
  }
});

test('Euler-type schedulers scale the model input by 1/√(σ² + 1); the others pass it through', () => {
  for (const className of SCHEDULER_NAMES) {
    const scheduler = make(className);
    const plan = scheduler.plan(4);
    const scaled = scheduler.scaleModelInput(plan, scheduler.initialState(plan), sample);
    const sigma = plan.sigmas[0]!;
    const factor = className.startsWith('Euler') ? 1 / Math.sqrt(sigma * sigma + 1) : 1;
    scaled.forEach((value, i) => assert.ok(Math.abs(value - sample[i]! * factor) <= 1e-6 * Math.abs(sample[i]!), className));
  }
});

test('trailing spacing gives exactly n timesteps even where NumPy\'s arange gives one more', () => {
  const ddim = make('DDIMScheduler', { timestep_spacing: 'trailing', prediction_type: 'v_prediction' });
  const plan = ddim.plan(61);
  assert.equal(plan.timesteps.length, 61);
  assert.equal(plan.timesteps[0], 999);
  assert.ok(plan.timesteps[60]! >= 0);
});

test('addNoise is the forward process √ᾱ·x₀ + √(1−ᾱ)·ε, with typed errors', () => {
  const scheduler = make('DDIMScheduler');
  const noise = Float32Array.from(sample, (x) => -x / 3);
  const noisy = scheduler.addNoise(sample, noise, 500);
  const alphaBar = scheduler.alphasCumprod[500]!;
  noisy.forEach((value, i) => assert.ok(Math.abs(value - (Math.sqrt(alphaBar) * sample[i]! + Math.sqrt(1 - alphaBar) * noise[i]!)) < 1e-6));
  assert.throws(() => scheduler.addNoise(sample, noise, 1000), (error: unknown) => error instanceof InvalidOptionError && error.field === 'timestep');
  assert.throws(() => scheduler.addNoise(sample, noise, 2.5), (error: unknown) => error instanceof InvalidOptionError && error.field === 'timestep');
  assert.throws(() => scheduler.addNoise(sample, noise.subarray(2), 10), (error: unknown) => error instanceof InvalidOptionError && error.field === 'noise');
});

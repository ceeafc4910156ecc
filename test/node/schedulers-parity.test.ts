/**
 * Parity with diffusers: every reference case (test/fixtures/schedulers/reference.json, made by
 * scripts/reference/schedulers_reference.py from diffusers' own scheduler code on torch 1.13)
 * is replayed here — schedule, timesteps, σ, init_noise_sigma, and a full sampling loop with
 * the same toy model and the same noise — and every value must be within 1e-5 (relative).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScheduler } from '../../src/pipeline/math/schedulers/index.js';
import { TorchGenerator } from '../../src/pipeline/math/torch-random.js';
import type { NoiseSource, Scheduler, TimestepPlan } from '../../src/pipeline/math/schedulers/types.js';
import { loadReferenceCases, relativeDeviation, ReplayNoise, toyModel, type ReferenceRun } from '../fixtures/schedulers/reference.js';

const TOLERANCE = 1e-5;
const cases = loadReferenceCases();
/** Worst deviation seen per scheduler class, printed at the end. */
const worstByClass = new Map<string, { schedule: number; trajectory: number }>();

function note(className: string, kind: 'schedule' | 'trajectory', deviation: number): void {
  const entry = worstByClass.get(className) ?? { schedule: 0, trajectory: 0 };
  entry[kind] = Math.max(entry[kind], deviation);
  worstByClass.set(className, entry);
}

function checkPlan(scheduler: Scheduler, plan: TimestepPlan, run: ReferenceRun, label: string): number {
  assert.equal(plan.numInferenceSteps, run.steps, `${label}: step count`);
  let worst = relativeDeviation(plan.timesteps, run.timesteps);
  if (run.sigmas) worst = Math.max(worst, relativeDeviation(plan.sigmas, run.sigmas));
  else {
    // ᾱ-space schedulers: the plan's ᾱ are the training ᾱ at the planned timesteps.
    assert.deepEqual([...plan.alphasCumprod], [...plan.timesteps].map((t) => scheduler.alphasCumprod[t]), `${label}: plan ᾱ`);
  }
  worst = Math.max(worst, relativeDeviation([plan.initNoiseSigma], [run.initNoiseSigma]));
  assert.ok(worst <= TOLERANCE, `${label}: schedule deviates by ${worst.toExponential(2)}`);
  return worst;
}

/** Runs the whole loop as a diffusers pipeline would; returns the worst deviation. */
function runTrajectory(scheduler: Scheduler, plan: TimestepPlan, run: ReferenceRun, noise: NoiseSource, initialNoise: Float32Array, label: string): number {
  let latents: Float32Array = initialNoise.map((x) => x * plan.initNoiseSigma);
  let state = scheduler.initialState(plan);
  let worst = 0;
  run.trajectory.forEach((expected, i) => {
    const modelInput = scheduler.scaleModelInput(plan, state, latents);
    const output = scheduler.step(plan, state, toyModel(modelInput, plan.timesteps[i]!), latents, noise);
    const deviation = Math.max(
      relativeDeviation(output.prevSample, expected.prevSample),
      relativeDeviation(output.predOriginalSample, expected.predOriginalSample));
    assert.ok(deviation <= TOLERANCE, `${label}: step ${i} deviates by ${deviation.toExponential(2)}`);
    worst = Math.max(worst, deviation);
    latents = output.prevSample;
    state = output.state;
  });
  return worst;
}

for (const referenceCase of cases) {
  test(`diffusers parity: ${referenceCase.name}`, () => {
    const scheduler = createScheduler(referenceCase.config);
    const schedule = relativeDeviation(scheduler.alphasCumprod, referenceCase.alphasCumprod);
    assert.ok(schedule <= TOLERANCE, `alphas_cumprod deviates by ${schedule.toExponential(2)}`);
    note(scheduler.className, 'schedule', schedule);
    for (const run of referenceCase.runs) {
      const label = `${referenceCase.name} × ${run.steps} steps`;
      const plan = scheduler.plan(run.steps);
      note(scheduler.className, 'schedule', checkPlan(scheduler, plan, run, label));
      const replay = new ReplayNoise(run.trajectory.flatMap((step) => step.noise));
      note(scheduler.className, 'trajectory', runTrajectory(scheduler, plan, run, replay, run.initialNoise, label));
      assert.equal(replay.used, run.trajectory.reduce((sum, step) => sum + step.noise.length, 0), `${label}: noise draws`);
    }
  });
}

test('diffusers parity: seeded runs with TorchGenerator reproduce diffusers\' CPU generator', () => {
  let stochasticRuns = 0;
  for (const referenceCase of cases) {
    const scheduler = createScheduler(referenceCase.config);
    for (const run of referenceCase.runs.filter((candidate) => candidate.trajectory.some((step) => step.noise.length > 0))) {
      const label = `${referenceCase.name} × ${run.steps} steps (seed ${run.seed})`;
      // One generator for everything, as diffusers pipelines do: initial latents, then each step.
      const generator = new TorchGenerator(run.seed);
      const initialNoise = generator.randn(run.shape);
      assert.deepEqual(initialNoise, run.initialNoise, `${label}: initial noise`);
      const worst = runTrajectory(scheduler, scheduler.plan(run.steps), run, generator, initialNoise, label);
      note(scheduler.className, 'trajectory', worst);
      stochasticRuns += 1;
    }
  }
  assert.ok(stochasticRuns >= 10, `expected the stochastic reference runs, found ${stochasticRuns}`);
});

test('diffusers parity: measured deviations', () => {
  assert.equal(worstByClass.size, 6, 'every scheduler class has reference cases');
  console.log('max relative deviation from diffusers (schedule | trajectory):');
  for (const [className, { schedule, trajectory }] of worstByClass) {
    console.log(`  ${className.padEnd(32)} ${schedule.toExponential(2)} | ${trajectory.toExponential(2)}`);
  }
});

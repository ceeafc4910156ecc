import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianToyModel } from '../../src/pipeline/math/gaussian-toy.js';
import { createScheduler } from '../../src/pipeline/math/schedulers/index.js';
import { runToySampling } from '../../src/pipeline/math/toy-sampling.js';

const base = { num_train_timesteps: 1000, beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012 };

test('a toy DDIM run keeps every intermediate and lands on the data distribution', () => {
  const scheduler = createScheduler({ _class_name: 'DDIMScheduler', ...base, set_alpha_to_one: false, steps_offset: 1, clip_sample: false });
  const model = gaussianToyModel({ mean: 2, std: 0.5 });
  const run = runToySampling(scheduler, model, { steps: 25, count: 4000, seed: 7 });
  assert.equal(run.samples.length, 26);
  assert.equal(run.predictedOriginals.length, 25);
  const final = run.samples.at(-1)!;
  const mean = final.reduce((a, b) => a + b, 0) / final.length;
  const std = Math.sqrt(final.reduce((a, b) => a + (b - mean) ** 2, 0) / final.length);
  // SD's schedule never reaches pure noise: at the first step x_T ~ N(√ᾱ_T·μ, σ_T²), but the run
  // starts from N(0, 1). A deterministic sampler maps quantiles to quantiles, so the final mean
  // is shifted by s·(0 − √ᾱ_T·μ)/σ_T (≈ −0.07 here). 4000 samples: standard error ≈ 0.008.
  const start = model.marginal(run.plan.alphasCumprod[0]!);
  const expectedMean = 2 - (0.5 * start.mean) / start.std;
  assert.ok(Math.abs(mean - expectedMean) < 0.03, `mean ${mean}, expected ${expectedMean}`);
  assert.ok(Math.abs(std - 0.5) < 0.04, `std ${std}`);
});

test('the same seed replays the same run bit for bit, another seed does not', () => {
  const scheduler = createScheduler({ _class_name: 'EulerAncestralDiscreteScheduler', ...base });
  const model = gaussianToyModel({ mean: -1, std: 0.3 });
  const a = runToySampling(scheduler, model, { steps: 10, count: 64, seed: 123 });
  const b = runToySampling(scheduler, model, { steps: 10, count: 64, seed: 123 });
  const c = runToySampling(scheduler, model, { steps: 10, count: 64, seed: 124 });
  assert.deepEqual(a.samples.at(-1), b.samples.at(-1));
  assert.notDeepEqual(a.samples.at(-1), c.samples.at(-1));
});

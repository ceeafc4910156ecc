import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samplePreset, type Dataset } from '../../src/playground/datasets.js';
import { chamferDistance, maximumMeanDiscrepancy } from '../../src/playground/metrics.js';
import type { MlpConfig } from '../../src/playground/mlp-layout.js';
import { shareInside } from '../../src/playground/polygon.js';
import { createNoisePredictor } from '../../src/playground/predict-noise.js';
import { sample } from '../../src/playground/sampler.js';
import { playgroundScheduler } from '../../src/playground/schedule.js';
import { averageDecay, createTrainer, learningRateAt, trainerOptions, trainStep, updateAverage, type Trainer } from '../../src/playground/trainer.js';

// Seeded training runs, kept small for a shared 2-core machine: a 32-wide MLP, batch 128,
// a few hundred steps. Thresholds sit well clear of the seeded outcomes measured when written
// (two moons: loss ≈ 0.22 at step 400, Chamfer ≈ 0.24 against ≈ 130 at step 0).

const ddim = playgroundScheduler('ddim');
const smallModel = (classCount: number): MlpConfig => ({ hidden: 32, blocks: 2, positionFrequencies: 4, timeEmbedding: 16, classCount, classEmbedding: 8 });

function newTrainer(data: Dataset): Trainer {
  const adam = { learningRate: 3e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
  // Uniform timesteps, as when the thresholds below were measured (the loss level depends on the mix of t).
  return createTrainer(trainerOptions({ model: smallModel(data.classNames.length), batchSize: 128, adam, timestepPower: 1, seed: 3 }));
}

/** Trains `steps` steps; returns the loss of each step. */
function train(trainer: Trainer, data: Dataset, steps: number): Float64Array {
  const losses = new Float64Array(steps);
  for (let i = 0; i < steps; i++) losses[i] = trainStep(trainer, data, ddim.alphasCumprod);
  return losses;
}

const mean = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / values.length;
const draw = (trainer: Trainer, label: number | null = null, guidance = 1) =>
  sample(createNoisePredictor(trainer.model), ddim, { count: 400, steps: 25, seed: 5, label, guidance });

test('two moons: loss falls below 0.27 within 400 steps, and samples approach held-out data', () => {
  const data = samplePreset('two-moons', 2000, 1);
  const heldOut = samplePreset('two-moons', 400, 2).points;
  const trainer = newTrainer(data);
  const untrained = draw(trainer);
  const losses = train(trainer, data, 400);
  const after = draw(trainer);

  assert.ok(mean(losses.subarray(0, 10)) > 0.6, `an untrained network cannot predict noise: first losses ${mean(losses.subarray(0, 10))}`);
  const finalLoss = mean(losses.subarray(350));
  assert.ok(finalLoss < 0.27, `mean loss over steps 351–400 is ${finalLoss}`);

  const chamferBefore = chamferDistance(untrained, heldOut);
  const chamferAfter = chamferDistance(after, heldOut);
  assert.ok(chamferAfter < 0.4, `Chamfer distance after training is ${chamferAfter}`);
  assert.ok(chamferAfter < chamferBefore / 10, `Chamfer ${chamferBefore} → ${chamferAfter}`);
  const mmdBefore = maximumMeanDiscrepancy(untrained, heldOut);
  const mmdAfter = maximumMeanDiscrepancy(after, heldOut);
  assert.ok(mmdAfter < mmdBefore, `MMD ${mmdBefore} → ${mmdAfter}`);
});

test('the same seed trains the same network and draws the same samples', () => {
  const data = samplePreset('blobs', 500, 1);
  const first = newTrainer(data);
  const second = newTrainer(data);
  train(first, data, 5);
  train(second, data, 5);
  assert.deepEqual(first.model.parameters, second.model.parameters);
  assert.deepEqual(draw(first), draw(second));
});

test('classifier-free guidance pulls samples of the label into its shape', () => {
  const data = samplePreset('sheep-and-motorcycle', 2000, 1);
  const trainer = newTrainer(data);
  train(trainer, data, 500);
  const [sheepShape, motorcycleShape] = data.shapes;
  const sheepShare = (guidance: number) => shareInside(sheepShape!, draw(trainer, 0, guidance));
  const unguided = sheepShare(0);
  const guided = sheepShare(1);
  const strong = sheepShare(2);
  assert.ok(guided > unguided + 0.2, `share inside the sheep: guidance 0 → ${unguided}, guidance 1 → ${guided}`);
  assert.ok(strong > unguided + 0.2, `share inside the sheep: guidance 0 → ${unguided}, guidance 2 → ${strong}`);
  // Without guidance about half the samples are motorcycles; guided, almost none.
  assert.ok(shareInside(motorcycleShape!, draw(trainer, 0, 0)) > 0.15);
  assert.ok(shareInside(motorcycleShape!, draw(trainer, 0, 2)) < 0.05);
});

test('the parameter average warms up, then follows with the set decay; the learning rate decays to a tenth', () => {
  assert.equal(averageDecay(0.99, 0), 0.1);
  assert.equal(averageDecay(0.99, 10_000), 0.99);
  const average = new Float32Array([1, 1]);
  updateAverage(average, new Float32Array([3, -1]), 0.75);
  assert.deepEqual(Array.from(average), [1.5, 0.5]);
  assert.equal(learningRateAt(0.004, 0, 123), 0.004);
  assert.equal(learningRateAt(0.004, 1000, 0), 0.004);
  assert.ok(Math.abs(learningRateAt(0.004, 1000, 500) - 0.0022) < 1e-12);
  assert.ok(Math.abs(learningRateAt(0.004, 1000, 5000) - 0.0004) < 1e-12);
});

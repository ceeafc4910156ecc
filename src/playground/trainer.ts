import { InvalidOptionError } from '../errors.js';
import { adamStep, createAdamState, defaultAdamOptions, type AdamOptions, type AdamState } from './adam.js';
import type { Dataset } from './datasets.js';
import { createMlp, type Mlp, type MlpConfig } from './mlp-layout.js';
import { createWorkspace, mlpBackward, mlpForward, type MlpWorkspace } from './mlp.js';
import { PlaygroundRandom } from './random.js';

/**
 * The DDPM training objective on a 2D data set: pick a data point x₀, a timestep t and noise ε,
 * form x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε (the scheduler's forward process, one t per row), and teach
 * the network to predict ε by mean squared error.
 */

/** Everything that sets up a training run. */
export interface TrainerOptions {
  readonly model: MlpConfig;
  readonly batchSize: number;
  readonly adam: AdamOptions;
  /** Probability that a label is replaced by "no label" (classifier-free guidance training). */
  readonly labelDropout: number;
  /**
   * Decay of the exponential moving average of the parameters that sampling uses: averaging
   * out Adam's step-to-step jitter sharpens samples a lot in short runs (0 disables it).
   */
  readonly emaDecay: number;
  /** Steps over which the learning rate falls along a cosine to a tenth (0: constant rate). */
  readonly decaySteps: number;
  /**
   * Timesteps are drawn as t = ⌊T·u^p⌋ for uniform u. With p = 1 (uniform, as in DDPM) about
   * 70 % of every batch lies past t = 300, where the 2D data is already a shapeless blob, and
   * only 5 % below t = 50, where legs and wheels are drawn. p = 3 spends about 37 % of the
   * batch below t = 50. The network sees t, so the best prediction at each t is unchanged;
   * only where its capacity goes is.
   */
  readonly timestepPower: number;
  readonly seed: number;
}

/** A training run in progress: model, optimiser state and reusable buffers. */
export interface Trainer {
  readonly options: TrainerOptions;
  readonly model: Mlp;
  /** The same network with the moving-average parameters: the one to sample from. */
  readonly averaged: Mlp;
  readonly gradients: Float32Array;
  readonly adam: AdamState;
  readonly workspace: MlpWorkspace;
  readonly random: PlaygroundRandom;
  readonly batchPoints: Float32Array;
  readonly batchNoise: Float32Array;
  readonly batchTimesteps: Float32Array;
  readonly batchLabels: Int32Array;
  readonly gradOutput: Float32Array;
  /** Steps taken so far. */
  step: number;
}

/** Fills in defaults for everything but the model's class count. */
export function trainerOptions(overrides: Partial<TrainerOptions> & { model: MlpConfig }): TrainerOptions {
  return { batchSize: 256, adam: defaultAdamOptions, labelDropout: 0.15, emaDecay: 0.99, decaySteps: 0, timestepPower: 3, seed: 0, ...overrides };
}

/** Starts a run: a fresh network initialised from `options.seed`. */
export function createTrainer(options: TrainerOptions): Trainer {
  const { batchSize, labelDropout, adam } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidOptionError('batchSize', `expected a positive integer, got ${batchSize}`);
  if (!(options.emaDecay >= 0 && options.emaDecay < 1)) throw new InvalidOptionError('emaDecay', `must be in [0, 1), got ${options.emaDecay}`);
  if (!(options.timestepPower >= 1 && Number.isFinite(options.timestepPower))) {
    throw new InvalidOptionError('timestepPower', `expected a number ≥ 1, got ${options.timestepPower}`);
  }
  if (!(labelDropout >= 0 && labelDropout <= 1)) throw new InvalidOptionError('labelDropout', `must be between 0 and 1, got ${labelDropout}`);
  if (!(adam.learningRate > 0 && Number.isFinite(adam.learningRate))) {
    throw new InvalidOptionError('learningRate', `expected a positive number, got ${adam.learningRate}`);
  }
  const model = createMlp(options.model, options.seed);
  return {
    options,
    model,
    averaged: { ...model, parameters: model.parameters.slice() },
    gradients: new Float32Array(model.parameters.length),
    adam: createAdamState(model.parameters.length),
    workspace: createWorkspace(model, batchSize),
    // A different stream from the initialisation's, still fixed by the seed.
    random: new PlaygroundRandom(options.seed ^ 0x5eed),
    batchPoints: new Float32Array(batchSize * 2),
    batchNoise: new Float32Array(batchSize * 2),
    batchTimesteps: new Float32Array(batchSize),
    batchLabels: new Int32Array(batchSize),
    gradOutput: new Float32Array(batchSize * 2),
    step: 0,
  };
}

/**
 * Draws one batch: x_t, the noise ε that made it, timesteps and (possibly dropped) labels,
 * into the trainer's batch buffers.
 */
export function drawBatch(trainer: Trainer, dataset: Dataset, alphasCumprod: Float64Array): void {
  const { random, batchPoints, batchNoise, batchTimesteps, batchLabels, options, model } = trainer;
  const count = dataset.points.length / 2;
  const noLabel = model.config.classCount;
  for (let b = 0; b < options.batchSize; b++) {
    const index = random.integer(count);
    const t = Math.floor(alphasCumprod.length * Math.pow(random.uniform(), options.timestepPower));
    const signal = Math.sqrt(alphasCumprod[t]!);
    const noiseScale = Math.sqrt(1 - alphasCumprod[t]!);
    const ex = random.normal();
    const ey = random.normal();
    batchNoise[2 * b] = ex;
    batchNoise[2 * b + 1] = ey;
    batchPoints[2 * b] = signal * dataset.points[2 * index]! + noiseScale * ex;
    batchPoints[2 * b + 1] = signal * dataset.points[2 * index + 1]! + noiseScale * ey;
    batchTimesteps[b] = t;
    const dropped = random.uniform() < options.labelDropout;
    batchLabels[b] = dataset.labels && noLabel > 0 && !dropped ? dataset.labels[index]! : noLabel;
  }
}

/**
 * Mean squared error between the prediction and the noise over the batch, writing
 * ∂L/∂prediction into `gradOutput`.
 */
export function noisePredictionLoss(prediction: Float32Array, noise: Float32Array, count: number, gradOutput: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const difference = prediction[i]! - noise[i]!;
    sum += difference * difference;
    gradOutput[i] = (2 * difference) / count;
  }
  return sum / count;
}

/** One optimisation step on a fresh batch; returns the batch loss before the update. */
export function trainStep(trainer: Trainer, dataset: Dataset, alphasCumprod: Float64Array): number {
  const { model, workspace, options, gradients } = trainer;
  const batch = options.batchSize;
  drawBatch(trainer, dataset, alphasCumprod);
  const prediction = mlpForward(model, workspace, batch, trainer.batchPoints, trainer.batchTimesteps, trainer.batchLabels);
  const loss = noisePredictionLoss(prediction, trainer.batchNoise, batch * 2, trainer.gradOutput);
  gradients.fill(0);
  mlpBackward(model, workspace, batch, trainer.batchLabels, trainer.gradOutput, gradients);
  const learningRate = learningRateAt(options.adam.learningRate, options.decaySteps, trainer.step);
  adamStep({ ...options.adam, learningRate }, trainer.adam, model.parameters, gradients);
  trainer.step += 1;
  updateAverage(trainer.averaged.parameters, model.parameters, averageDecay(options.emaDecay, trainer.step));
  return loss;
}

/**
 * Cosine decay from the base rate to a tenth of it over `decaySteps`, then flat: big steps
 * while the shape is found, small ones to settle its edges.
 */
export function learningRateAt(base: number, decaySteps: number, step: number): number {
  if (decaySteps <= 0) return base;
  const progress = Math.min(1, step / decaySteps);
  return base * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/**
 * The decay for step n, warmed up as min(decay, (1 + n)/(10 + n)) so the average follows the
 * fast early changes instead of remembering the random initialisation.
 */
export function averageDecay(decay: number, step: number): number {
  return Math.min(decay, (1 + step) / (10 + step));
}

/** average ← d·average + (1 − d)·current. */
export function updateAverage(average: Float32Array, current: Float32Array, decay: number): void {
  for (let i = 0; i < average.length; i++) average[i] = decay * average[i]! + (1 - decay) * current[i]!;
}

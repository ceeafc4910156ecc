import { pointsOfClass, presetMessage } from './dataset-message.js';
import type { Dataset, PresetName } from './datasets.js';
import { chamferDistance } from './metrics.js';
import { playgroundDefaults, sessionTrainerOptions, defaultTrainingSettings } from './playground-defaults.js';
import { shareInside } from './polygon.js';
import { createNoisePredictor } from './predict-noise.js';
import type { SampleRequest } from './protocol.js';
import { sample } from './sampler.js';
import { playgroundScheduler } from './schedule.js';
import { createTrainer, trainStep, type Trainer } from './trainer.js';

/**
 * How well the playground learns a preset at its default settings, as the numbers the quality
 * bench prints and the quality test holds: the share of samples inside the preset's shape, and
 * their Chamfer distance to held-out data beside the data's own (training points against the
 * same held-out points), for each class of a labelled preset.
 */

/** Samples and data points compared by Chamfer distance (O(n·m)), as in the training session. */
export const scoredPoints = 600;

/** The bar: share inside and Chamfer ratio to the data's own held-out distance. */
export const qualityCriterion = { minShareInside: 0.85, maxChamferRatio: 2 } as const;

/** One class's (or an unlabelled preset's) scores. */
export interface ClassScore {
  readonly label: number | null;
  readonly name: string;
  readonly shareInside: number;
  readonly chamfer: number;
  /** Chamfer distance of training points to the same held-out points. */
  readonly dataChamfer: number;
  readonly passes: boolean;
}

/** A preset's data, held-out points and a trainer at the default settings. */
export interface PresetRun {
  readonly dataset: Dataset;
  readonly heldOutByClass: readonly Float32Array[];
  readonly heldOut: Float32Array;
  readonly trainer: Trainer;
}

/** Sets up training on a preset with the defaults (data seed = training seed, as the element does). */
export function presetRun(preset: PresetName, seed: number = playgroundDefaults.seed, maxSteps: number = playgroundDefaults.maxSteps): PresetRun {
  const { dataset, message } = presetMessage(preset, playgroundDefaults.datasetSize, seed);
  const settings = defaultTrainingSettings({ seed, maxSteps });
  return { dataset, heldOut: message.heldOut, heldOutByClass: message.heldOutByClass, trainer: createTrainer(sessionTrainerOptions(settings, dataset.classNames.length)) };
}

/** Trains until `steps` steps are done; returns the mean loss of the last 100. */
export function trainTo(run: PresetRun, steps: number): number {
  const alphas = playgroundScheduler('ddpm').alphasCumprod;
  let tail = 0;
  let count = 0;
  while (run.trainer.step < steps) {
    const loss = trainStep(run.trainer, run.dataset, alphas);
    if (steps - run.trainer.step < 100) {
      tail += loss;
      count += 1;
    }
  }
  return count > 0 ? tail / count : NaN;
}

/** The sample request the element makes by default, for one label. */
export function defaultSampleRequest(label: number | null, seed: number = playgroundDefaults.seed): SampleRequest {
  const { sampleCount, steps, sampler, guidance, guidanceMinNoise } = playgroundDefaults;
  return { count: sampleCount, steps, sampler, seed, label, guidance: label === null ? 1 : guidance, guidanceMinNoise };
}

/** Scores the averaged model of a run for every class (or once for an unlabelled preset). */
export function scoreRun(run: PresetRun, seed: number = playgroundDefaults.seed): ClassScore[] {
  const { dataset } = run;
  const labels = dataset.classNames.length > 0 ? dataset.classNames.map((_, label) => label) : [null];
  return labels.map((label) => {
    const request = defaultSampleRequest(label, seed);
    const samples = sample(createNoisePredictor(run.trainer.averaged), playgroundScheduler(request.sampler), request);
    return scoreSamples(run, label, samples);
  });
}

/** Scores given samples of one class (or of the unlabelled preset). */
export function scoreSamples(run: PresetRun, label: number | null, samples: Float32Array): ClassScore {
  const { dataset } = run;
  const reference = (label === null ? run.heldOut : run.heldOutByClass[label]!).subarray(0, 2 * scoredPoints);
  const training = label === null ? dataset.points : pointsOfClass(dataset, label);
  const shape = dataset.shapes[label ?? 0]!;
  const share = shareInside(shape, samples);
  const chamfer = chamferDistance(samples.subarray(0, 2 * scoredPoints), reference);
  const dataChamfer = chamferDistance(training.subarray(0, 2 * scoredPoints), reference);
  const passes = share >= qualityCriterion.minShareInside && chamfer <= qualityCriterion.maxChamferRatio * dataChamfer;
  return { label, name: label === null ? shape.name : dataset.classNames[label]!, shareInside: share, chamfer, dataChamfer, passes };
}

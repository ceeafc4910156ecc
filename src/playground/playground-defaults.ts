import type { TrainingSettings } from './protocol.js';
import type { SamplerName } from './schedule.js';
import { defaultMlpConfig } from './mlp-layout.js';
import { trainerOptions, type TrainerOptions } from './trainer.js';

/**
 * The playground's defaults in one place: the element's attributes start from them, and the
 * quality bench and test train and sample with them. Measured (bench/playground-presets.bench.ts)
 * so that every preset reaches ≥ 85 % of samples inside its shape and a Chamfer distance within
 * 2× of the data's own held-out split, in well under a minute of one core.
 */
export const playgroundDefaults = {
  seed: 0,
  /** Points drawn from a preset for training (held-out points come from the next seed). */
  datasetSize: 2000,
  batchSize: 128,
  learningRate: 0.008,
  maxSteps: 3000,
  labelDropout: 0.15,
  sampleCount: 800,
  steps: 50,
  sampler: 'ddim' as SamplerName,
  guidance: 3,
  /** σ below which guidance above 1 falls back to 1 (see `guidanceAt` in sampler.ts). */
  guidanceMinNoise: 3,
} as const;

/** Training settings from the defaults, with any overrides. */
export function defaultTrainingSettings(overrides: Partial<TrainingSettings> = {}): TrainingSettings {
  const { seed, batchSize, learningRate, labelDropout, maxSteps } = playgroundDefaults;
  return { seed, batchSize, learningRate, labelDropout, maxSteps, model: defaultMlpConfig, ...overrides };
}

/** How a session turns the reader's settings into a trainer for a set with `classCount` labels. */
export function sessionTrainerOptions(settings: TrainingSettings, classCount: number): TrainerOptions {
  return trainerOptions({
    model: { ...settings.model, classCount },
    batchSize: settings.batchSize,
    adam: { learningRate: settings.learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    labelDropout: settings.labelDropout,
    emaDecay: 0.99,
    // A run with an end in sight slows down towards it; an open-ended one keeps its rate.
    decaySteps: settings.maxSteps <= 20_000 ? settings.maxSteps : 0,
    timestepPower: 3,
    seed: settings.seed,
  });
}

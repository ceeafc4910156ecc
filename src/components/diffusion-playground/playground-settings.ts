import { presetNames, type PresetName } from '../../playground/datasets.js';
import { samplerNames, type SamplerName } from '../../playground/schedule.js';
import { parseEnumAttribute, parseIntegerAttribute, parseNumberAttribute } from '../shared/attributes.js';

/** The data sources the reader can pick: the presets, or points drawn on the canvas. */
export const dataSources = [...presetNames, 'draw'] as const;
export type DataSource = PresetName | 'draw';

/** Every attribute of the element, validated and typed. */
export interface PlaygroundSettings {
  readonly preset: DataSource;
  readonly seed: number;
  readonly steps: number;
  readonly sampler: SamplerName;
  readonly guidance: number;
  readonly guidanceMinNoise: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly maxSteps: number;
  readonly sampleCount: number;
  readonly timestep: number;
}

/** The raw attribute strings (or numbers set as properties). */
export type RawSettings = { readonly [K in keyof PlaygroundSettings]: string | number };

/** Validates every attribute; throws an `InvalidOptionError` naming the first bad one. */
export function parseSettings(raw: RawSettings): PlaygroundSettings {
  return {
    preset: parseEnumAttribute('preset', String(raw.preset), dataSources),
    seed: parseIntegerAttribute('seed', raw.seed, 0, 2 ** 31 - 1),
    steps: parseIntegerAttribute('steps', raw.steps, 1, 1000),
    sampler: parseEnumAttribute('sampler', String(raw.sampler), samplerNames),
    guidance: parseNumberAttribute('guidance', raw.guidance, 0, 10),
    guidanceMinNoise: parseNumberAttribute('guidance-min-noise', raw.guidanceMinNoise, 0, 1000),
    batchSize: parseIntegerAttribute('batch-size', raw.batchSize, 1, 4096),
    learningRate: parseNumberAttribute('learning-rate', raw.learningRate, 1e-6, 1),
    maxSteps: parseIntegerAttribute('max-steps', raw.maxSteps, 1, 1_000_000),
    sampleCount: parseIntegerAttribute('sample-count', raw.sampleCount, 1, 5000),
    timestep: parseIntegerAttribute('timestep', raw.timestep, 0, 999),
  };
}

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

/** One parser per setting, under its attribute's name: for `parseSettings` and for shared links. */
export const settingParsers = {
  preset: (raw: string | number) => parseEnumAttribute('preset', String(raw), dataSources),
  seed: (raw: string | number) => parseIntegerAttribute('seed', raw, 0, 2 ** 31 - 1),
  steps: (raw: string | number) => parseIntegerAttribute('steps', raw, 1, 1000),
  sampler: (raw: string | number) => parseEnumAttribute('sampler', String(raw), samplerNames),
  guidance: (raw: string | number) => parseNumberAttribute('guidance', raw, 0, 10),
  'guidance-min-noise': (raw: string | number) => parseNumberAttribute('guidance-min-noise', raw, 0, 1000),
  'batch-size': (raw: string | number) => parseIntegerAttribute('batch-size', raw, 1, 4096),
  'learning-rate': (raw: string | number) => parseNumberAttribute('learning-rate', raw, 1e-6, 1),
  'max-steps': (raw: string | number) => parseIntegerAttribute('max-steps', raw, 1, 1_000_000),
  'sample-count': (raw: string | number) => parseIntegerAttribute('sample-count', raw, 1, 5000),
  timestep: (raw: string | number) => parseIntegerAttribute('timestep', raw, 0, 999),
} as const;

/** Validates every attribute; throws an `InvalidOptionError` naming the first bad one. */
export function parseSettings(raw: RawSettings): PlaygroundSettings {
  return {
    preset: settingParsers.preset(raw.preset),
    seed: settingParsers.seed(raw.seed),
    steps: settingParsers.steps(raw.steps),
    sampler: settingParsers.sampler(raw.sampler),
    guidance: settingParsers.guidance(raw.guidance),
    guidanceMinNoise: settingParsers['guidance-min-noise'](raw.guidanceMinNoise),
    batchSize: settingParsers['batch-size'](raw.batchSize),
    learningRate: settingParsers['learning-rate'](raw.learningRate),
    maxSteps: settingParsers['max-steps'](raw.maxSteps),
    sampleCount: settingParsers['sample-count'](raw.sampleCount),
    timestep: settingParsers.timestep(raw.timestep),
  };
}

import { InvalidOptionError } from '../../errors.js';
import { parseSeed } from '../../pipeline/math/seed.js';
import { SCHEDULER_ALIAS_NAMES, type SchedulerAlias } from '../../pipeline/math/schedulers/index.js';
import { parseEnumAttribute, parseIntegerAttribute, parseNumberAttribute, parseNumberListAttribute } from './attributes.js';

/**
 * The sampling attributes the generating elements share, validated from their raw strings;
 * each failure is an `InvalidOptionError` naming the attribute, so the element can show it.
 */

/** Most steps an element will run in the page (the schedulers accept more; readers wait). */
export const MAX_ELEMENT_STEPS = 200;
/** Largest guidance scale accepted from an attribute. */
export const MAX_GUIDANCE = 50;

/** `seed`: 0…2⁶⁴−1. */
export const parseSeedAttribute = (raw: string, attribute = 'seed'): bigint => parseSeed(raw.trim(), attribute);
/** `guidance`: 0…MAX_GUIDANCE. */
export const parseGuidanceAttribute = (raw: string, attribute = 'guidance'): number => parseNumberAttribute(attribute, raw, 0, MAX_GUIDANCE);
/** `steps`: 1…MAX_ELEMENT_STEPS. */
export const parseStepsAttribute = (raw: string): number => parseIntegerAttribute('steps', raw, 1, MAX_ELEMENT_STEPS);
/** `scheduler`: a sampler alias, or empty for the model's own. */
export const parseSchedulerAttribute = (raw: string): SchedulerAlias | undefined =>
  raw === '' ? undefined : parseEnumAttribute('scheduler', raw, SCHEDULER_ALIAS_NAMES);
/** Largest image side an element asks for. */
export const MAX_SIZE = 1024;
/** `size`: the image side in pixels, or empty for the model's default (the pipeline checks the VAE factor). */
export const parseSizeAttribute = (raw: string): number | undefined =>
  raw.trim() === '' ? undefined : parseIntegerAttribute('size', raw, 8, MAX_SIZE);
/** Generation options for a size: nothing for the model default, else a square image. */
export const sizeOptions = (size: number | undefined): { width?: number; height?: number } =>
  size === undefined ? {} : { width: size, height: size };
/** A list of guidance scales, e.g. `scales="1, 3, 7.5, 12"`. */
export const parseScalesAttribute = (raw: string, attribute = 'scales'): number[] => parseNumberListAttribute(attribute, raw, 0, MAX_GUIDANCE);

/** A comma-separated list of seeds, e.g. `seeds="1, 2, 3"`. */
export function parseSeedListAttribute(raw: string, attribute = 'seeds'): bigint[] {
  const parts = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new InvalidOptionError(attribute, 'expected a comma-separated list of seeds');
  return parts.map((part) => parseSeed(part, attribute));
}

/** Sampling settings of a single run. */
export interface RunAttributes {
  readonly seed: bigint;
  readonly guidance: number;
  readonly steps: number;
  readonly scheduler: SchedulerAlias | undefined;
}

/** Parses the raw `seed`, `guidance`, `steps` and `scheduler` attribute strings. */
export function parseRunAttributes(raw: { seed: string; guidance: string; steps: string; scheduler: string }): RunAttributes {
  return {
    seed: parseSeedAttribute(raw.seed),
    guidance: parseGuidanceAttribute(raw.guidance),
    steps: parseStepsAttribute(raw.steps),
    scheduler: parseSchedulerAttribute(raw.scheduler),
  };
}

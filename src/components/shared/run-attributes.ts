import { InvalidOptionError } from '../../errors.js';
import { parseIntegerAttribute, parseNumberAttribute } from './attributes.js';
import { parseSeed } from '../../pipeline/math/seed.js';

/**
 * The sampling attributes several elements share (`seed`, `guidance`, `steps`), validated
 * from their raw strings into typed values; each failure is an `InvalidOptionError` that
 * names the attribute, so the element can show it.
 */

/** Most steps an element will run in the page (the schedulers accept more; readers wait). */
export const MAX_ELEMENT_STEPS = 200;
/** Largest guidance scale accepted from an attribute. */
export const MAX_GUIDANCE = 50;

/** Sampling settings read from attributes. */
export interface RunAttributes {
  readonly seed: bigint;
  readonly guidance: number;
  readonly steps: number;
}

/** Parses the raw `seed`, `guidance` and `steps` attribute strings. */
export function parseRunAttributes(raw: { seed: string; guidance: string; steps: string }): RunAttributes {
  return {
    seed: parseSeed(raw.seed.trim(), 'seed'),
    guidance: parseNumberAttribute('guidance', raw.guidance, 0, MAX_GUIDANCE),
    steps: parseIntegerAttribute('steps', raw.steps, 1, MAX_ELEMENT_STEPS),
  };
}

/** Parses a comma-separated list of seeds, e.g. `seeds="1, 2, 3"`. */
export function parseSeedList(attribute: string, raw: string): bigint[] {
  const parts = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new InvalidOptionError(attribute, 'expected a comma-separated list of seeds');
  return parts.map((part) => parseSeed(part, attribute));
}

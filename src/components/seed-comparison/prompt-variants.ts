import { InvalidOptionError } from '../../errors.js';

/** Most prompt variants one element draws (each is a full run). */
export const MAX_VARIANTS = 8;

/** Splits `variants="a red car | a blue car"` into prompts; a typed error names `attribute`. */
export function parseVariantsAttribute(raw: string, attribute = 'variants'): string[] {
  const prompts = raw.split('|').map((part) => part.trim()).filter((part) => part !== '');
  if (prompts.length === 0) throw new InvalidOptionError(attribute, 'expected prompts separated by "|"');
  if (prompts.length > MAX_VARIANTS) throw new InvalidOptionError(attribute, `at most ${MAX_VARIANTS} prompts, got ${prompts.length}`);
  return prompts;
}

/**
 * A short label for a prompt edit: the words it has that the base prompt lacks ("black"),
 * so "keep the seed, change one word" reads at a glance; the whole prompt when nothing differs.
 */
export function editLabel(base: string, variant: string): string {
  const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
  const known = new Set(words(base));
  const added = words(variant).filter((word) => !known.has(word));
  return added.length ? added.join(' ') : 'same prompt';
}

/**
 * The prompts a prompt-space map shows: the reader's list, or by default a grid built from the
 * pocket model's vocabulary so the map has known structure (which animal, which vehicle, where).
 */
import { InvalidOptionError } from '../../errors.js';
import { POCKET_VOCABULARY } from '../../explorers/word-sets.js';

/** Most prompts on one map: beyond this the points are too dense to read or to tab through. */
export const MAX_PROMPTS = 200;

const PLACE_PHRASES: Readonly<Record<string, string>> = { road: 'on a road', snow: 'in the snow' };

/**
 * Every animal on every vehicle, on a road and in the snow (5 × 5 × 2 = 50 prompts), worded
 * as the pocket model's training captions are ("a dog driving a car in the snow").
 */
export function pocketPromptGrid(): string[] {
  const { animals, vehicles } = POCKET_VOCABULARY;
  return Object.values(PLACE_PHRASES).flatMap((place) =>
    animals.flatMap((animal) => vehicles.map((vehicle) => `a ${animal} ${verbFor(vehicle)} a ${vehicle} ${place}`)),
  );
}

/** The captions' verb: animals drive cars and trucks and ride the rest. */
function verbFor(vehicle: string): string {
  return vehicle === 'car' || vehicle === 'truck' ? 'driving' : 'riding';
}

/**
 * Reads a prompt list: an array, or one string with a prompt per line or separated by `;`.
 * Blanks and repeats are dropped; an empty list or one over {@link MAX_PROMPTS} is an
 * `InvalidOptionError` on `prompts`.
 */
export function parsePromptList(raw: string | readonly string[]): string[] {
  const items = typeof raw === 'string' ? raw.split(/[\n;]/u) : [...raw];
  const prompts = [...new Set(items.map((item, i) => checkedPrompt(item, i).replace(/\s+/gu, ' ').trim()).filter((item) => item !== ''))];
  if (prompts.length === 0) throw new InvalidOptionError('prompts', 'expected at least one prompt (one per line, or separated by ";")');
  if (prompts.length > MAX_PROMPTS) throw new InvalidOptionError('prompts', `at most ${MAX_PROMPTS} prompts, got ${prompts.length}`);
  return prompts;
}

function checkedPrompt(item: unknown, index: number): string {
  if (typeof item !== 'string') throw new InvalidOptionError('prompts', `item ${index} must be a string, got ${typeof item}`);
  return item;
}

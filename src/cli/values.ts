/**
 * Reads option strings from the command line into typed values. Each failure is an
 * `InvalidOptionError` naming the option as the user typed it (`--seed`, `--guidance`…).
 */
import { InvalidOptionError } from '../errors.js';
import { MAX_PROMPT_LENGTH, MAX_SIDE, MAX_STEPS, promptLength } from '../pipeline/run/generate-options.js';
import { parseGuidanceScale } from '../pipeline/math/guidance.js';
import { parseSeed } from '../pipeline/math/seed.js';
import { SCHEDULER_ALIAS_NAMES, type SchedulerAlias } from '../pipeline/math/schedulers/aliases.js';
import { parseInteger, parseList, parseNumber } from '../text-numbers.js';

/** Most values in one list option (a grid axis). */
export const MAX_LIST_LENGTH = 64;

/**
 * A prompt (`prompt`) or `--negative` text: at most `MAX_PROMPT_LENGTH` characters, checked
 * before anything loads (onnxruntime-node crashes outright in a process with an argument of
 * some 28 000 characters).
 */
export function promptValue(text: string, field: string): string {
  if (text.length > MAX_PROMPT_LENGTH && promptLength(text) > MAX_PROMPT_LENGTH) {
    throw new InvalidOptionError(field, `is ${promptLength(text)} characters long; at most ${MAX_PROMPT_LENGTH} are accepted (the text encoder reads only the first few hundred)`);
  }
  return text;
}

/** `--seed`: an integer 0…2⁶⁴−1 (kept exact as a bigint). */
export function seedValue(text: string, field = '--seed'): bigint {
  return parseSeed(text.trim(), field);
}

/** `--guidance`: a finite scale ≥ 0. */
export function guidanceValue(text: string, field = '--guidance'): number {
  return parseGuidanceScale(parseNumber(text, field), field);
}

/** `--steps`: 1…the pipeline's `MAX_STEPS`. */
export function stepsValue(text: string, field = '--steps'): number {
  return parseInteger(text, field, 1, MAX_STEPS);
}

/** `--width` / `--height`: a positive size (the model's VAE factor is checked once it is loaded). */
export function sideValue(text: string, field: string): number {
  return parseInteger(text, field, 1, MAX_SIDE);
}

/** `--scheduler`: one of the math core's aliases. */
export function schedulerValue(text: string, field = '--scheduler'): SchedulerAlias {
  if (!(SCHEDULER_ALIAS_NAMES as readonly string[]).includes(text)) {
    throw new InvalidOptionError(field, `unknown scheduler ${JSON.stringify(text)}; use one of ${SCHEDULER_ALIAS_NAMES.join(', ')}`);
  }
  return text as SchedulerAlias;
}

/** `--seeds 1,2,3`. */
export function seedList(text: string, field = '--seeds'): bigint[] {
  return parseList(text, field, seedValue, MAX_LIST_LENGTH);
}

/** `--guidance 1,3,7.5`. */
export function guidanceList(text: string, field = '--guidance'): number[] {
  return parseList(text, field, guidanceValue, MAX_LIST_LENGTH);
}

/** Checks a side against the model's VAE factor (latents are side / factor cells). */
export function checkVaeMultiple(value: number, factor: number, field: string): number {
  if (value % factor !== 0) throw new InvalidOptionError(field, `${value} is not a multiple of the model's VAE factor ${factor}`);
  return value;
}

/** `--dtype` of a recording: float16 (default, half the size) or float32 (exact). */
export function dtypeValue(text: string | undefined, field = '--dtype'): 'float16' | 'float32' {
  if (text === undefined || text === 'float16' || text === 'float32') return text ?? 'float16';
  throw new InvalidOptionError(field, `${JSON.stringify(text)} is not float16 or float32`);
}

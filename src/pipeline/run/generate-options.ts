import { InvalidOptionError } from '../../errors.js';
import { parseGuidanceScale } from '../math/guidance.js';
import { parseSeed, randomSeed } from '../math/seed.js';
import type { Tensor } from '../math/tensor.js';
import type { ModelConfig } from '../model/model-config.js';
import type { SchedulerOption } from './scheduler-choice.js';

/** Options of one text-to-image run. */
export interface GenerateOptions {
  /**
   * What to draw. Empty is valid (an unconditional image). Longer than the tokenizer's limit:
   * truncated, and `info.prompt.truncated` says so; longer than `MAX_PROMPT_LENGTH` characters: refused.
   */
  readonly prompt: string;
  /** What to steer away from with guidance; default "" (diffusers' unconditional prompt). At most `MAX_PROMPT_LENGTH` characters. */
  readonly negativePrompt?: string;
  /** Integer 0…2^64−1 (number, bigint or decimal string); same seed, same noise as torch. Default: a random seed, reported in `info.seed`. */
  readonly seed?: number | bigint | string;
  /** Denoising steps, 1…1000; default the model's suggestion (SD: 20). */
  readonly steps?: number;
  /** Sampler; default the model's own (see `SchedulerOption`). */
  readonly scheduler?: SchedulerOption;
  /** Classifier-free guidance scale, finite ≥ 0 (≤ 1 means none: one UNet pass per step); default the model's suggestion (SD: 7.5). */
  readonly guidanceScale?: number;
  /** Image size in pixels, a multiple of the VAE factor; default the model's native size. */
  readonly width?: number;
  readonly height?: number;
  /** Start from these text-encoder states [1, S, D] instead of encoding `prompt` (embedding arithmetic). */
  readonly encoderHiddenStates?: Tensor;
  /** Cancels the run at the next step. */
  readonly signal?: AbortSignal;
  /**
   * Decode each step's x̂₀ with the VAE decoder into `step.decodedImage`, so a player or a
   * recording shows the picture the model expects at every step, not only at the end (one
   * decoder call per step: ~6 ms on the pocket model, far more on Stable Diffusion). Default false.
   */
  readonly decodeSteps?: boolean;
}

/** Validated, defaulted options. */
export interface ResolvedOptions {
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly seed: bigint;
  readonly steps: number;
  readonly guidanceScale: number;
  readonly width: number;
  readonly height: number;
}

/** Most steps a run may take (the training schedule's length). */
export const MAX_STEPS = 1000;
/** Largest image side accepted, to refuse sizes that could only exhaust memory. */
export const MAX_SIDE = 4096;
/**
 * Longest prompt accepted, in characters. Text encoders read 77 tokens (a few hundred
 * characters) and truncate the rest; far longer text only costs time to tokenize.
 */
export const MAX_PROMPT_LENGTH = 4096;

/** A prompt's length in characters (code points, as a reader counts them). */
export function promptLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function text(value: unknown, field: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string') throw new InvalidOptionError(field, `must be a string, got ${typeof value}`);
  // Cheap bound first (UTF-16 units ≥ characters), then the exact count.
  if (value.length > MAX_PROMPT_LENGTH && promptLength(value) > MAX_PROMPT_LENGTH) {
    throw new InvalidOptionError(field, `is ${promptLength(value)} characters long; at most ${MAX_PROMPT_LENGTH} are accepted (the text encoder reads only the first few hundred)`);
  }
  return value;
}

function side(value: unknown, field: string, fallback: number, factor: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_SIDE) {
    throw new InvalidOptionError(field, `must be an integer in 1…${MAX_SIDE}, got ${String(value)}`);
  }
  if (value % factor !== 0) throw new InvalidOptionError(field, `must be a multiple of the VAE factor ${factor}, got ${value}`);
  return value;
}

/** Checks every option of a run; each bad one is an `InvalidOptionError` naming it. */
export function resolveOptions(options: GenerateOptions, config: ModelConfig): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('options', 'must be an object');
  const steps = options.steps ?? config.defaultSteps;
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
    throw new InvalidOptionError('steps', `must be an integer in 1…${MAX_STEPS}, got ${String(steps)}`);
  }
  return {
    prompt: text(options.prompt, 'prompt'),
    negativePrompt: text(options.negativePrompt, 'negativePrompt', ''),
    seed: options.seed === undefined ? randomSeed() : parseSeed(options.seed),
    steps,
    guidanceScale: options.guidanceScale === undefined ? config.defaultGuidanceScale : parseGuidanceScale(options.guidanceScale),
    width: side(options.width, 'width', config.imageSize, config.vaeScaleFactor),
    height: side(options.height, 'height', config.imageSize, config.vaeScaleFactor),
  };
}

/**
 * One vector per prompt, for maps of prompt space. The text encoder gives a state per token
 * ([S, D]); a map needs one point per prompt, so the states are pooled.
 *
 * Pooling is the mean over the positions the tokenizer filled (start and end markers
 * included, padding excluded). The pocket encoder also has a `pooler_output` (the final state
 * of `[BOS]`), but nothing in training used it and it barely moves: on the real model its
 * cosine between "a sheep riding a motorcycle" and "a cat driving a car in a city at night"
 * is 0.98, where the token mean gives 0.59 (a sheep on a bicycle: 0.90). Padding is left out
 * because its states carry mostly position, and short prompts would otherwise all look alike.
 */
import { InvalidOptionError } from '../../errors.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import { encodePrompts, type EncodedPrompt } from './text-conditioning.js';

/** Prompts encoded once: each one's tokens and states, and their pooled vectors. */
export interface PromptEmbeddings {
  /** The prompts, in the order given. */
  readonly prompts: readonly string[];
  /** Each prompt's tokens and text-encoder states [1, S, D] (what `generate` conditions on). */
  readonly encoded: readonly EncodedPrompt[];
  /** Pooled vectors, `prompts.length × dimensions`, row-major. */
  readonly pooled: Float32Array;
  /** Width D of a state (and of a pooled vector). */
  readonly dimensions: number;
}

/** Prompts per text-encoder call: bounds memory for 77-token encoders while keeping calls few. */
const BATCH = 32;

/**
 * Mean of the first `tokenCount` rows of a prompt's states (`S × width`, row-major): the
 * prompt's pooled vector. Throws when `tokenCount` does not fit the states.
 */
export function meanPoolTokens(states: Float32Array, tokenCount: number, width: number): Float32Array {
  const length = states.length / width;
  if (!Number.isInteger(tokenCount) || tokenCount < 1 || tokenCount > length) {
    throw new InvalidOptionError('tokenCount', `expected an integer in 1…${length}, got ${tokenCount}`);
  }
  const sum = new Float64Array(width);
  for (let position = 0; position < tokenCount; position++) {
    for (let i = 0; i < width; i++) sum[i]! += states[position * width + i]!;
  }
  return Float32Array.from(sum, (value) => value / tokenCount);
}

/**
 * Encodes `prompts` (in batches of {@link BATCH}) and pools each one. Empty prompts are valid
 * (the unconditional prompt); non-strings throw an `InvalidOptionError` naming the index.
 */
export async function embedPrompts(model: DiffusionModel, prompts: readonly string[]): Promise<PromptEmbeddings> {
  prompts.forEach((prompt, i) => {
    if (typeof prompt !== 'string') throw new InvalidOptionError(`prompts[${i}]`, `must be a string, got ${typeof prompt}`);
  });
  const encoded: EncodedPrompt[] = [];
  for (let first = 0; first < prompts.length; first += BATCH) {
    encoded.push(...(await encodePrompts(model, prompts.slice(first, first + BATCH))));
  }
  const dimensions = encoded[0]?.states.shape[2] ?? 0;
  const pooled = new Float32Array(prompts.length * dimensions);
  encoded.forEach((prompt, row) => pooled.set(meanPoolTokens(prompt.states.data, prompt.tokens.tokenCount, dimensions), row * dimensions));
  return { prompts: [...prompts], encoded, pooled, dimensions };
}

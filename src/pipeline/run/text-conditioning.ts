import { InvalidOptionError } from '../../errors.js';
import { tensor, type Tensor } from '../math/tensor.js';
import { runTextEncoder } from '../model/components.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import type { TokenizedPrompt } from '../tokenizers/types.js';

/** A prompt's tokens and the text encoder's states for it. */
export interface EncodedPrompt {
  readonly tokens: TokenizedPrompt;
  /** `last_hidden_state`, [1, S, D]. */
  readonly states: Tensor;
}

/** What the UNet is conditioned on during a run. */
export interface Conditioning {
  /** The prompt's states [1, S, D] (given or encoded). */
  readonly cond: Tensor;
  /** The negative prompt's states, or null when guidance is off. */
  readonly uncond: Tensor | null;
  /** The prompt's tokens; null when the caller supplied the states. */
  readonly prompt: TokenizedPrompt | null;
  readonly negativePrompt: TokenizedPrompt | null;
}

function rowOf(states: Tensor, row: number): Tensor {
  const [, length, width] = states.shape as [number, number, number];
  const size = length * width;
  return tensor(states.data.slice(row * size, (row + 1) * size), [1, length, width]);
}

/**
 * Encodes prompts in one batched text-encoder call; returns each one's tokens and states. Use it
 * for embedding arithmetic, then pass a blend as `encoderHiddenStates` to `generate`.
 */
export async function encodePrompts(model: DiffusionModel, prompts: readonly string[]): Promise<EncodedPrompt[]> {
  prompts.forEach((p, i) => {
    if (typeof p !== 'string') throw new InvalidOptionError(`prompts[${i}]`, `must be a string, got ${typeof p}`);
  });
  if (prompts.length === 0) return [];
  const tokens = prompts.map((p) => model.tokenizer.encode(p));
  const states = await runTextEncoder(model.components.textEncoder, tokens.map((t) => t.ids));
  return tokens.map((t, row) => ({ tokens: t, states: rowOf(states, row) }));
}

/** Checks caller-supplied states against the shape the model's text encoder produces. */
export function checkGivenStates(model: DiffusionModel, given: Tensor): Tensor {
  const field = 'encoderHiddenStates';
  if (!given || !(given.data instanceof Float32Array) || !Array.isArray(given.shape)) {
    throw new InvalidOptionError(field, 'must be a tensor {data: Float32Array, shape}');
  }
  const width = model.components.textEncoder.graph['last_hidden_state']!.shape[2];
  const [batch, length, dim] = given.shape;
  const expected = `[1, ${model.tokenizer.maxLength}, ${typeof width === 'number' ? width : 'D'}]`;
  if (given.shape.length !== 3 || batch !== 1 || length !== model.tokenizer.maxLength || (typeof width === 'number' && dim !== width)) {
    throw new InvalidOptionError(field, `shape must be ${expected}, got [${given.shape.join(', ')}]`);
  }
  if (given.data.length !== given.shape.reduce((a, b) => a * b, 1) || !given.data.every(Number.isFinite)) {
    throw new InvalidOptionError(field, 'must hold exactly shape-many finite values');
  }
  return tensor(Float32Array.from(given.data), given.shape);
}

/**
 * The run's conditioning: the prompt (or the given states) and, when guidance is on, the
 * negative prompt — encoded together in one batched call.
 */
export async function conditionRun(
  model: DiffusionModel,
  prompt: string,
  negativePrompt: string | null,
  given: Tensor | undefined,
): Promise<Conditioning> {
  if (given) {
    const cond = checkGivenStates(model, given);
    const [negative] = negativePrompt === null ? [] : await encodePrompts(model, [negativePrompt]);
    return { cond, uncond: negative?.states ?? null, prompt: null, negativePrompt: negative?.tokens ?? null };
  }
  const texts = negativePrompt === null ? [prompt] : [negativePrompt, prompt];
  const encoded = await encodePrompts(model, texts);
  const positive = encoded[encoded.length - 1]!;
  const negative = negativePrompt === null ? null : encoded[0]!;
  return { cond: positive.states, uncond: negative?.states ?? null, prompt: positive.tokens, negativePrompt: negative?.tokens ?? null };
}

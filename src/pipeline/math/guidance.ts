/**
 * Classifier-free guidance: push the prediction away from the unconditional one and toward the
 * prompt, `uncond + s·(cond − uncond)`. As in diffusers, a scale s ≤ 1 means no guidance at all:
 * the model runs once, with the prompt, and its prediction is used as is.
 */
import { InvalidOptionError } from '../../errors.js';
import type { StepRecord } from './step-record.js';
import type { Tensor } from './tensor.js';

/**
 * Largest guidance scale accepted. Scales past a few dozen already saturate every image; far
 * larger ones overflow float32 in `s·(cond − uncond)` and end the run in NaN.
 */
export const MAX_GUIDANCE_SCALE = 1000;

/**
 * Checks a guidance scale: a number in 0…`MAX_GUIDANCE_SCALE` (0…1 all mean "prompt only").
 * @throws InvalidOptionError naming `field` otherwise.
 */
export function parseGuidanceScale(value: unknown, field = 'guidanceScale'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_GUIDANCE_SCALE) {
    throw new InvalidOptionError(field, `must be a number in 0…${MAX_GUIDANCE_SCALE}, got ${String(value)}`);
  }
  return value;
}

/** Whether this scale needs the unconditional pass too (diffusers: only when s > 1). */
export function guidanceNeedsUncond(scale: number): boolean {
  return parseGuidanceScale(scale) > 1;
}

/**
 * `uncond + s·(cond − uncond)`, element by element, rounded to float32 after each operation in
 * the order torch evaluates diffusers' expression on float32 tensors, so the guided prediction
 * matches diffusers bit for bit given the same two predictions.
 * @throws InvalidOptionError when the two predictions differ in length or the scale is invalid.
 */
export function applyGuidance(uncond: Float32Array, cond: Float32Array, scale: number): Float32Array {
  const scale32 = Math.fround(parseGuidanceScale(scale));
  if (uncond.length !== cond.length) {
    throw new InvalidOptionError('cond', `has ${cond.length} values but uncond has ${uncond.length}`);
  }
  const guided = new Float32Array(cond.length);
  for (let i = 0; i < cond.length; i++) {
    const difference = Math.fround(cond[i]! - uncond[i]!);
    guided[i] = uncond[i]! + Math.fround(scale32 * difference);
  }
  return guided;
}

/**
 * Stacks the latent twice, `[x, x]`, for one batched model call that yields both predictions
 * (unconditional half first, as diffusers orders its prompt embeddings).
 */
export function batchForGuidance(sample: Float32Array): Float32Array {
  const batched = new Float32Array(sample.length * 2);
  batched.set(sample, 0);
  batched.set(sample, sample.length);
  return batched;
}

/**
 * Splits a batched model output `[2B, …]` into its unconditional (first) and conditional
 * (second) halves. The halves are views into `batched`, not copies.
 * @throws InvalidOptionError (field `batched`) when the length is odd.
 */
export function splitGuidanceBatch(batched: Float32Array): { uncond: Float32Array; cond: Float32Array } {
  if (batched.length % 2 !== 0) {
    throw new InvalidOptionError('batched', `cannot split ${batched.length} values into two equal halves`);
  }
  const half = batched.length / 2;
  return { uncond: batched.subarray(0, half), cond: batched.subarray(half) };
}

/** The guidance part of a `StepRecord`: both predictions and the one the scheduler uses. */
export type GuidanceFields = Pick<StepRecord, 'guidanceScale' | 'noisePredUncond' | 'noisePredCond' | 'noisePred'>;

/**
 * Combines one step's predictions into the `StepRecord` guidance fields. With s ≤ 1 there is
 * no unconditional prediction (pass null) and the guided prediction is the conditional one.
 * @throws InvalidOptionError (field `uncond`) when s > 1 and `uncond` is missing, or when its
 *   shape differs from `cond`'s.
 */
export function combineGuidance(uncond: Tensor | null, cond: Tensor, scale: number): GuidanceFields {
  if (!guidanceNeedsUncond(scale)) {
    return { guidanceScale: scale, noisePredUncond: null, noisePredCond: cond, noisePred: cond };
  }
  if (uncond === null) {
    throw new InvalidOptionError('uncond', `guidance scale ${scale} > 1 needs the unconditional prediction`);
  }
  if (uncond.shape.join(',') !== cond.shape.join(',')) {
    throw new InvalidOptionError('uncond', `shape [${uncond.shape}] differs from cond's [${cond.shape}]`);
  }
  const noisePred: Tensor = { data: applyGuidance(uncond.data, cond.data, scale), shape: [...cond.shape] };
  return { guidanceScale: scale, noisePredUncond: uncond, noisePredCond: cond, noisePred };
}

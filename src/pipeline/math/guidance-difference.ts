/**
 * What classifier-free guidance multiplies: δ = ε_cond − ε_uncond, the part of the noise
 * prediction that the prompt changes. It is small beside either prediction (which is why the
 * two look alike), so a view scales it up by a round factor and says by how much.
 */
import type { StepRecord } from './step-record.js';
import { tensor, type Tensor } from './tensor.js';

/** δ of one step, and the factor that brings it to the conditional prediction's size. */
export interface GuidanceDifference {
  /** ε_cond − ε_uncond, unscaled. */
  readonly difference: Tensor;
  /** A round factor (1, 2 or 5 × 10ⁿ, at least 1) so that `scale·δ` peaks about where ε_cond does. */
  readonly scale: number;
  /** `scale·δ`, ready to draw with the same colours as the predictions. */
  readonly scaled: Tensor;
}

function maxAbs(values: Float32Array): number {
  let max = 0;
  for (const value of values) max = Math.max(max, Math.abs(value));
  return max;
}

/** The largest of 1, 2, 5 × 10ⁿ not above `ratio` (1 when the ratio is below 1 or not finite). */
export function roundScaleBelow(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(ratio));
  const mantissa = [5, 2, 1].find((m) => m * power <= ratio)!;
  return mantissa * power;
}

/** δ = ε_cond − ε_uncond of a guided step, or null when the step ran without guidance. */
export function guidanceDifference(record: StepRecord): GuidanceDifference | null {
  const uncond = record.noisePredUncond;
  if (!uncond) return null;
  const cond = record.noisePredCond.data;
  const difference = new Float32Array(cond.length);
  for (let i = 0; i < cond.length; i += 1) difference[i] = cond[i]! - uncond.data[i]!;
  const scale = roundScaleBelow(maxAbs(cond) / maxAbs(difference));
  return {
    difference: tensor(difference, record.noisePredCond.shape),
    scale,
    scaled: tensor(difference.map((value) => value * scale), record.noisePredCond.shape),
  };
}

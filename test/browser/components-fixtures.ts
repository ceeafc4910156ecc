import type { StepRecord } from '../../src/pipeline/math/step-record.js';
import type { Tensor } from '../../src/pipeline/math/tensor.js';

/**
 * Small step records for component tests that need no model: a 4×8×8 latent shrinking
 * from noise towards a smooth pattern, with σ and ᾱ following a simple decreasing schedule.
 */
export function syntheticRecords(steps = 5, guidanceScale = 7.5, offset = 0): StepRecord[] {
  const shape = [1, 4, 8, 8];
  const size = 4 * 8 * 8;
  const noise = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898 + offset) * 1.5);
  const clean = Float32Array.from({ length: size }, (_, i) => Math.cos((i % 64) / 9 + Math.floor(i / 64) + offset) * 0.8);
  const mix = (w: number): Tensor => ({ data: Float32Array.from(clean, (c, i) => (1 - w) * c + w * noise[i]!), shape });
  return Array.from({ length: steps }, (_, index) => {
    const w = 1 - index / steps;
    const next = 1 - (index + 1) / steps;
    const alphaCumprod = 0.05 + 0.9 * (index / steps);
    return {
      index,
      totalSteps: steps,
      timestep: Math.round(999 * w),
      sigma: Math.sqrt((1 - alphaCumprod) / alphaCumprod),
      alphaCumprod,
      guidanceScale,
      latentIn: mix(w),
      noisePredUncond: guidanceScale > 1 ? mix(0.9) : null,
      noisePredCond: mix(0.95),
      noisePred: { data: noise, shape },
      predictedOriginal: mix(w * 0.3),
      latentOut: mix(next),
    };
  });
}

/**
 * Synthetic step records and recording metadata for the trajectory tests (Node and browser):
 * deterministic values of recognisable size, no model involved.
 */
import type { StepRecord } from '../../src/pipeline/math/step-record.js';
import type { Tensor } from '../../src/pipeline/math/tensor.js';
import type { TrajectoryMetadata } from '../../src/pipeline/trajectory/writer.js';

/** A tiny seeded PRNG (mulberry32) so fuzzing and fixtures repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomTensor(random: () => number, shape: readonly number[]): Tensor {
  let size = 1;
  for (const dim of shape) size *= dim;
  const data = new Float32Array(size);
  for (let i = 0; i < size; i += 1) data[i] = (random() - 0.5) * 6;
  return { data, shape };
}

/** `count` steps of random latents of `shape`; guidance on (uncond present) unless `guidance` ≤ 1. */
export function syntheticSteps(count: number, shape: readonly number[] = [1, 4, 8, 8], guidance = 7.5, seed = 1): StepRecord[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => ({
    index,
    totalSteps: count,
    timestep: 999 - index * Math.floor(1000 / count),
    sigma: 14.6 / (index + 1),
    alphaCumprod: 0.0047 + index / (count + 1),
    guidanceScale: guidance,
    latentIn: randomTensor(random, shape),
    noisePredUncond: guidance > 1 ? randomTensor(random, shape) : null,
    noisePredCond: randomTensor(random, shape),
    noisePred: randomTensor(random, shape),
    predictedOriginal: randomTensor(random, shape),
    latentOut: randomTensor(random, shape),
  }));
}

/** Metadata for a run of `steps` steps. */
export function syntheticMetadata(steps: number, overrides: Partial<TrajectoryMetadata> = {}): TrajectoryMetadata {
  return {
    prompt: 'a sheep riding a motorcycle',
    negativePrompt: 'blurry',
    seed: 18446744073709551615n,
    settings: {
      steps,
      guidanceScale: 7.5,
      scheduler: { className: 'DDIMScheduler', config: { num_train_timesteps: 1000, beta_schedule: 'scaled_linear' } },
      width: 64,
      height: 64,
    },
    modelId: 'pocket',
    createdAt: '2026-01-02T03:04:05.000Z',
    ...overrides,
  };
}

import { InvalidOptionError } from '../../errors.js';
import type { ExecutionProvider } from '../io/backend.js';
import type { TimestepPlan } from '../math/schedulers/types.js';
import type { Tensor } from '../math/tensor.js';
import type { TorchGenerator } from '../math/torch-random.js';
import type { ComponentName, DiffusionModel } from '../model/diffusion-model.js';
import type { ResolvedOptions } from './generate-options.js';
import type { Conditioning } from './text-conditioning.js';

/** Everything settled before the first step: for labels, recordings and reproducing the run. */
export interface GenerationInfo extends ResolvedOptions {
  readonly modelId: string;
  /** The prompt's tokens (`truncated`, `mappedWords`…); null when `encoderHiddenStates` was given. */
  readonly promptTokens: Conditioning['prompt'];
  readonly negativePromptTokens: Conditioning['negativePrompt'];
  /** The sampler's diffusers class and full config. */
  readonly schedulerClass: string;
  readonly schedulerConfig: Readonly<Record<string, unknown>>;
  /** The model's scheduler class when it was unsupported and DDIM stood in (SD 1.5's PNDM). */
  readonly schedulerReplaced: string | null;
  readonly plan: TimestepPlan;
  /** Latent shape [1, C, height/f, width/f]. */
  readonly latentShape: readonly number[];
  /** x_T: the initial latent (torch-compatible noise × initial σ). */
  readonly initialLatent: Tensor;
  /** Where each graph runs. */
  readonly providers: Readonly<Partial<Record<ComponentName, ExecutionProvider>>>;
}

/** The latent shape for an image size. */
export function latentShapeFor(model: DiffusionModel, width: number, height: number): number[] {
  const f = model.config.vaeScaleFactor;
  return [1, model.config.latentChannels, height / f, width / f];
}

/**
 * Refuses sizes the UNet graph cannot take: exports with fixed spatial dimensions (the pocket
 * model's 16×16 latents) only run at their native size.
 */
export function checkLatentSize(model: DiffusionModel, latentShape: readonly number[]): void {
  const declared = model.components.unet.graph['sample']!.shape;
  const f = model.config.vaeScaleFactor;
  (['height', 'width'] as const).forEach((field, i) => {
    const fixed = declared[2 + i];
    if (typeof fixed === 'number' && fixed > 0 && fixed !== latentShape[2 + i]) {
      throw new InvalidOptionError(field, `this model's UNet only takes ${fixed * f} pixels (${fixed} latent cells), got ${latentShape[2 + i]! * f}`);
    }
  });
}

/** Diffusers' prepare_latents: torch-compatible N(0, 1) noise from the seeded generator, times the initial σ. */
export function initialNoise(generator: TorchGenerator, shape: readonly number[], plan: TimestepPlan): Float32Array {
  return scaleInitialNoise(generator.randn(shape), plan);
}

/** x_T from an N(0, 1) draw: a copy times the plan's initial σ, in float32 as torch multiplies. */
export function scaleInitialNoise(unitNoise: Float32Array, plan: TimestepPlan): Float32Array {
  const noise = Float32Array.from(unitNoise);
  const sigma = Math.fround(plan.initNoiseSigma);
  if (sigma !== 1) for (let i = 0; i < noise.length; i++) noise[i] = Math.fround(noise[i]! * sigma);
  return noise;
}

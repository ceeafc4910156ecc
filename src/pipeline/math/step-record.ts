import type { Tensor } from './tensor.js';
import type { RgbaImage } from '../image/rgba-image.js';

/**
 * Everything that happened in one denoising step. The whole library passes these around:
 * the pipeline yields them, widgets draw them, recordings store them.
 */
export interface StepRecord {
  /** 0-based step number within the run. */
  readonly index: number;
  /** Total steps in the run. */
  readonly totalSteps: number;
  /** The timestep given to the model. */
  readonly timestep: number;
  /** Noise level σ at this step (see `TimestepPlan.sigmas`). */
  readonly sigma: number;
  /** ᾱ (alphas_cumprod) at this step's timestep. */
  readonly alphaCumprod: number;
  /** Guidance scale used for this step. */
  readonly guidanceScale: number;
  /** The latent the step started from (x_t), unscaled. */
  readonly latentIn: Tensor;
  /** The model's prediction without the prompt; null when guidance was off (scale ≤ 1). */
  readonly noisePredUncond: Tensor | null;
  /** The model's prediction with the prompt. */
  readonly noisePredCond: Tensor;
  /** The prediction the scheduler used: uncond + s·(cond − uncond), or cond when s ≤ 1. */
  readonly noisePred: Tensor;
  /** x̂₀: the predicted clean latent at this step. */
  readonly predictedOriginal: Tensor;
  /** x_{t−1}: the latent after the step. */
  readonly latentOut: Tensor;
  /**
   * The VAE decode of x̂₀ — the picture the model expects at this step — when the run asked
   * for it (`generate`'s `decodeSteps`) or the recording stored it.
   */
  readonly decodedImage?: RgbaImage;
  /**
   * Extra UNet outputs of the prompt's (conditional) row, [1, …] each, when the run asked for
   * them (`generateWithAttention`: the cross-attention maps). Recordings do not store them.
   */
  readonly unetOutputs?: Readonly<Record<string, Tensor>>;
}

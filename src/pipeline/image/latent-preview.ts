import { LatentExplorablesError } from '../../errors.js';
import { SD1X_LATENT_RGB } from '../model/latent-rgb.js';
import type { Tensor } from '../math/tensor.js';
import type { RgbaImage } from './rgba-image.js';
import { nchwDimensions, unitRangeToByte } from './tensor-to-rgba.js';

/**
 * A linear map from latent channels to RGB: rgb[c] = Σₖ latent[k]·weights[k·3 + c] + bias[c],
 * giving values in about [-1, 1]. A cheap stand-in for the VAE decoder that shows what a
 * latent looks like at every step (at latent resolution). A loaded model's `latentRgb`
 * (its fitted `latent_rgb.json`, or the SD 1.x fallback) has exactly this shape.
 */
export interface LatentRgbFactors {
  /** channels × 3, row-major: row k is channel k's contribution to R, G, B. */
  readonly weights: Float32Array;
  /** Length 3. */
  readonly bias: Float32Array;
  /** Number of latent channels; defaults to weights.length / 3. */
  readonly channels?: number;
}

/**
 * The published Stable Diffusion 1.x factors, for latents of the denoising loop (already
 * multiplied by the VAE scaling factor) — the same constants the model loader falls back to
 * when a model ships no `latent_rgb.json`, kept in one place there.
 */
export const SD1_LATENT_RGB_FACTORS: LatentRgbFactors = {
  channels: 4,
  weights: SD1X_LATENT_RGB.weights,
  bias: SD1X_LATENT_RGB.bias,
};

/** The preview as a [1, 3, H, W] tensor in about [-1, 1], for further processing. */
export function latentToRgbTensor(latent: Tensor, factors: LatentRgbFactors, options: { batch?: number } = {}): Tensor {
  const batch = options.batch ?? 0;
  const { channels, height, width } = nchwDimensions(latent, batch, 'latent');
  const factorChannels = factors.channels ?? factors.weights.length / 3;
  if (channels !== factorChannels || factors.weights.length !== channels * 3 || factors.bias.length !== 3) {
    throw new LatentExplorablesError('invalid-option', `latent: ${channels} channels, but the RGB factors are for ${factorChannels}`, { field: 'latent' });
  }
  const plane = height * width;
  const base = batch * channels * plane;
  const out = new Float32Array(3 * plane);
  for (let colour = 0; colour < 3; colour += 1) {
    const target = out.subarray(colour * plane, (colour + 1) * plane);
    target.fill(factors.bias[colour]!);
    for (let k = 0; k < channels; k += 1) {
      const weight = factors.weights[k * 3 + colour]!;
      const source = base + k * plane;
      for (let pixel = 0; pixel < plane; pixel += 1) target[pixel] += weight * latent.data[source + pixel]!;
    }
  }
  return { data: out, shape: [1, 3, height, width] };
}

/** The linear latent→RGB preview of one latent (at latent resolution) as RGBA bytes. */
export function latentToRgbPreview(latent: Tensor, factors: LatentRgbFactors, options: { batch?: number } = {}): RgbaImage {
  const rgb = latentToRgbTensor(latent, factors, options);
  const plane = rgb.data.length / 3;
  const data = new Uint8ClampedArray(plane * 4);
  for (let pixel = 0; pixel < plane; pixel += 1) {
    data[pixel * 4] = unitRangeToByte(rgb.data[pixel]!);
    data[pixel * 4 + 1] = unitRangeToByte(rgb.data[plane + pixel]!);
    data[pixel * 4 + 2] = unitRangeToByte(rgb.data[2 * plane + pixel]!);
    data[pixel * 4 + 3] = 255;
  }
  return { width: rgb.shape[3]!, height: rgb.shape[2]!, data };
}

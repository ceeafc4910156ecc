import { LatentExplorablesError } from '../../errors.js';
import type { Tensor } from '../math/tensor.js';
import type { RgbaImage } from './rgba-image.js';
import { nchwDimensions, unitRangeToByte } from './tensor-to-rgba.js';

/**
 * A linear map from latent channels to RGB: rgb[c] = Σₖ latent[k]·weights[k][c] + bias[c],
 * giving values in about [-1, 1]. A cheap stand-in for the VAE decoder that shows what a
 * latent looks like at every step (at latent resolution).
 */
export interface LatentRgbFactors {
  /** Number of latent channels. */
  readonly channels: number;
  /** channels × 3, row-major: row k is channel k's contribution to R, G, B. */
  readonly weights: Float32Array;
  /** Length 3. */
  readonly bias: Float32Array;
}

/**
 * The widely used approximation for Stable Diffusion 1.x latents (the latents of the
 * denoising loop, already multiplied by the VAE's scaling factor), as published by the
 * community; no bias.
 */
export const SD1_LATENT_RGB_FACTORS: LatentRgbFactors = {
  channels: 4,
  weights: Float32Array.of(
    0.298, 0.207, 0.208,
    0.187, 0.286, 0.173,
    -0.158, 0.189, 0.264,
    -0.184, -0.271, -0.473,
  ),
  bias: new Float32Array(3),
};

/**
 * Reads a `latent_rgb.json` (`{ "weights": [[r, g, b], …one row per channel], "bias": [r, g, b] }`)
 * as the pocket model ships it. Throws a `LatentExplorablesError` (code `"invalid-model-file"`)
 * naming the file and key on any shape or value problem.
 */
export function parseLatentRgbFactors(json: unknown, file = 'latent_rgb.json'): LatentRgbFactors {
  const fail = (key: string, message: string): never => {
    throw new LatentExplorablesError('invalid-model-file', `${file}: ${key} ${message}`, { field: `${file}:${key}` });
  };
  const finiteRow = (value: unknown, key: string): number[] => {
    if (!Array.isArray(value) || value.length !== 3) return fail(key, 'must be an array of 3 numbers');
    return value.map((item, i) => (typeof item === 'number' && Number.isFinite(item) ? item : fail(`${key}[${i}]`, 'must be a finite number')));
  };
  if (typeof json !== 'object' || json === null) return fail('(root)', 'must be an object');
  const { weights, bias } = json as { weights?: unknown; bias?: unknown };
  if (!Array.isArray(weights) || weights.length === 0 || weights.length > 64) {
    return fail('weights', 'must be an array with one [r, g, b] row per latent channel');
  }
  return {
    channels: weights.length,
    weights: Float32Array.from(weights.flatMap((row, k) => finiteRow(row, `weights[${k}]`))),
    bias: Float32Array.from(bias === undefined ? [0, 0, 0] : finiteRow(bias, 'bias')),
  };
}

/** The preview as a [1, 3, H, W] tensor in about [-1, 1], for further processing. */
export function latentToRgbTensor(latent: Tensor, factors: LatentRgbFactors, options: { batch?: number } = {}): Tensor {
  const batch = options.batch ?? 0;
  const { channels, height, width } = nchwDimensions(latent, batch, 'latent');
  if (channels !== factors.channels) {
    throw new LatentExplorablesError('invalid-option', `latent: ${channels} channels, but the RGB factors are for ${factors.channels}`, { field: 'latent' });
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

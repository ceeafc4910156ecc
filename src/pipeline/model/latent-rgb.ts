import { ModelLoadError } from './errors.js';

/**
 * A linear map from a latent cell (UNet latent space, 4 channels) to RGB in about −1…1:
 * rgb[k] = bias[k] + Σ_c latent[c]·weights[c·3 + k]. A cheap per-step preview.
 */
export interface LatentRgb {
  /** channels × 3, row-major (one row per latent channel). */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Where the factors come from. */
  readonly source: 'model' | 'sd1x-published';
}

/**
 * The widely used SD 1.x factors (as published with ComfyUI's latent previews), for UNet-space
 * latents, i.e. already multiplied by the VAE scaling factor.
 */
export const SD1X_LATENT_RGB: LatentRgb = {
  weights: Float32Array.of(0.3512, 0.2297, 0.3227, 0.325, 0.4974, 0.235, -0.2829, 0.1762, 0.2721, -0.212, -0.2616, -0.7177),
  bias: new Float32Array(3),
  source: 'sd1x-published',
};

/** Checks a parsed `latent_rgb.json` ({weights: C×3, bias: [3]}) against the latent's channel count. */
export function parseLatentRgb(value: unknown, channels: number, file = 'latent_rgb.json'): LatentRgb {
  const { weights, bias } = (value ?? {}) as { weights?: unknown; bias?: unknown };
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (!Array.isArray(weights) || weights.length !== channels || !weights.every((row) => Array.isArray(row) && row.length === 3 && row.every(finite))) {
    throw new ModelLoadError(file, `weights must be ${channels} rows of 3 finite numbers`);
  }
  const biasValues = bias === undefined ? [0, 0, 0] : bias;
  if (!Array.isArray(biasValues) || biasValues.length !== 3 || !biasValues.every(finite)) {
    throw new ModelLoadError(file, 'bias must be 3 finite numbers');
  }
  return { weights: Float32Array.from((weights as number[][]).flat()), bias: Float32Array.from(biasValues as number[]), source: 'model' };
}

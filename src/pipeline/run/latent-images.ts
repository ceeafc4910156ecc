import { InvalidOptionError } from '../../errors.js';
import type { RgbaImage } from '../image/rgba-image.js';
import { tensorToRgba } from '../image/tensor-to-rgba.js';
import { latentToRgbPreview } from '../image/latent-preview.js';
import { tensor, type Tensor } from '../math/tensor.js';
import { runVaeDecoder, runVaeEncoder } from '../model/components.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import { assertUsable } from './model-guard.js';

/** Planar float RGB [1, 3, H, W] in about −1…1 → 8-bit RGBA, as diffusers post-processes ((x/2 + 0.5) clamped, ×255, rounded). */
export function planarToRgba(planes: Float32Array, width: number, height: number): RgbaImage {
  return tensorToRgba(tensor(planes, [1, 3, height, width]));
}

/** 8-bit RGBA → planar float RGB [1, 3, H, W] in −1…1, the VAE encoder's input. */
export function rgbaToPlanar(image: RgbaImage): Tensor {
  const pixels = image.width * image.height;
  const planes = new Float32Array(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    for (let k = 0; k < 3; k++) planes[k * pixels + i] = (image.data[i * 4 + k]! / 255) * 2 - 1;
  }
  return tensor(planes, [1, 3, image.height, image.width]);
}

function checkLatent(model: DiffusionModel, latent: Tensor, field: string): void {
  const shape = latent?.shape;
  if (!latent || !(latent.data instanceof Float32Array) || !Array.isArray(shape) || shape.length !== 4 || shape[0] !== 1 || shape[1] !== model.config.latentChannels) {
    throw new InvalidOptionError(field, `must be a latent tensor of shape [1, ${model.config.latentChannels}, h, w]`);
  }
  if (latent.data.length !== shape.reduce((a, b) => a * b, 1) || !latent.data.every(Number.isFinite)) {
    throw new InvalidOptionError(field, 'must hold exactly shape-many finite values');
  }
}

/**
 * Full VAE decode of any latent in the UNet's space — a step's x_t, x̂₀ or the final latent —
 * into an image (divides by the VAE scaling factor first, as diffusers does).
 */
export async function decodeLatent(model: DiffusionModel, latent: Tensor): Promise<RgbaImage> {
  assertUsable(model);
  checkLatent(model, latent, 'latent');
  // float32 arithmetic, as torch divides a float32 tensor by the Python scalar.
  const scale = Math.fround(model.config.vaeScalingFactor);
  const vaeLatent = tensor(latent.data.map((v) => v / scale), latent.shape);
  const image = await runVaeDecoder(model.components.vaeDecoder, vaeLatent);
  const [, , height, width] = image.shape as [number, number, number, number];
  return planarToRgba(image.data, width, height);
}

/** Encodes an image into the UNet's latent space (VAE encoder, then × scaling factor). */
export async function encodeImage(model: DiffusionModel, image: RgbaImage): Promise<Tensor> {
  assertUsable(model);
  const encoder = model.components.vaeEncoder;
  if (!encoder) throw new InvalidOptionError('model', 'has no VAE encoder (vae_encoder/model.onnx), so it cannot encode images');
  const f = model.config.vaeScaleFactor;
  const ok = image && image.data instanceof Uint8ClampedArray && image.data.length === image.width * image.height * 4;
  if (!ok || image.width <= 0 || image.height <= 0) throw new InvalidOptionError('image', 'must be an RGBA image {width, height, data}');
  if (image.width % f !== 0 || image.height % f !== 0) {
    throw new InvalidOptionError('image', `size ${image.width}×${image.height} must be a multiple of the VAE factor ${f}`);
  }
  const latent = await runVaeEncoder(encoder, rgbaToPlanar(image));
  const scale = Math.fround(model.config.vaeScalingFactor);
  return tensor(latent.data.map((v) => v * scale), latent.shape);
}

/**
 * A cheap preview of a latent: the linear latent→RGB map (the model's fitted `latent_rgb.json`,
 * or the published SD 1.x factors), one pixel per latent cell.
 */
export function previewLatent(model: DiffusionModel, latent: Tensor): RgbaImage {
  checkLatent(model, latent, 'latent');
  return latentToRgbPreview(latent, model.latentRgb);
}

import { latentToRgbPreview } from '../image/latent-preview.js';
import type { RgbaImage } from '../image/rgba-image.js';
import type { Tensor } from '../math/tensor.js';
import type { Trajectory } from './reader.js';

/**
 * The cheap latent→RGB preview of one of a recording's latents (x_t, x̂₀…), with no model: in
 * the recording model's colours — the same image `previewLatent(model, latent)` showed live —
 * or, for recordings made before the factors were stored, SD 1.x's.
 */
export function previewRecordedLatent(trajectory: Pick<Trajectory, 'latentRgb'>, latent: Tensor): RgbaImage {
  return latentToRgbPreview(latent, trajectory.latentRgb);
}

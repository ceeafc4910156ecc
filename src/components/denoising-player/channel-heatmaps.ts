import type { Tensor } from '../../pipeline/math/tensor.js';
import type { HeatmapData } from '../shared/render-heatmap.js';

/**
 * Splits a latent ([1, C, H, W] or [C, H, W]) into one heatmap per channel. The channels are
 * views on the tensor's data, not copies, so scrubbing allocates nothing.
 */
export function channelHeatmaps(latent: Tensor): HeatmapData[] {
  const shape = latent.shape.length === 4 ? latent.shape.slice(1) : latent.shape;
  if (shape.length !== 3) throw new RangeError(`channelHeatmaps: expected [1, C, H, W], got [${latent.shape.join(', ')}]`);
  const [channels, rows, cols] = shape as [number, number, number];
  const size = rows * cols;
  return Array.from({ length: channels }, (_, channel) => ({
    values: latent.data.subarray(channel * size, (channel + 1) * size),
    rows,
    cols,
  }));
}

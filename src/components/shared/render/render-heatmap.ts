import type { Selection } from 'd3';
import type { Tensor } from '../../../pipeline/math/tensor.js';
import { channelHeatmap, channelMagnitude } from '../../../pipeline/image/heatmap.js';
import { renderImageCell } from './render-image-cell.js';

/**
 * Paints one channel of an NCHW tensor (a latent channel, or a [1, 1, tokens, width]
 * embedding matrix) as a diverging heatmap, one pixel per value (CSS scales it up).
 * `range` is the |value| at full colour: pass one shared value to compare several maps.
 */
export function renderHeatmap(
  canvas: Selection<HTMLCanvasElement, unknown, null, undefined>,
  tensor: Tensor,
  channel: number,
  range: number,
  alt: string,
): void {
  renderImageCell(canvas, channelHeatmap(tensor, channel, { range }), alt);
}

/** The largest |value| over all channels of item 0, for one colour scale shared by every map. */
export function sharedRange(tensor: Tensor): number {
  let largest = 0;
  for (let channel = 0; channel < (tensor.shape[1] ?? 0); channel += 1) {
    largest = Math.max(largest, channelMagnitude(tensor, channel));
  }
  return largest;
}

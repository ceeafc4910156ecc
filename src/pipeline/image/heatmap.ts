import { InvalidOptionError } from '../../errors.js';
import type { Tensor } from '../math/tensor.js';
import type { RgbaImage } from './rgba-image.js';
import { nchwDimensions } from './tensor-to-rgba.js';

/** Endpoints of the diverging colour scale: negative, zero, positive (sRGB bytes). */
const NEGATIVE = [33, 102, 172] as const;
const ZERO = [247, 247, 247] as const;
const POSITIVE = [178, 24, 43] as const;

/**
 * A diverging colour for `t` in [-1, 1]: blue for negative, near-white at 0, red for
 * positive — so a latent channel's sign and size both read at a glance. Clamps outside.
 */
export function divergingColour(t: number): [number, number, number] {
  const clamped = Number.isNaN(t) ? 0 : Math.max(-1, Math.min(1, t));
  const end = clamped < 0 ? NEGATIVE : POSITIVE;
  const amount = Math.abs(clamped);
  return [0, 1, 2].map((i) => Math.round(ZERO[i]! + (end[i]! - ZERO[i]!) * amount)) as [number, number, number];
}

/** Options for `channelHeatmap`. */
export interface HeatmapOptions {
  /** Which item of the batch (default 0). */
  readonly batch?: number;
  /**
   * The magnitude drawn at full colour. Default: the channel's own largest |value|, so
   * each map uses its whole scale; pass a fixed value to compare channels or steps.
   */
  readonly range?: number;
}

/** Largest |value| of one channel plane (0 for an all-zero plane). */
export function channelMagnitude(tensor: Tensor, channel: number, batch = 0): number {
  const { channels, height, width } = nchwDimensions(tensor, batch, 'tensor');
  const plane = height * width;
  const start = (batch * channels + channel) * plane;
  let largest = 0;
  for (let i = start; i < start + plane; i += 1) largest = Math.max(largest, Math.abs(tensor.data[i]!));
  return largest;
}

/** One channel of an NCHW tensor as a diverging-colour heatmap, one pixel per element. */
export function channelHeatmap(tensor: Tensor, channel: number, options: HeatmapOptions = {}): RgbaImage {
  const batch = options.batch ?? 0;
  const { channels, height, width } = nchwDimensions(tensor, batch, 'tensor');
  if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
    throw new InvalidOptionError('channel', `${channel} is not one of the tensor's ${channels} channels`);
  }
  const range = options.range ?? channelMagnitude(tensor, channel, batch);
  if (!Number.isFinite(range) || range < 0) throw new InvalidOptionError('range', `${range} must be a finite number ≥ 0`);
  const plane = height * width;
  const start = (batch * channels + channel) * plane;
  const data = new Uint8ClampedArray(plane * 4);
  for (let pixel = 0; pixel < plane; pixel += 1) {
    const value = tensor.data[start + pixel]!;
    const [r, g, b] = divergingColour(range === 0 ? 0 : value / range);
    data.set([r, g, b, 255], pixel * 4);
  }
  return { width, height, data };
}

import { InvalidOptionError } from '../../errors.js';
import type { Tensor } from '../math/tensor.js';
import type { RgbaImage } from './rgba-image.js';

/** Maps a value in [-1, 1] to a byte in 0…255, clamping outside and rounding to nearest. */
export function unitRangeToByte(value: number): number {
  const byte = Math.round((value + 1) * 127.5);
  return byte < 0 ? 0 : byte > 255 ? 255 : byte;
}

/** Checks a tensor is [N, C, H, W] with a valid batch index; returns its dimensions. */
export function nchwDimensions(tensor: Tensor, batch: number, field: string): { channels: number; height: number; width: number } {
  if (tensor.shape.length !== 4) {
    throw new InvalidOptionError(field, `expected an [N, C, H, W] tensor, got [${tensor.shape.join(', ')}]`);
  }
  const [count, channels, height, width] = tensor.shape as [number, number, number, number];
  if (!Number.isInteger(batch) || batch < 0 || batch >= count) {
    throw new InvalidOptionError('batch', `${batch} is not an index into a batch of ${count}`);
  }
  return { channels, height, width };
}

/**
 * Turns a decoded image tensor — NCHW, values in [-1, 1] as a VAE decoder produces them —
 * into RGBA bytes. One channel becomes grey; three or more use the first three as RGB.
 */
export function tensorToRgba(tensor: Tensor, options: { batch?: number } = {}): RgbaImage {
  const batch = options.batch ?? 0;
  const { channels, height, width } = nchwDimensions(tensor, batch, 'image');
  if (channels !== 1 && channels < 3) {
    throw new InvalidOptionError('image', `${channels} channels: expected 1 (grey) or 3 (RGB)`);
  }
  const plane = height * width;
  const base = batch * channels * plane;
  const sources = channels === 1 ? [base, base, base] : [base, base + plane, base + 2 * plane];
  const data = new Uint8ClampedArray(plane * 4);
  for (let pixel = 0; pixel < plane; pixel += 1) {
    data[pixel * 4] = unitRangeToByte(tensor.data[sources[0]! + pixel]!);
    data[pixel * 4 + 1] = unitRangeToByte(tensor.data[sources[1]! + pixel]!);
    data[pixel * 4 + 2] = unitRangeToByte(tensor.data[sources[2]! + pixel]!);
    data[pixel * 4 + 3] = 255;
  }
  return { width, height, data };
}

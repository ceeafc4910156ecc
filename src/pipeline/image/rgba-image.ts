import { InvalidOptionError } from '../../errors.js';

/**
 * An 8-bit RGBA raster, row-major, top row first — the same fields as the DOM's
 * `ImageData`, so one can be handed to `new ImageData(image.data, image.width)` directly.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, straight (not premultiplied) alpha. */
  readonly data: Uint8ClampedArray;
}

/** An image of the given size filled with one colour (RGBA bytes, default opaque black). */
export function solidImage(width: number, height: number, rgba: readonly number[] = [0, 0, 0, 255]): RgbaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new InvalidOptionError('size', `${width}×${height} is not an image size`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
}

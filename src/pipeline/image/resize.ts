import { InvalidOptionError } from '../../errors.js';
import type { RgbaImage } from './rgba-image.js';

/**
 * Enlarges an image by a whole factor, each pixel becoming a factor × factor block — keeps
 * small latent-resolution previews crisp instead of blurring them.
 */
export function scaleNearest(image: RgbaImage, factor: number): RgbaImage {
  if (!Number.isInteger(factor) || factor < 1 || factor > 64) {
    throw new InvalidOptionError('scale', `${factor} must be an integer in 1…64`);
  }
  if (factor === 1) return image;
  const width = image.width * factor;
  const height = image.height * factor;
  // Whole pixels as 32-bit words; a view needs 4-byte alignment, so copy when it is missing.
  const pixels = image.data.byteOffset % 4 === 0 ? image.data : image.data.slice();
  const source = new Uint32Array(pixels.buffer, pixels.byteOffset, image.width * image.height);
  const target = new Uint32Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const sourceRow = Math.floor(y / factor) * image.width;
    for (let x = 0; x < width; x += 1) target[y * width + x] = source[sourceRow + Math.floor(x / factor)]!;
  }
  return { width, height, data: new Uint8ClampedArray(target.buffer) };
}

import { LatentExplorablesError } from '../../errors.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';

/**
 * A file the reader dropped or picked could not become the model's input image: it is not an
 * image (`code` "not-an-image") or the browser could not decode it ("image-decode-failed").
 * `field` is "file"; the message names the file.
 */
export class ImageFileError extends LatentExplorablesError {
  constructor(code: 'not-an-image' | 'image-decode-failed', message: string, options: { cause?: unknown } = {}) {
    super(code, message, { field: 'file', ...options });
  }
}

/** The part of a source image that is kept: the centred square, as drawImage's source rectangle. */
export interface CropRect {
  readonly x: number;
  readonly y: number;
  readonly side: number;
}

/** The largest centred square of a width × height image (the model draws square images). */
export function centredSquare(width: number, height: number): CropRect {
  const side = Math.min(width, height);
  return { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
}

/**
 * Decodes an image file into a bitmap the caller must `close()`. Rejects with an
 * `ImageFileError` for anything that is not a decodable image (checked by MIME type first,
 * then by decoding, since a `.png` name or type proves nothing).
 */
export async function decodeImageFile(file: Blob & { name?: string }): Promise<ImageBitmap> {
  const name = file.name ? `"${file.name}"` : 'The file';
  if (!file.type.startsWith('image/')) {
    throw new ImageFileError('not-an-image', `${name} is not an image (type ${file.type || 'unknown'}); use a PNG, JPEG, WebP or GIF`);
  }
  try {
    return await createImageBitmap(file);
  } catch (cause) {
    throw new ImageFileError('image-decode-failed', `${name} could not be decoded as an image`, { cause });
  }
}

/** Fits a bitmap to the model: the centred square, scaled to `size` × `size` with the browser's smoothing. */
export function fitToSquare(bitmap: ImageBitmap, size: number): RgbaImage {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ImageFileError('image-decode-failed', 'no 2D canvas is available to resize the image');
  const crop = centredSquare(bitmap.width, bitmap.height);
  // Transparent pixels become white, as the image looks on a page, not black RGB behind alpha 0.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size, size);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, crop.x, crop.y, crop.side, crop.side, 0, 0, size, size);
  const { data } = context.getImageData(0, 0, size, size);
  return { width: size, height: size, data };
}

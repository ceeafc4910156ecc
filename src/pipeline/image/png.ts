import { InvalidOptionError } from '../../errors.js';
import { crc32 } from './crc32.js';
import { filterScanlines } from './png-filters.js';
import type { RgbaImage } from './rgba-image.js';
import { zlibStore } from './zlib-store.js';

/** Turns bytes into a zlib (RFC 1950) stream, e.g. Node's `zlib.deflateSync`. */
export type ZlibCompressor = (bytes: Uint8Array) => Uint8Array;

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** One PNG chunk: length, type, data, CRC over type + data. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** IHDR data: RGBA, 8 bits per channel, not interlaced. */
export function pngHeader(width: number, height: number): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data[8] = 8; // bits per channel
  data[9] = 6; // colour type: RGBA
  // compression 0, filter method 0, no interlace: bytes 10–12 stay zero
  return data;
}

/**
 * Encodes an RGBA image as a PNG file. Pure and synchronous, so it runs in browsers and
 * Node alike. With no `compress`, pixels are stored uncompressed (valid, but large);
 * Node callers pass `zlib.deflateSync` and get adaptive row filters for a small file.
 */
export function encodePng(image: RgbaImage, compress?: ZlibCompressor): Uint8Array {
  const { width, height } = image;
  const scanlines = filterScanlines(pngPixels(image), width, height, compress !== undefined);
  const parts = [PNG_SIGNATURE, pngChunk('IHDR', pngHeader(width, height)), pngChunk('IDAT', (compress ?? zlibStore)(scanlines)), pngChunk('IEND', new Uint8Array(0))];
  return concatBytes(parts);
}

/** The image's bytes, once its size is checked to be a PNG's and filled by its data. */
export function pngPixels(image: RgbaImage): Uint8Array {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 2 ** 31 - 1 || height > 2 ** 31 - 1) {
    throw new InvalidOptionError('image', `${width}×${height} is not a PNG size`);
  }
  if (data.length !== width * height * 4) {
    throw new InvalidOptionError('image', `${data.length} bytes do not fill ${width}×${height} RGBA`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** The parts one after the other in a new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let position = 0;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return out;
}

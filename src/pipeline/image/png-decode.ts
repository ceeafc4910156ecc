/**
 * Reads back the PNGs `encodePng` writes (RGBA8, non-interlaced), synchronously and with no
 * dependency, for pictures stored inside recordings. Strict: the size must be the one the
 * caller expects, every chunk's CRC must match, and anything else is a `PngDecodeError`.
 */
import { crc32 } from './crc32.js';
import { InflateError, inflateZlib } from './inflate.js';
import { unfilterScanlines } from './png-filters.js';
import type { RgbaImage } from './rgba-image.js';

/** A PNG that is damaged, of another kind than RGBA8, or of an unexpected size. */
export class PngDecodeError extends Error {
  override readonly name = 'PngDecodeError';
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Decodes `bytes`, which must be a `width`×`height` RGBA8 PNG. */
export function decodePng(bytes: Uint8Array, width: number, height: number): RgbaImage {
  if (bytes.length < SIGNATURE.length || !SIGNATURE.every((byte, i) => bytes[i] === byte)) throw new PngDecodeError('not a PNG (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let position = SIGNATURE.length;
  let sawHeader = false;
  for (;;) {
    if (position + 12 > bytes.length) throw new PngDecodeError('the PNG ends before its IEND chunk');
    const length = view.getUint32(position);
    if (length > bytes.length - position - 12) throw new PngDecodeError('a chunk runs past the end of the PNG');
    const type = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
    const data = bytes.subarray(position + 8, position + 8 + length);
    if (crc32(bytes.subarray(position + 4, position + 8 + length)) !== view.getUint32(position + 8 + length)) {
      throw new PngDecodeError(`the ${JSON.stringify(type)} chunk's CRC does not match`);
    }
    position += 12 + length;
    if (!sawHeader) {
      if (type !== 'IHDR' || length !== 13) throw new PngDecodeError('the PNG does not start with IHDR');
      const header = new DataView(data.buffer, data.byteOffset, 13);
      const [w, h] = [header.getUint32(0), header.getUint32(4)];
      if (w !== width || h !== height) throw new PngDecodeError(`the PNG is ${w}×${h}, not ${width}×${height}`);
      if (data[8] !== 8 || data[9] !== 6 || data[10] !== 0 || data[11] !== 0 || data[12] !== 0) {
        throw new PngDecodeError('the PNG is not 8-bit non-interlaced RGBA');
      }
      sawHeader = true;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  if (position !== bytes.length) throw new PngDecodeError('bytes follow the IEND chunk');
  const compressed = new Uint8Array(idat.reduce((total, part) => total + part.length, 0));
  idat.reduce((offset, part) => (compressed.set(part, offset), offset + part.length), 0);
  try {
    const scanlines = inflateZlib(compressed, height * (width * 4 + 1));
    return { width, height, data: new Uint8ClampedArray(unfilterScanlines(scanlines, width, height).buffer) };
  } catch (error) {
    if (error instanceof InflateError || error instanceof RangeError) throw new PngDecodeError(`pixel data: ${error.message}`);
    throw error;
  }
}

import { InvalidOptionError } from '../../errors.js';
import { filterScanlines } from './png-filters.js';
import { PNG_SIGNATURE, concatBytes, pngChunk, pngHeader, pngPixels, type ZlibCompressor } from './png.js';
import type { RgbaImage } from './rgba-image.js';
import { zlibStore } from './zlib-store.js';

/** How an animated PNG plays. */
export interface ApngOptions {
  /** How long each frame shows, in milliseconds (default 200); one value, or one per frame. */
  readonly delayMs?: number | readonly number[];
  /** Times to play, 0 = for ever (default). */
  readonly loops?: number;
  /** See `encodePng`: uncompressed when absent. */
  readonly compress?: ZlibCompressor;
}

/** Most frames one animation holds (a 200-step run is the most an element makes). */
export const MAX_APNG_FRAMES = 1000;

function uint32s(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => view.setUint32(i * 4, value));
  return out;
}

/** fcTL: where frame `sequence` goes, for how long, and that it replaces the whole canvas. */
function frameControl(sequence: number, width: number, height: number, delayMs: number): Uint8Array {
  const data = new Uint8Array(26);
  const view = new DataView(data.buffer);
  view.setUint32(0, sequence);
  view.setUint32(4, width);
  view.setUint32(8, height);
  // x and y offsets stay 0: every frame covers the canvas.
  view.setUint16(20, Math.round(delayMs));
  view.setUint16(22, 1000); // delay = delay_num / 1000 s
  // dispose_op 0 (none) and blend_op 0 (source): each frame is drawn whole, alpha included.
  return data;
}

/**
 * Encodes equal-sized frames as an animated PNG (APNG): the first frame is the file's
 * ordinary image, so viewers without APNG show it still. Pure and synchronous, like
 * `encodePng`; every slide tool and browser that shows PNGs shows this one.
 */
export function encodeApng(frames: readonly RgbaImage[], options: ApngOptions = {}): Uint8Array {
  const compress = options.compress ?? zlibStore;
  return assembleApng(frames, options, (frame) => compress(filterScanlines(pngPixels(frame), frame.width, frame.height, options.compress !== undefined)));
}

function assembleApng(frames: readonly RgbaImage[], options: Omit<ApngOptions, 'compress'>, frameData: (frame: RgbaImage, index: number) => Uint8Array): Uint8Array {
  const first = frames[0];
  if (!first) throw new InvalidOptionError('frames', 'an animation needs at least one frame');
  if (frames.length > MAX_APNG_FRAMES) throw new InvalidOptionError('frames', `${frames.length} frames, at most ${MAX_APNG_FRAMES}`);
  const { width, height } = first;
  const delays = options.delayMs ?? 200;
  if (typeof delays !== 'number' && delays.length !== frames.length) throw new InvalidOptionError('delayMs', `${delays.length} delays for ${frames.length} frames`);
  const loops = options.loops ?? 0;
  if (!Number.isInteger(loops) || loops < 0) throw new InvalidOptionError('loops', `${loops} is not a whole number of plays`);
  const parts = [PNG_SIGNATURE, pngChunk('IHDR', pngHeader(width, height)), pngChunk('acTL', uint32s(frames.length, loops))];
  let sequence = 0;
  frames.forEach((frame, i) => {
    if (frame.width !== width || frame.height !== height) throw new InvalidOptionError(`frames[${i}]`, `is ${frame.width}×${frame.height}, the first frame is ${width}×${height}`);
    const delay = typeof delays === 'number' ? delays : delays[i]!;
    if (!(delay >= 0 && delay <= 65_535)) throw new InvalidOptionError('delayMs', `${delay} is outside 0…65535 ms`);
    parts.push(pngChunk('fcTL', frameControl(sequence++, width, height, delay)));
    const data = frameData(frame, i);
    parts.push(i === 0 ? pngChunk('IDAT', data) : pngChunk('fdAT', concatBytes([uint32s(sequence++), data])));
  });
  parts.push(pngChunk('IEND', new Uint8Array(0)));
  return concatBytes(parts);
}

/** A zlib compressor that takes its time, e.g. the browser's `CompressionStream('deflate')`. */
export type AsyncZlibCompressor = (bytes: Uint8Array) => Promise<Uint8Array>;

/** `encodeApng` with an asynchronous compressor (all frames compressed at once, then assembled). */
export async function encodeApngAsync(frames: readonly RgbaImage[], options: Omit<ApngOptions, 'compress'> & { compress: AsyncZlibCompressor }): Promise<Uint8Array> {
  const compressed = await Promise.all(frames.map((frame) => options.compress(filterScanlines(pngPixels(frame), frame.width, frame.height, true))));
  return assembleApng(frames, options, (_, i) => compressed[i]!);
}

/** `encodePng` with an asynchronous compressor (adaptive row filters, like Node's path). */
export async function encodePngAsync(image: RgbaImage, compress: AsyncZlibCompressor): Promise<Uint8Array> {
  const data = await compress(filterScanlines(pngPixels(image), image.width, image.height, true));
  return concatBytes([PNG_SIGNATURE, pngChunk('IHDR', pngHeader(image.width, image.height)), pngChunk('IDAT', data), pngChunk('IEND', new Uint8Array(0))]);
}

/**
 * Screenshot comparison for the e2e tests: a small PNG reader (8-bit RGB/RGBA, the formats
 * Chromium writes) on node:zlib, and a pixel diff that forgives anti-aliasing (a pixel counts
 * as changed only when no pixel within one step in the other image is close to it) but fails
 * on real breakage (a shifted block, a missing figure, an overflow). Besides the share of the
 * whole page, it reports the worst square tile: a small missing figure is a sliver of a long
 * page but fills its tiles.
 */
import { inflateSync } from 'node:zlib';

/** Decoded pixels, always RGBA8. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG into RGBA pixels. */
export function decodePng(bytes: Uint8Array): Pixels {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const [depth, colorType, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType}, interlace ${interlace})`);
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = Uint8Array.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    unfilter(filter, row, previous, channels);
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * 4;
      data[out] = row[x * channels]!;
      data[out + 1] = row[x * channels + 1]!;
      data[out + 2] = row[x * channels + 2]!;
      data[out + 3] = channels === 4 ? row[x * channels + 3]! : 255;
    }
    previous = row;
  }
  return { width, height, data };
}

/** Undoes one scanline's PNG filter in place (types 0–4). */
function unfilter(type: number, row: Uint8Array, above: Uint8Array, bpp: number): void {
  for (let i = 0; i < row.length; i++) {
    const left = i >= bpp ? row[i - bpp]! : 0;
    const up = above[i]!;
    const upLeft = i >= bpp ? above[i - bpp]! : 0;
    let predicted = 0;
    if (type === 1) predicted = left;
    else if (type === 2) predicted = up;
    else if (type === 3) predicted = (left + up) >> 1;
    else if (type === 4) {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    } else if (type !== 0) throw new Error(`bad PNG filter type ${type}`);
    row[i] = (row[i]! + predicted) & 0xff;
  }
}

/** Result of comparing two screenshots. */
export interface PixelDiff {
  /** Pixels that changed beyond anti-aliasing, over the compared area. */
  readonly changedShare: number;
  readonly changed: number;
  /** The largest share of changed pixels in any {@link TILE}-pixel square of the compared area. */
  readonly worstTileShare: number;
  /** Rows compared (the shorter image's height). */
  readonly comparedHeight: number;
  /** Relative height difference of the two images. */
  readonly heightChange: number;
  readonly sameWidth: boolean;
}

/** Largest per-channel difference between pixel `i` of `a` and pixel `j` of `b`. */
function distance(a: Uint8Array, i: number, b: Uint8Array, j: number): number {
  return Math.max(Math.abs(a[i]! - b[j]!), Math.abs(a[i + 1]! - b[j + 1]!), Math.abs(a[i + 2]! - b[j + 2]!));
}

/** Whether pixel (x, y) of `a` has a close match within one pixel of (x, y) in `b`. */
function matchedNearby(a: Pixels, b: Pixels, x: number, y: number, height: number, threshold: number): boolean {
  const i = (y * a.width + x) * 4;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= b.width || ny >= height) continue;
      if (distance(a.data, i, b.data, (ny * b.width + nx) * 4) <= threshold) return true;
    }
  }
  return false;
}

/** Side of the square tiles `worstTileShare` is measured on, in pixels. */
export const TILE = 64;

/**
 * Compares `actual` with `expected` over their common height. A pixel is changed when its
 * colour differs by more than `threshold` (0–255, any channel) from every pixel around the
 * same place in the other image, checked both ways.
 */
export function diffPixels(expected: Pixels, actual: Pixels, threshold = 40): PixelDiff {
  const sameWidth = expected.width === actual.width;
  const height = Math.min(expected.height, actual.height);
  const heightChange = Math.abs(expected.height - actual.height) / Math.max(expected.height, actual.height);
  if (!sameWidth) return { changedShare: 1, changed: expected.width * height, worstTileShare: 1, comparedHeight: height, heightChange, sameWidth };
  const columns = Math.ceil(expected.width / TILE);
  const perTile = new Uint32Array(columns * Math.ceil(height / TILE));
  let changed = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < expected.width; x++) {
      const i = (y * expected.width + x) * 4;
      if (distance(expected.data, i, actual.data, i) <= threshold) continue;
      if (!matchedNearby(expected, actual, x, y, height, threshold) || !matchedNearby(actual, expected, x, y, height, threshold)) {
        changed += 1;
        perTile[Math.floor(y / TILE) * columns + Math.floor(x / TILE)]! += 1;
      }
    }
  }
  let worstTileShare = 0;
  perTile.forEach((count, tile) => {
    // Edge tiles are smaller; measure each against its own area.
    const left = (tile % columns) * TILE;
    const top = Math.floor(tile / columns) * TILE;
    const area = Math.min(TILE, expected.width - left) * Math.min(TILE, height - top);
    worstTileShare = Math.max(worstTileShare, count / area);
  });
  return { changedShare: changed / (expected.width * height), changed, worstTileShare, comparedHeight: height, heightChange, sameWidth };
}

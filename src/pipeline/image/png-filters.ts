/**
 * PNG scanline filters (PNG spec §9). Each row is filtered with whichever of the five
 * filters gives the smallest sum of absolute signed bytes — the usual heuristic, which
 * lets deflate compress photos well. Works on 4-byte (RGBA8) pixels.
 */

const BYTES_PER_PIXEL = 4;

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** The byte predicted for position i by filter type 0–4, from the raw row and the raw row above. */
export function predict(type: number, row: Uint8Array, above: Uint8Array, i: number): number {
  const left = i >= BYTES_PER_PIXEL ? row[i - BYTES_PER_PIXEL]! : 0;
  const up = above[i]!;
  switch (type) {
    case 1: return left;
    case 2: return up;
    case 3: return (left + up) >>> 1;
    case 4: return paeth(left, up, i >= BYTES_PER_PIXEL ? above[i - BYTES_PER_PIXEL]! : 0);
    default: return 0;
  }
}

/** Filters one row with one filter type into `out` (without the type byte). */
function filterRow(type: number, row: Uint8Array, above: Uint8Array, out: Uint8Array): void {
  for (let i = 0; i < row.length; i += 1) out[i] = (row[i]! - predict(type, row, above, i)) & 0xff;
}

/** Sum of the filtered bytes read as signed values: smaller usually compresses better. */
function cost(filtered: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < filtered.length; i += 1) sum += filtered[i]! < 128 ? filtered[i]! : 256 - filtered[i]!;
  return sum;
}

/**
 * The filtered image data PNG's IDAT compresses: per row, one filter-type byte and the
 * filtered row. `adaptive` false writes every row unfiltered (best for stored output).
 */
export function filterScanlines(rgba: Uint8Array, width: number, height: number, adaptive: boolean): Uint8Array {
  const stride = width * BYTES_PER_PIXEL;
  const out = new Uint8Array(height * (stride + 1));
  const zeroRow = new Uint8Array(stride);
  const candidate = new Uint8Array(stride);
  for (let y = 0; y < height; y += 1) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : zeroRow;
    const target = out.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    let bestType = 0;
    target.set(row);
    if (adaptive) {
      let bestCost = cost(row);
      for (let type = 1; type <= 4; type += 1) {
        filterRow(type, row, above, candidate);
        const candidateCost = cost(candidate);
        if (candidateCost < bestCost) {
          bestCost = candidateCost;
          bestType = type;
          target.set(candidate);
        }
      }
    }
    out[y * (stride + 1)] = bestType;
  }
  return out;
}

/** Undoes `filterScanlines` in place of a fresh buffer: the RGBA rows back. Throws on a filter type above 4. */
export function unfilterScanlines(scanlines: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * BYTES_PER_PIXEL;
  const out = new Uint8Array(height * stride);
  const zeroRow = new Uint8Array(stride);
  for (let y = 0; y < height; y += 1) {
    const type = scanlines[y * (stride + 1)]!;
    if (type > 4) throw new RangeError(`row ${y} has filter type ${type}`);
    const filtered = scanlines.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? out.subarray((y - 1) * stride, y * stride) : zeroRow;
    // predict() reads bytes left of i from `row`, already restored: the left-to-right order matters.
    for (let i = 0; i < stride; i += 1) row[i] = (filtered[i]! + predict(type, row, above, i)) & 0xff;
  }
  return out;
}

/**
 * A minimal independent PNG reader for the encoder's tests: checks the signature and every
 * chunk CRC (with node:zlib's CRC-32), inflates IDAT with node:zlib and undoes all five
 * scanline filters. RGBA8, non-interlaced only — what the encoder writes.
 */
import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  data: Uint8Array;
  chunkTypes: string[];
  filterTypes: number[];
}

function unfilter(type: number, row: Uint8Array, above: Uint8Array): void {
  for (let i = 0; i < row.length; i += 1) {
    const left = i >= 4 ? row[i - 4]! : 0;
    const up = above[i]!;
    const upLeft = i >= 4 ? above[i - 4]! : 0;
    let predicted = 0;
    if (type === 1) predicted = left;
    else if (type === 2) predicted = up;
    else if (type === 3) predicted = Math.floor((left + up) / 2);
    else if (type === 4) {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    } else if (type !== 0) throw new Error(`bad filter type ${type}`);
    row[i] = (row[i]! + predicted) & 0xff;
  }
}

export function decodePng(bytes: Uint8Array): DecodedPng {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('bad PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      if (body[8] !== 8 || body[9] !== 6 || body[12] !== 0) throw new Error('not RGBA8 non-interlaced');
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const data = new Uint8Array(width * height * 4);
  const filterTypes: number[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    filterTypes.push(raw[y * (stride + 1)]!);
    unfilter(raw[y * (stride + 1)]!, row, y > 0 ? data.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride));
    data.set(row, y * stride);
  }
  return { width, height, data, chunkTypes, filterTypes };
}

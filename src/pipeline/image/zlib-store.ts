/**
 * A zlib stream (RFC 1950) of uncompressed deflate blocks (RFC 1951, BTYPE 00). Valid
 * everywhere with no dependency — the PNG encoder's fallback when no real compressor is
 * given (Node passes `zlib.deflateSync`).
 */

/** Adler-32 checksum of the uncompressed data (zlib's trailer). */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // Reduce every 5552 bytes (zlib's NMAX): the longest run whose sums stay below 2^32,
  // so the loop stays in small integers.
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(bytes.length, start + 5552);
    for (let i = start; i < end; i += 1) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const MAX_STORED_BLOCK = 65_535;

/** Wraps `bytes` in a zlib stream without compressing them. */
export function zlibStore(bytes: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(bytes.length / MAX_STORED_BLOCK));
  const out = new Uint8Array(2 + blocks * 5 + bytes.length + 4);
  const view = new DataView(out.buffer);
  out[0] = 0x78; // deflate, 32 KiB window
  out[1] = 0x01; // no preset dictionary, fastest; (0x78 << 8 | 0x01) % 31 === 0
  let position = 2;
  for (let block = 0; block < blocks; block += 1) {
    const chunk = bytes.subarray(block * MAX_STORED_BLOCK, (block + 1) * MAX_STORED_BLOCK);
    out[position] = block === blocks - 1 ? 1 : 0; // BFINAL, BTYPE = 00
    view.setUint16(position + 1, chunk.length, true);
    view.setUint16(position + 3, ~chunk.length & 0xffff, true);
    out.set(chunk, position + 5);
    position += 5 + chunk.length;
  }
  view.setUint32(position, adler32(bytes), false);
  return out;
}

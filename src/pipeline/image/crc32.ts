/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as PNG chunks and gzip use it. */

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let bit = 0; bit < 8; bit += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  return table;
}

/** Continues a CRC over more bytes: pass the previous result as `crc` (start from 0). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const lookup = crcTable();
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i += 1) c = lookup[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

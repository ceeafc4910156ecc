/**
 * Little-endian byte views. Recordings are little-endian on disk; on little-endian hosts
 * (all current browsers and Node platforms) the typed-array path is a plain copy, and a
 * big-endian host takes the byte-swapping path so files stay portable.
 */

/** True when this host stores multi-byte numbers least significant byte first. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The little-endian bytes of a typed array of 2- or 4-byte elements (a fresh copy). */
export function littleEndianBytes(values: Uint16Array | Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  if (!HOST_IS_LITTLE_ENDIAN) swapBytesInPlace(bytes, values.BYTES_PER_ELEMENT);
  return bytes;
}

/** Reads `count` little-endian uint16 values starting at `byteOffset`. */
export function readUint16LE(bytes: Uint8Array, byteOffset: number, count: number): Uint16Array {
  const copy = bytes.slice(byteOffset, byteOffset + count * 2);
  if (!HOST_IS_LITTLE_ENDIAN) swapBytesInPlace(copy, 2);
  return new Uint16Array(copy.buffer, 0, count);
}

/** Reads `count` little-endian float32 values starting at `byteOffset`. */
export function readFloat32LE(bytes: Uint8Array, byteOffset: number, count: number): Float32Array {
  const copy = bytes.slice(byteOffset, byteOffset + count * 4);
  if (!HOST_IS_LITTLE_ENDIAN) swapBytesInPlace(copy, 4);
  return new Float32Array(copy.buffer, 0, count);
}

function swapBytesInPlace(bytes: Uint8Array, width: number): void {
  for (let start = 0; start < bytes.length; start += width) bytes.subarray(start, start + width).reverse();
}

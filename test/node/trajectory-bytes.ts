/**
 * Node-only helpers for tests that edit recordings' bytes (kept apart from trajectory-steps.ts,
 * which browser tests import too).
 */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { TRAJECTORY_MAGIC } from '../../src/pipeline/trajectory/format.js';

/** The header JSON of a version-2 recording's bytes, and its data section. */
export function splitRecordingBytes(bytes: Uint8Array): { header: Record<string, any>; data: Uint8Array } {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
  return { header, data: bytes.subarray(Math.ceil((12 + length + 4) / 8) * 8) };
}

/**
 * A version-2 file around `headerText` and `data`, with the header's CRC-32 computed by
 * node:zlib (an implementation independent of the library's), so tests can edit headers.
 */
export function recordingWithHeader(headerText: string, data: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(headerText);
  const dataStart = Math.ceil((12 + header.length + 4) / 8) * 8;
  const out = new Uint8Array(dataStart + data.length);
  out.set(TRAJECTORY_MAGIC);
  const view = new DataView(out.buffer);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  view.setUint32(12 + header.length, zlibCrc32(header), true);
  out.set(data, dataStart);
  return out;
}

/**
 * Per-row quantisation of unit vectors for the browser asset. int8 keeps one float scale per
 * row (its largest magnitude / 127), which matters because GloVe rows differ in peakiness;
 * float16 needs no scale. Both are decoded back to Float32 and re-normalised on load.
 */
import { fromFloat16Bits, toFloat16Bits } from '../../pipeline/math/float16.js';

/** How rows are stored in an asset. */
export type Quantisation = 'int8' | 'float16' | 'float32';

/** Bytes per stored component. */
export function bytesPerValue(quantisation: Quantisation): number {
  return quantisation === 'int8' ? 1 : quantisation === 'float16' ? 2 : 4;
}

/** Quantises `rows × dimensions` values to int8 with one scale per row. */
export function quantiseInt8(values: Float32Array, dimensions: number): { codes: Int8Array; scales: Float32Array } {
  const rows = values.length / dimensions;
  const codes = new Int8Array(values.length);
  const scales = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    const offset = row * dimensions;
    let peak = 0;
    for (let i = 0; i < dimensions; i++) peak = Math.max(peak, Math.abs(values[offset + i]!));
    const scale = peak / 127;
    scales[row] = scale;
    if (scale > 0) for (let i = 0; i < dimensions; i++) codes[offset + i] = Math.round(values[offset + i]! / scale);
  }
  return { codes, scales };
}

/** Inverse of {@link quantiseInt8}. */
export function dequantiseInt8(codes: Int8Array, scales: Float32Array, dimensions: number): Float32Array {
  const out = new Float32Array(codes.length);
  for (let row = 0; row < scales.length; row++) {
    const offset = row * dimensions;
    const scale = scales[row]!;
    for (let i = 0; i < dimensions; i++) out[offset + i] = codes[offset + i]! * scale;
  }
  return out;
}

/** Encodes values as half-precision bit patterns. */
export function quantiseFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toFloat16Bits(values[i]!);
  return out;
}

/** Inverse of {@link quantiseFloat16}. */
export function dequantiseFloat16(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = fromFloat16Bits(bits[i]!);
  return out;
}

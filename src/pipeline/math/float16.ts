/**
 * IEEE 754 binary16 conversion, written out so recordings are byte-identical in every
 * runtime (Float16Array is not yet everywhere). Float32 → float16 rounds to nearest,
 * ties to even, as hardware converters do; NaN stays NaN, overflow becomes ±∞.
 */

const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/** Rounds `value >>> shift` to nearest-even, given the bits shifted out. */
function roundShifted(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}

/** The float16 bit pattern of a float32 bit pattern. */
export function float32BitsToFloat16Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) {
    // Keep NaN a NaN (set the quiet bit so the payload cannot collapse to ∞).
    return mantissa === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13);
  }
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half: value = m · 2⁻²⁴. Below half the smallest subnormal it rounds to ±0.
    if (halfExponent < -10) return sign;
    const significand = mantissa | 0x800000;
    return sign | roundShifted(significand, 14 - halfExponent);
  }
  // A carry out of the mantissa correctly bumps the exponent (and 0x7bff + 1 is ∞).
  return sign | roundShifted((halfExponent << 23) | mantissa, 13);
}

/** The float16 bit pattern nearest to `value` (round to nearest, ties to even). */
export function toFloat16Bits(value: number): number {
  scratchFloat[0] = value;
  return float32BitsToFloat16Bits(scratchBits[0]!);
}

/** The number a float16 bit pattern stands for. */
export function fromFloat16Bits(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half >>> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

let decodeTable: Float32Array | undefined;

/** All 65 536 float16 values as float32, built once on first use (256 KiB). */
function float16Table(): Float32Array {
  if (!decodeTable) {
    decodeTable = new Float32Array(0x10000);
    for (let bits = 0; bits < 0x10000; bits += 1) decodeTable[bits] = fromFloat16Bits(bits);
  }
  return decodeTable;
}

/** Converts a whole array to float16 bit patterns. */
export function encodeFloat16Array(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = float32BitsToFloat16Bits(bits[i]!);
  return out;
}

/** Converts float16 bit patterns back to float32 values. */
export function decodeFloat16Array(halves: Uint16Array): Float32Array {
  const table = float16Table();
  const out = new Float32Array(halves.length);
  for (let i = 0; i < halves.length; i += 1) out[i] = table[halves[i]!]!;
  return out;
}

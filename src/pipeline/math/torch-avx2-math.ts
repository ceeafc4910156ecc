/**
 * Float32 `log` and `sincos` exactly as PyTorch's x86-64 AVX2 normal kernel evaluates them.
 *
 * `torch.randn` on CPU fills tensors of ≥ 16 floats with Box–Muller, and on AVX2 machines it takes
 * log, sin and cos from `avx_mathfun.h` (Cephes-style float polynomials), not from libm. To get the
 * same bits we replay the same float operations in the same order. Every intermediate is rounded
 * to float with `Math.fround`. GCC (-O2, -mfma, default `-ffp-contract=fast`) fuses each multiply
 * whose only use is an add into one fused multiply-add; those steps appear here as
 * `fround(a * b + c)`: the product of two floats is exact in a double, so only the addition rounds.
 * Which multiplies GCC fused was settled against Debian's torch 1.13 build (millions of values,
 * bit for bit), and the double-then-float rounding of those sums was checked against a
 * single-rounding FMA over every input the kernel can produce (all 2^24 uniforms).
 */

const f = Math.fround;

const SQRT_HALF = f(0.707106781186547524);
// Cephes logf polynomial, highest degree first.
const LOG_P0 = f(7.0376836292e-2);
const LOG_P1 = f(-1.151461031e-1);
const LOG_P2 = f(1.167699874e-1);
const LOG_P3 = f(-1.2420140846e-1);
const LOG_P4 = f(1.4249322787e-1);
const LOG_P5 = f(-1.6668057665e-1);
const LOG_P6 = f(2.0000714765e-1);
const LOG_P7 = f(-2.4999993993e-1);
const LOG_P8 = f(3.3333331174e-1);
// ln 2 split in a short head (exact products) and a small tail.
const LN2_TAIL = f(-2.1219444e-4);
const LN2_HEAD = f(0.693359375);

const FOUR_OVER_PI = f(1.27323954473516);
// −π/4 split in three parts so the range reduction x − j·π/4 stays accurate.
const MINUS_PI_4_A = f(-0.78515625);
const MINUS_PI_4_B = f(-2.4187564849853515625e-4);
const MINUS_PI_4_C = f(-3.77489497744594108e-8);
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);

// Reinterpreting float bits needs a scratch word; module-level so the hot loop allocates nothing.
const scratchFloat = new Float32Array(1);
const scratchBits = new Int32Array(scratchFloat.buffer);

/**
 * Natural log of a positive normal float, as torch's AVX2 kernel computes it (not correctly
 * rounded: it differs from `Math.log` in the last bit for many inputs, on purpose).
 */
export function avx2Logf(x: number): number {
  scratchFloat[0] = x;
  const bits = scratchBits[0]!;
  // Split x = m · 2^e with m in [0.5, 1).
  let exponent = f((bits >>> 23) - 126);
  scratchBits[0] = (bits & ~0x7f800000) | 0x3f000000;
  const mantissa = scratchFloat[0]!;
  // Recentre so the polynomial argument t = m − 1 (or 2m − 1) lies in [√½ − 1, √2 − 1).
  let t: number;
  if (mantissa < SQRT_HALF) {
    exponent = f(exponent - 1);
    t = f(f(mantissa - 1) + mantissa);
  } else {
    t = f(mantissa - 1);
  }
  const t2 = f(t * t);
  let poly = LOG_P0;
  poly = f(poly * t + LOG_P1);
  poly = f(poly * t + LOG_P2);
  poly = f(poly * t + LOG_P3);
  poly = f(poly * t + LOG_P4);
  poly = f(poly * t + LOG_P5);
  poly = f(poly * t + LOG_P6);
  poly = f(poly * t + LOG_P7);
  poly = f(poly * t + LOG_P8);
  poly = f(poly * t);
  poly = f(poly * t2 + f(exponent * LN2_TAIL));
  poly = f(poly - t2 * 0.5);
  return f(f(t + poly) + exponent * LN2_HEAD);
}

/**
 * sin and cos of a float angle in [0, 2π), as torch's AVX2 kernel computes them; writes
 * `out[0] = sin θ`, `out[1] = cos θ` (an out-parameter so the hot loop allocates nothing).
 */
export function avx2Sincosf(theta: number, out: Float64Array): void {
  let x = Math.abs(theta);
  // Octant index, rounded up to even: x is reduced to [−π/4, π/4] around j·π/4.
  const octant = ((Math.trunc(f(x * FOUR_OVER_PI)) | 0) + 1) & ~1;
  x = f(octant * MINUS_PI_4_A + x);
  x = f(octant * MINUS_PI_4_B + x);
  x = f(octant * MINUS_PI_4_C + x);
  const x2 = f(x * x);

  let cosPoly = COS_P0;
  cosPoly = f(cosPoly * x2 + COS_P1);
  cosPoly = f(cosPoly * x2 + COS_P2);
  cosPoly = f(cosPoly * x2);
  cosPoly = f(cosPoly * x2 - x2 * 0.5);
  cosPoly = f(cosPoly + 1);

  let sinPoly = SIN_P0;
  sinPoly = f(sinPoly * x2 + SIN_P1);
  sinPoly = f(sinPoly * x2 + SIN_P2);
  sinPoly = f(sinPoly * x2);
  sinPoly = f(sinPoly * x + x);

  // Odd quadrants swap the two polynomials; the octant also decides each sign.
  const swap = (octant & 2) !== 0;
  const sine = swap ? cosPoly : sinPoly;
  const cosine = swap ? sinPoly : cosPoly;
  const negateSin = (octant & 4) !== 0 !== theta < 0;
  out[0] = negateSin ? -sine : sine;
  out[1] = ((octant - 2) & 4) === 0 ? -cosine : cosine;
}

const TWO_PI = f(2 * Math.PI);

/**
 * One block of torch's AVX2 Box–Muller: 16 uniforms in [0, 1) at `data[offset…offset+15]` become
 * 16 standard normals in place. Lane j pairs u1 = data[j] (radius) with u2 = data[j+8] (angle);
 * the cosine lands in lane j, the sine in lane j+8. `trig` is caller-owned scratch of length 2.
 */
export function avx2BoxMuller16(data: Float32Array, offset: number, trig: Float64Array): void {
  for (let lane = offset; lane < offset + 8; lane++) {
    // 1 − u maps [0, 1) onto (0, 1], keeping log finite; exact for multiples of 2^-24.
    const radius = f(Math.sqrt(f(-2 * avx2Logf(f(1 - data[lane]!)))));
    avx2Sincosf(f(TWO_PI * data[lane + 8]!), trig);
    // The kernel's final `x·std + mean` with std 1, mean 0 turns −0 into +0; so does `+ 0`.
    data[lane] = f(radius * trig[1]!) + 0;
    data[lane + 8] = f(radius * trig[0]!) + 0;
  }
}

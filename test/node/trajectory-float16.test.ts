import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeFloat16Array,
  encodeFloat16Array,
  fromFloat16Bits,
  toFloat16Bits,
} from '../../src/pipeline/math/float16.js';

describe('float16 conversion', () => {
  it('gives the IEEE bit patterns of known values', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.1, 0x2e66],
      [1 / 3, 0x3555],
      [65504, 0x7bff], // largest finite
      [65519, 0x7bff], // just below the halfway point to 65536
      [65520, 0x7c00], // halfway: ties to even, which is ∞
      [1e9, 0x7c00],
      [-1e9, 0xfc00],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -14, 0x0400], // smallest normal
      [1023 * 2 ** -24, 0x03ff], // largest subnormal
      [2 ** -24, 0x0001], // smallest subnormal
      [-(2 ** -24), 0x8001],
      [2 ** -25, 0x0000], // halfway to the smallest subnormal: ties to even (0)
      [2 ** -25 * 1.5, 0x0001],
      [3 * 2 ** -25, 0x0002], // halfway between 1 and 2 subnormal units: even is 2
      [5 * 2 ** -25, 0x0002], // halfway between 2 and 3: even is 2
      [2 ** -26, 0x0000],
      [1 + 2 ** -11, 0x3c00], // halfway: even mantissa
      [1 + 3 * 2 ** -11, 0x3c02],
      [2049, 0x6800],
      [2051, 0x6802],
    ];
    for (const [value, bits] of cases) {
      assert.equal(toFloat16Bits(value), bits, `${value} → 0x${bits.toString(16)}`);
    }
  });

  it('keeps NaN a NaN', () => {
    const bits = toFloat16Bits(NaN);
    assert.equal(bits & 0x7c00, 0x7c00);
    assert.notEqual(bits & 0x03ff, 0);
    assert.ok(Number.isNaN(fromFloat16Bits(bits)));
  });

  it('decodes known bit patterns', () => {
    assert.equal(fromFloat16Bits(0x3c00), 1);
    assert.equal(fromFloat16Bits(0x7bff), 65504);
    assert.equal(fromFloat16Bits(0x0001), 2 ** -24);
    assert.equal(fromFloat16Bits(0x03ff), 1023 * 2 ** -24);
    assert.equal(fromFloat16Bits(0xfc00), -Infinity);
    assert.ok(Object.is(fromFloat16Bits(0x8000), -0));
  });

  it('round-trips every finite float16 exactly', () => {
    for (let bits = 0; bits < 0x10000; bits += 1) {
      if ((bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0) continue; // NaNs
      assert.equal(toFloat16Bits(fromFloat16Bits(bits)), bits);
    }
  });

  it('rounds every midpoint between neighbours to the even one, and just past it upwards', () => {
    for (let bits = 0; bits < 0x7bff; bits += 1) {
      const low = fromFloat16Bits(bits);
      const high = fromFloat16Bits(bits + 1);
      const middle = (low + high) / 2; // exact in float64, and representable in float32
      const even = bits % 2 === 0 ? bits : bits + 1;
      assert.equal(toFloat16Bits(middle), even, `midpoint above 0x${bits.toString(16)}`);
      const above = Math.fround(middle + (high - low) / 1024);
      assert.equal(toFloat16Bits(above), bits + 1);
      const below = Math.fround(middle - (high - low) / 1024);
      assert.equal(toFloat16Bits(below), bits);
    }
  });

  it('converts arrays both ways', () => {
    const values = Float32Array.of(0, 1, -1.5, 65504, 2 ** -24, Infinity);
    const halves = encodeFloat16Array(values);
    assert.deepEqual([...halves], [0x0000, 0x3c00, 0xbe00, 0x7bff, 0x0001, 0x7c00]);
    assert.deepEqual(decodeFloat16Array(halves), values);
    // A subarray view converts only its own elements.
    assert.deepEqual([...encodeFloat16Array(values.subarray(1, 3))], [0x3c00, 0xbe00]);
  });
});

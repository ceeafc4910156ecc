import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guidanceDifference, roundScaleBelow } from '../../src/pipeline/math/guidance-difference.js';
import { syntheticSteps } from './trajectory-steps.js';

describe('guidance difference ε_cond − ε_uncond', () => {
  it('rounds the display factor down to 1, 2 or 5 × 10ⁿ, never below 1', () => {
    assert.deepEqual([0.3, 1, 1.9, 2, 4.99, 5, 19, 20, 73, 999, Infinity, NaN].map(roundScaleBelow), [1, 1, 1, 2, 2, 5, 10, 20, 50, 500, 1, 1]);
  });

  it('is cond − uncond element by element, scaled so it peaks near the conditional prediction', () => {
    const [step] = syntheticSteps(1, [1, 4, 2, 2]);
    const cond = Float32Array.from({ length: 16 }, (_, i) => Math.sin(i) * 2);
    const uncond = cond.map((value, i) => value - (i % 3) * 0.01);
    const result = guidanceDifference({ ...step!, noisePredCond: { data: cond, shape: [1, 4, 2, 2] }, noisePredUncond: { data: uncond, shape: [1, 4, 2, 2] } })!;
    result.difference.data.forEach((value, i) => assert.ok(Math.abs(value - (i % 3) * 0.01) < 1e-6));
    assert.equal(result.scale, 50); // max |cond| ≈ 1.98, max |δ| = 0.02: ratio ≈ 99 → 50
    assert.deepEqual(Array.from(result.scaled.data), Array.from(result.difference.data, (v) => Math.fround(v * 50)));
    assert.equal(guidanceDifference({ ...step!, noisePredUncond: null }), null);
  });
});

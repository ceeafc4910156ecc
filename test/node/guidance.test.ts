import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../src/errors.js';
import {
  applyGuidance,
  batchForGuidance,
  combineGuidance,
  guidanceNeedsUncond,
  parseGuidanceScale,
  splitGuidanceBatch,
} from '../../src/pipeline/math/guidance.js';
import { tensor } from '../../src/pipeline/math/tensor.js';

test('guidance is uncond + s·(cond − uncond)', () => {
  const uncond = new Float32Array([0, 1, -2, 0.5]);
  const cond = new Float32Array([1, 1, 2, -0.5]);
  assert.deepEqual([...applyGuidance(uncond, cond, 3)], [3, 1, 10, -2.5]);
  // s = 1 gives cond, s = 0 gives uncond.
  assert.deepEqual([...applyGuidance(uncond, cond, 1)], [...cond]);
  assert.deepEqual([...applyGuidance(uncond, cond, 0)], [...uncond]);
});

test('guided values match torch float32 arithmetic bit for bit (diffusers on CPU)', () => {
  // [uncond, cond, scale, torch's `uncond + scale * (cond - uncond)`] from Debian torch 1.13;
  // evaluating in double and rounding once gives a different float for each of these.
  const cases: Array<[number, number, number, number]> = [
    [0.6648393869400024, -1.1812676191329956, 7.5, -13.180962562561035],
    [1.6205507516860962, -0.25879231095314026, 7.5, -12.47452163696289],
    [-1.596708059310913, 0.053229812532663345, 7.5, 10.777825355529785],
    [-0.07664429396390915, 1.4873378276824951, 1.3, 1.95653235912323],
    [-0.7820168137550354, 0.009315432980656624, 1.3, 0.2467150092124939],
    [0.35988152027130127, 1.9373944997787476, 12, 19.2900390625],
  ];
  for (const [u, c, scale, expected] of cases) {
    const [guided] = applyGuidance(new Float32Array([u]), new Float32Array([c]), scale);
    assert.equal(guided, Math.fround(expected), `u=${u} c=${c} s=${scale}`);
  }
});

test('only scales above 1 need the unconditional pass', () => {
  assert.equal(guidanceNeedsUncond(0), false);
  assert.equal(guidanceNeedsUncond(1), false);
  assert.equal(guidanceNeedsUncond(1.0001), true);
  assert.equal(guidanceNeedsUncond(7.5), true);
});

test('bad scales are typed errors naming guidanceScale', () => {
  for (const bad of [-0.5, Number.NaN, Number.POSITIVE_INFINITY, '7', null]) {
    assert.throws(() => parseGuidanceScale(bad), (error: unknown) => {
      return error instanceof InvalidOptionError && error.field === 'guidanceScale';
    }, String(bad));
  }
  assert.throws(() => applyGuidance(new Float32Array(1), new Float32Array(1), -1), { message: /^guidanceScale: / });
  assert.throws(() => parseGuidanceScale(-1, 'cfg'), { message: /^cfg: / });
  assert.equal(parseGuidanceScale(7.5), 7.5);
});

test('mismatched prediction lengths are refused', () => {
  assert.throws(() => applyGuidance(new Float32Array(3), new Float32Array(4), 2), { name: 'InvalidOptionError' });
});

test('a batch [x, x] splits back into uncond (first) and cond (second) halves', () => {
  const sample = new Float32Array([1, 2, 3]);
  const batched = batchForGuidance(sample);
  assert.deepEqual([...batched], [1, 2, 3, 1, 2, 3]);
  const output = new Float32Array([10, 11, 12, 20, 21, 22]);
  const { uncond, cond } = splitGuidanceBatch(output);
  assert.deepEqual([...uncond], [10, 11, 12]);
  assert.deepEqual([...cond], [20, 21, 22]);
  assert.throws(() => splitGuidanceBatch(new Float32Array(5)), { name: 'InvalidOptionError', message: /^batched: / });
});

test('combineGuidance fills the step record fields for both regimes', () => {
  const cond = tensor(new Float32Array([1, 2]), [1, 2]);
  const uncond = tensor(new Float32Array([0, 0]), [1, 2]);
  const single = combineGuidance(null, cond, 1);
  assert.equal(single.noisePredUncond, null);
  assert.equal(single.noisePred, cond);
  const guided = combineGuidance(uncond, cond, 2);
  assert.equal(guided.noisePredUncond, uncond);
  assert.deepEqual([...guided.noisePred.data], [2, 4]);
  assert.deepEqual(guided.noisePred.shape, [1, 2]);
  assert.equal(guided.guidanceScale, 2);
  assert.throws(() => combineGuidance(null, cond, 2), { message: /^uncond: / });
  assert.throws(() => combineGuidance(tensor(new Float32Array(2), [2, 1]), cond, 2), { message: /^uncond: / });
});

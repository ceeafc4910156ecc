// Spherical interpolation of noise: exact ends, kept length, and why a straight line washes out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolationNorms, lerp, slerp, vectorNorm, walkPositions } from '../../src/pipeline/math/slerp.js';
import { TorchGenerator } from '../../src/pipeline/math/torch-random.js';
import { InvalidOptionError } from '../../src/errors.js';

const draw = (seed: bigint, n = 4096) => new TorchGenerator(seed).randn([n]);
const bytes = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

test('slerp gives the ends exactly at t = 0 and t = 1', () => {
  const a = draw(1n);
  const b = draw(2n);
  assert.deepEqual(bytes(slerp(a, b, 0)), bytes(a));
  assert.deepEqual(bytes(slerp(a, b, 1)), bytes(b));
});

test('slerp of orthogonal unit vectors at ½ is their sum over √2 (the arc’s midpoint)', () => {
  const a = Float32Array.of(1, 0, 0);
  const b = Float32Array.of(0, 1, 0);
  const mid = slerp(a, b, 0.5);
  assert.ok(Math.abs(mid[0]! - Math.SQRT1_2) < 1e-7 && Math.abs(mid[1]! - Math.SQRT1_2) < 1e-7 && mid[2] === 0);
  const third = slerp(a, b, 1 / 3);
  assert.ok(Math.abs(third[0]! - Math.cos(Math.PI / 6)) < 1e-7 && Math.abs(third[1]! - Math.sin(Math.PI / 6)) < 1e-7, 'equal angles for equal steps of t');
});

test('between two seeds’ noise, slerp keeps the length and lerp shrinks it to about 1/√2 at the middle', () => {
  const a = draw(11n);
  const b = draw(12n);
  const positions = walkPositions(5);
  assert.deepEqual(Array.from(positions), [0, 0.25, 0.5, 0.75, 1]);
  const norms = interpolationNorms(a, b, positions);
  for (const ratio of norms.spherical) assert.ok(Math.abs(ratio - 1) < 0.02, `slerp length ratio ${ratio}`);
  assert.ok(Math.abs(norms.linear[2]! - Math.SQRT1_2) < 0.03, `lerp midpoint ratio ${norms.linear[2]}`);
  assert.ok(norms.linear[1]! > norms.linear[2]! && norms.linear[1]! < 0.95);
  // Linear midpoint's values have variance ≈ ½: the model sees less noise than σ says.
  const mid = lerp(a, b, 0.5);
  const variance = vectorNorm(mid) ** 2 / mid.length;
  assert.ok(Math.abs(variance - 0.5) < 0.05, `variance ${variance}`);
});

test('identical or parallel vectors fall back to the straight line; bad input is a typed error', () => {
  const a = draw(3n, 16);
  assert.deepEqual(bytes(slerp(a, a, 0.5)), bytes(a));
  const doubled = Float32Array.from(a, (v) => v * 2);
  const mid = slerp(a, doubled, 0.5);
  mid.forEach((v, i) => assert.ok(Math.abs(v - 1.5 * a[i]!) < 1e-6));
  const field = (f: string) => (error: unknown) => error instanceof InvalidOptionError && error.field === f;
  assert.throws(() => slerp(a, draw(4n, 8), 0.5), field('slerp'));
  assert.throws(() => slerp(a, new Float32Array(16), 0.5), field('slerp'));
  assert.throws(() => slerp(a, a, Number.NaN), field('t'));
  assert.throws(() => walkPositions(1), field('frames'));
});

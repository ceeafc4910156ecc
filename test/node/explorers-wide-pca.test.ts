import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPca } from '../../src/explorers/projection/pca.js';
import { fitPcaAuto, fitPcaWide } from '../../src/explorers/projection/wide-pca.js';
import { projectRows } from '../../src/explorers/projection/linear-map.js';
import { InvalidOptionError } from '../../src/errors.js';

/** Deterministic rows with clearly separated variances along a few random directions, plus an offset. */
function wideRows(count: number, dimensions: number, scale = 1, seed = 7): Float32Array {
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647 - 0.5;
  const directions = [5, 2, 1, 0.3].map((weight) => ({ weight, vector: Float64Array.from({ length: dimensions }, random) }));
  const offset = Float64Array.from({ length: dimensions }, () => random() * 10);
  const rows = new Float32Array(count * dimensions);
  for (let row = 0; row < count; row++) {
    const weights = directions.map(({ weight }) => weight * random());
    for (let i = 0; i < dimensions; i++) {
      let value = offset[i]! + random() * 0.01;
      directions.forEach(({ vector }, k) => (value += weights[k]! * vector[i]!));
      rows[row * dimensions + i] = value * scale;
    }
  }
  return rows;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

test('wide PCA: the Gram route gives the covariance route\'s axes, offset, shares and projections', () => {
  const dimensions = 60;
  const rows = wideRows(12, dimensions);
  const direct = fitPca(rows, dimensions);
  const wide = fitPcaWide(rows, dimensions);
  assertClose(wide.x, direct.x, 1e-6, 'x axis');
  assertClose(wide.y, direct.y, 1e-6, 'y axis');
  assertClose(wide.offset, direct.offset, 1e-4, 'offset');
  assertClose(wide.explained, direct.explained, 1e-9, 'explained');
  assert.ok(wide.explained[0] > wide.explained[1] && wide.explained[0] + wide.explained[1] <= 1);
  assertClose(projectRows(wide, rows, dimensions), projectRows(direct, rows, dimensions), 1e-3, 'projection');
});

test('wide PCA: the same axes and shares whatever the data\'s scale (the eigen-solver works at unit trace)', () => {
  const dimensions = 40;
  // Axes and shares do not depend on scale: compare against the direct fit at scale 1.
  const direct = fitPca(wideRows(9, dimensions, 1, 3), dimensions);
  for (const scale of [1e-7, 1e4]) {
    const wide = fitPcaWide(wideRows(9, dimensions, scale, 3), dimensions);
    assertClose(wide.explained, direct.explained, 1e-5, `explained at scale ${scale}`);
    assertClose(wide.x, direct.x, 1e-4, `x axis at scale ${scale}`);
    assertClose(wide.y, direct.y, 1e-4, `y axis at scale ${scale}`);
  }
});

test('wide PCA: rank-deficient rows (all on one line) keep all variance on x and project to y = 0', () => {
  const dimensions = 30;
  const direction = Float32Array.from({ length: dimensions }, (_, i) => Math.cos(i));
  const rows = new Float32Array(4 * dimensions);
  [0, 1, 3, 7].forEach((t, row) => direction.forEach((v, i) => (rows[row * dimensions + i] = 2 + t * v)));
  const wide = fitPcaWide(rows, dimensions);
  assert.ok(Math.abs(wide.explained[0] - 1) < 1e-9 && wide.explained[1] < 1e-9);
  assert.ok(wide.y.every((v) => v === 0), 'no second axis beyond the rank');
  const points = projectRows(wide, rows, dimensions);
  for (let row = 0; row < 4; row++) assert.ok(Math.abs(points[row * 2 + 1]!) < 1e-4);
  // Distances along the line are kept: rows at t = 0 and 7 are 7·|direction| apart.
  assert.ok(Math.abs(Math.abs(points[6]! - points[0]!) - 7 * Math.hypot(...direction)) < 1e-3);
});

test('fitPcaAuto picks the smaller eigenproblem and agrees with fitPca either way', () => {
  const tall = wideRows(30, 8, 1, 11);
  assert.deepEqual(fitPcaAuto(tall, 8), fitPca(tall, 8));
  const wide = wideRows(6, 50, 1, 13);
  assertClose(fitPcaAuto(wide, 50).x, fitPca(wide, 50).x, 1e-6, 'wide x axis');
});

test('wide PCA: bad input is a typed error naming the field', () => {
  const expectInvalid = (run: () => unknown, field: string, message: RegExp) =>
    assert.throws(run, (error: unknown) => error instanceof InvalidOptionError && error.field === field && message.test(error.message));
  expectInvalid(() => fitPcaWide(new Float32Array(10), 10), 'rows', /at least 2 rows/);
  expectInvalid(() => fitPcaWide(new Float32Array(15), 10), 'rows', /not whole rows/);
  expectInvalid(() => fitPcaWide(new Float32Array(20), 0), 'dimensions', /positive integer/);
  const rows = wideRows(3, 10);
  rows[14] = Number.NaN;
  expectInvalid(() => fitPcaWide(rows, 10), 'rows', /row 1 .*non-finite.*dimension 4/);
});

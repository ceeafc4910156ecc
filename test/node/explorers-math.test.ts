import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddingTable } from '../../src/explorers/table/embedding-table.js';
import { dotRowsInto } from '../../src/explorers/table/vector-math.js';
import { decodeAsset, encodeAsset, readAssetHeader } from '../../src/explorers/table/asset-codec.js';
import { fromFloat16Bits, toFloat16Bits } from '../../src/pipeline/math/float16.js';
import { parseProjectorTsv } from '../../src/explorers/table/projector-tsv.js';
import { boundedEditDistance, closestSpellings } from '../../src/explorers/table/spelling.js';
import { fitPca } from '../../src/explorers/projection/pca.js';
import { customAxes } from '../../src/explorers/projection/custom-axes.js';
import { projectPoint, projectRows } from '../../src/explorers/projection/linear-map.js';
import { neighbourPreservation } from '../../src/explorers/projection/neighbour-preservation.js';
import { symmetricEigen } from '../../src/explorers/projection/symmetric-eigen.js';
import { fitUmap } from '../../src/explorers/umap/fit-umap.js';
import { solveExpression } from '../../src/explorers/analogy.js';
import { EmbeddingFormatError } from '../../src/explorers/errors.js';
import { InvalidOptionError } from '../../src/errors.js';

function randomTable(count: number, dimensions: number, seed = 1): EmbeddingTable {
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647 - 0.5;
  const vectors = Float32Array.from({ length: count * dimensions }, random);
  return EmbeddingTable.fromVectors(Array.from({ length: count }, (_, i) => `w${i}`), vectors, dimensions, { name: 'random' });
}

/** Brute force by sorting, to check the table's top-k against. */
function sortedNeighbours(table: EmbeddingTable, query: Float32Array, metric: 'cosine' | 'euclidean'): number[] {
  const raw = (i: number) => table.raw(i);
  const score = (i: number) =>
    metric === 'cosine' ? -table.unit(i).reduce((s, v, d) => s + v * query[d]!, 0) : raw(i).reduce((s, v, d) => s + (v - query[d]!) ** 2, 0);
  return Array.from({ length: table.size }, (_, i) => i).sort((a, b) => score(a) - score(b));
}

test('nearest neighbours match a full sort, for cosine and Euclidean, with exclusions', () => {
  const table = randomTable(500, 16);
  const query = table.raw(3).map((v, i) => v + (i % 3) * 0.05);
  for (const metric of ['cosine', 'euclidean'] as const) {
    const expected = sortedNeighbours(table, query, metric).filter((i) => i !== 3 && i !== 7).slice(0, 8);
    const found = table.nearest(query, { k: 8, metric, exclude: ['w3', 7] });
    assert.deepEqual(found.map((n) => n.index), expected, metric);
  }
  const [first] = table.nearest(table.raw(42), { k: 1, metric: 'euclidean' });
  assert.equal(first!.label, 'w42');
  assert.ok(first!.distance < 1e-5 && Math.abs(first!.similarity - 1) < 1e-6);
});

test('blocked dot products equal one-row-at-a-time sums, for any start row and a ragged tail', () => {
  const dimensions = 7;
  const rows = 11;
  const matrix = Float32Array.from({ length: rows * dimensions }, (_, i) => Math.sin(i * 1.7));
  const query = Float64Array.from({ length: dimensions }, (_, i) => Math.cos(i * 0.3));
  for (const [first, count] of [[0, 11], [1, 9], [3, 4], [10, 1], [2, 0]] as const) {
    const out = new Float64Array(count).fill(Number.NaN);
    dotRowsInto(query, matrix, first, count, out);
    for (let r = 0; r < count; r++) {
      let expected = 0;
      for (let i = 0; i < dimensions; i++) expected += query[i]! * matrix[(first + r) * dimensions + i]!;
      assert.ok(Math.abs(out[r]! - expected) < 1e-12, `row ${first + r}: ${out[r]} vs ${expected}`);
    }
  }
});

test('the table rejects bad shapes, queries and k with typed errors', () => {
  const table = randomTable(10, 4);
  assert.throws(() => EmbeddingTable.fromVectors(['a', 'b'], new Float32Array(7), 4, { name: 'x' }), InvalidOptionError);
  assert.throws(() => EmbeddingTable.fromVectors(['a'], new Float32Array([1, NaN]), 2, { name: 'x' }), /not finite/);
  assert.throws(() => table.nearest(new Float32Array(3)), /expected 4 dimensions/);
  assert.throws(() => table.nearest(new Float32Array(4), { k: -1 }), /k: /);
  assert.throws(() => table.unit(10), /outside the table/);
  assert.equal(table.indexOf('W3'), 3, 'falls back to lower case');
  assert.equal(table.indexOf('nope'), -1);
});

test('float16 round-trips exactly representable values and rounds to nearest even', () => {
  for (const value of [0, 1, -2, 0.5, 65504, 2 ** -24, -(2 ** -14), 0.333251953125]) assert.equal(fromFloat16Bits(toFloat16Bits(value)), value);
  assert.equal(fromFloat16Bits(toFloat16Bits(1 + 2 ** -11)), 1, 'tie rounds to even');
  assert.equal(fromFloat16Bits(toFloat16Bits(1e6)), Infinity);
  assert.ok(Math.abs(fromFloat16Bits(toFloat16Bits(0.1)) - 0.1) < 1e-4);
});

test('assets round-trip in every quantisation, keeping labels, norms and neighbours', () => {
  const table = EmbeddingTable.fromVectors(['é', 'new york', 'b'], new Float32Array([3, 4, 0, 0, 0, 2, 1, 1, 1]), 3, { name: 'tiny', license: 'PDDL' });
  for (const quantisation of ['int8', 'float16', 'float32'] as const) {
    const bytes = encodeAsset(table, quantisation);
    assert.equal(readAssetHeader(bytes, 'x').quantisation, quantisation);
    const decoded = decodeAsset(bytes, 'tiny.lxemb');
    assert.deepEqual(decoded.labels, table.labels);
    assert.deepEqual(Array.from(decoded.norms), Array.from(table.norms));
    assert.deepEqual(decoded.source, table.source);
    const tolerance = quantisation === 'int8' ? 0.01 : 1e-3;
    decoded.units.forEach((value, i) => assert.ok(Math.abs(value - table.units[i]!) < tolerance, `${quantisation} component ${i}`));
  }
});

test('broken assets fail with EmbeddingFormatError naming the file', () => {
  const bytes = encodeAsset(randomTable(20, 8), 'int8');
  const fails = (input: Uint8Array, message: RegExp) =>
    assert.throws(() => decodeAsset(input, 'words.lxemb'), (e: unknown) => e instanceof EmbeddingFormatError && e.field === 'words.lxemb' && message.test(e.message));
  fails(bytes.subarray(0, bytes.length - 1), /truncated/);
  fails(new TextEncoder().encode('<!doctype html>'), /not an embedding asset/);
  const badHeader = bytes.slice();
  badHeader[12] = 0x7b + 1;
  fails(badHeader, /not valid JSON/);
});

test('Projector TSV with metadata becomes a table; bad cells are located', () => {
  const table = parseProjectorTsv('1\t0\n0\t1\n0.5\t0.5\n', 'word\tpos\nup\tx\nright\ty\ndiagonal\tz\n');
  assert.deepEqual(table.labels, ['up', 'right', 'diagonal']);
  assert.equal(table.nearest(new Float32Array([1, 0.9]), { k: 1 })[0]!.label, 'diagonal');
  assert.throws(() => parseProjectorTsv('1\t2\n3\tx\n'), /line 2, column 2: "x" is not a number/);
  assert.throws(() => parseProjectorTsv('1\t2\n3\n'), /line 2 has 1 values, expected 2/);
  assert.throws(() => parseProjectorTsv('1\n2\n', 'only-one\n'), /1 labels for 2 vectors/);
});

test('spelling suggestions: bounded edit distance with transpositions, frequent first', () => {
  assert.equal(boundedEditDistance('queen', 'qeuen', 2), 1);
  assert.equal(boundedEditDistance('kitten', 'sitting', 2), 3, 'gives up past the bound');
  assert.deepEqual(closestSpellings('womna', ['the', 'woman', 'women', 'wombat']), ['woman', 'women', 'wombat']);
});

test('Jacobi eigen-decomposition reproduces a known spectrum', () => {
  const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
  assert.deepEqual(Array.from(values, (v) => Number(v.toFixed(10))), [5, 3, 1]);
  assert.ok(Math.abs(Math.abs(vectors[1]![0]!) - Math.SQRT1_2) < 1e-10);
});

test('Jacobi converges to the same relative precision on tiny and huge matrices', () => {
  // A dense 6×6 matrix with a known spectrum: Q·diag(λ)·Qᵀ for a rotation Q.
  const n = 6;
  const spectrum = [9, 4, 2.5, 1, 0.5, 0.25];
  const q = symmetricEigen(Float64Array.from({ length: n * n }, (_, i) => Math.sin(i * 0.7) + Math.sin(((i % n) * n + Math.floor(i / n)) * 0.7)), n).vectors;
  const base = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) base[i * n + j]! += spectrum[k]! * q[k]![i]! * q[k]![j]!;
  for (const scale of [1e-14, 1, 1e12]) {
    const { values } = symmetricEigen(base.map((x) => x * scale), n);
    values.forEach((value, k) => assert.ok(Math.abs(value / scale - spectrum[k]!) < 1e-9, `scale ${scale}: λ${k} = ${value / scale}`));
  }
});

test('PCA finds the dominant direction and preserves arithmetic exactly', () => {
  const table = randomTable(200, 10, 3);
  const rows = table.units.slice();
  for (let r = 0; r < 200; r++) rows[r * 10 + 2]! += (r % 2 ? 3 : -3); // a strong axis along dimension 2
  const pca = fitPca(rows, 10);
  assert.ok(Math.abs(pca.x[2]!) > 0.99, 'first component is dimension 2');
  assert.ok(pca.explained[0] > 0.8 && pca.explained[0] + pca.explained[1] <= 1);
  const [a, b, c] = [0, 1, 2].map((r) => rows.subarray(r * 10, r * 10 + 10));
  const combined = a!.map((v, i) => v - b![i]! + c![i]!);
  const [pa, pb, pc, pr] = [a!, b!, c!, combined].map((v) => projectPoint(pca, v));
  assert.ok(Math.abs(pr![0] - (pa![0] - pb![0] + pc![0])) < 1e-5 && Math.abs(pr![1] - (pa![1] - pb![1] + pc![1])) < 1e-5);
  assert.throws(() => fitPca(new Float32Array(10), 10), /at least 2 rows/);
});

test('custom axes put from at 0 and to at 1 and report their angle', () => {
  const map = customAxes({ from: [0, 0, 1], to: [2, 0, 1] }, { from: [0, 0, 1], to: [0, 4, 1] });
  assert.deepEqual(projectPoint(map, [0, 0, 1]), [0, 0]);
  assert.deepEqual(projectPoint(map, [2, 0, 1]), [1, 0]);
  assert.deepEqual(projectPoint(map, [1, 2, 7]), [0.5, 0.5]);
  assert.equal(Math.round(map.angleDegrees), 90);
  assert.throws(() => customAxes({ from: [1, 1], to: [1, 1] }, { from: [0, 0], to: [0, 1] }), /define no direction/);
});

test('neighbour preservation is 1 for an isometric map and low for a scrambled one', () => {
  const table = randomTable(120, 2, 5);
  const identity = projectRows({ x: Float64Array.of(1, 0), y: Float64Array.of(0, 1), offset: [0, 0] }, table.units, 2);
  assert.equal(neighbourPreservation(table.units, 2, identity, 5).mean, 1);
  const scrambled = identity.slice().reverse();
  assert.ok(neighbourPreservation(table.units, 2, scrambled, 5).mean < 0.3);
});

test('UMAP (exact neighbours, seeded) separates two clusters, reproducibly, and places new points', () => {
  const count = 60;
  const units = new Float32Array(count * 8);
  let state = 11;
  const noise = () => ((state = (state * 16807) % 2147483647) / 2147483647 - 0.5) * 0.2;
  for (let r = 0; r < count; r++) for (let d = 0; d < 8; d++) units[r * 8 + d] = (d === (r < count / 2 ? 0 : 1) ? 1 : 0) + noise();
  const progress: string[] = [];
  const first = fitUmap(units, 8, { nEpochs: 60, nNeighbors: 8 }, (p) => progress.push(`${p.phase}:${p.done}/${p.total}`));
  const again = fitUmap(units, 8, { nEpochs: 60, nNeighbors: 8 });
  assert.deepEqual(first.points, again.points, 'same seed, same layout');
  assert.ok(progress.includes('layout:60/60') && progress.some((p) => p.startsWith('neighbours:')));
  const centre = (from: number) => [0, 1].map((axis) => first.points.filter((_, i) => i % 2 === axis && i >> 1 >= from && i >> 1 < from + count / 2).reduce((s, v) => s + v, 0) / (count / 2));
  const [a, b] = [centre(0), centre(count / 2)];
  assert.ok(Math.hypot(a![0]! - b![0]!, a![1]! - b![1]!) > 2, 'clusters apart');
  const nearerOwnCentre = Array.from({ length: count }, (_, r) => {
    const [own, other] = r < count / 2 ? [a!, b!] : [b!, a!];
    const [x, y] = [first.points[2 * r]!, first.points[2 * r + 1]!];
    return Math.hypot(x - own[0]!, y - own[1]!) < Math.hypot(x - other[0]!, y - other[1]!);
  });
  assert.ok(nearerOwnCentre.every(Boolean), 'every point sits with its own cluster');
  const placed = first.transform(units.slice(0, 8));
  assert.equal(placed.length, 2);
  assert.ok(Math.hypot(placed[0]! - a![0]!, placed[1]! - a![1]!) < Math.hypot(placed[0]! - b![0]!, placed[1]! - b![1]!), 'transform lands in its cluster');
  assert.throws(() => fitUmap(units.subarray(0, 40), 8, { nNeighbors: 8 }), /more than 8 points/);
});

test('3CosMul on a synthetic table prefers the answer that is close to both positive terms', () => {
  const table = EmbeddingTable.fromVectors(['a', 'b', 'c', 'good', 'bad'], new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1, -1]), 3, { name: 't' });
  const mul = solveExpression(table, 'b - a + c', { method: '3cosmul', k: 2 });
  assert.deepEqual(mul.answers.map((a) => a.label), ['good', 'bad']);
  assert.throws(() => solveExpression(table, 'a', { method: 'nope' as '3cosadd' }), /method/);
});

// The typed-array UMAP (exact int8-accelerated neighbours, flat fuzzy graph, table-powered
// gradient descent) lays out real GloVe words as well as plain umap-js does on the same words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UMAP } from 'umap-js';
import { decodeAsset } from '../../src/explorers/table/asset-codec.js';
import { fitUmap } from '../../src/explorers/umap/fit-umap.js';
import { exactNeighbours } from '../../src/explorers/umap/exact-neighbours.js';
import { powerTable } from '../../src/explorers/umap/power-table.js';
import { seededRandom } from '../../src/explorers/umap/seeded-random.js';
import { neighbourPreservation } from '../../src/explorers/projection/neighbour-preservation.js';
import { dotRow } from '../../src/explorers/table/vector-math.js';

const ASSET = 'assets/embeddings/glove-6b-100d-50k.int8.lxemb';
const table = decodeAsset(new Uint8Array(readFileSync(ASSET)), ASSET);
// Frequent words after the first 100 (mostly punctuation and stop words), as the bench takes them.
const words = table.subset(Array.from({ length: 1500 }, (_, i) => i + 100));

test('the power table matches Math.pow to 10⁻⁵ across the range the layout meets', () => {
  const random = seededRandom(5);
  for (const b of [0.79, 0.894, 1.2, 1.93]) {
    const pow = powerTable(b);
    for (let i = 0; i < 20_000; i++) {
      const x = Math.exp((random() - 0.5) * 60);
      assert.ok(Math.abs(pow(x) / Math.pow(x, b) - 1) < 1e-5, `${x}^${b}`);
    }
    assert.equal(pow(0), 0);
  }
});

test('the int8-accelerated neighbour graph is the exact one', () => {
  const graph = exactNeighbours(words.units, 100, 10);
  for (const i of [0, 17, 400, 1499]) {
    const scores = Array.from({ length: words.size }, (_, j) => ({ j, cos: j === i ? Infinity : dotRow(words.unit(i), words.units, j * 100) }));
    scores.sort((x, y) => y.cos - x.cos || x.j - y.j);
    assert.deepEqual(Array.from(graph.indices.subarray(i * 10, (i + 1) * 10)), scores.slice(0, 10).map((s) => s.j), `row ${i}`);
  }
});

test('same seed, same layout; neighbour preservation within 2 points of plain umap-js on the same 1 500 words', () => {
  const ours = fitUmap(words.units, 100, { seed: 42 });
  assert.deepEqual(fitUmap(words.units, 100, { seed: 42 }).points, ours.points);
  assert.notDeepEqual(fitUmap(words.units, 100, { seed: 43, nEpochs: 30 }).points, fitUmap(words.units, 100, { seed: 42, nEpochs: 30 }).points);
  const rows = Array.from({ length: words.size }, (_, r) => Array.from(words.unit(r)));
  const plain = Float32Array.from(new UMAP({ nComponents: 2, random: seededRandom(42) }).fit(rows).flat());
  const keptOurs = neighbourPreservation(words.units, 100, ours.points, 10).mean;
  const keptPlain = neighbourPreservation(words.units, 100, plain, 10).mean;
  assert.ok(keptOurs > keptPlain - 0.02, `10-NN kept: ours ${(100 * keptOurs).toFixed(1)}%, umap-js ${(100 * keptPlain).toFixed(1)}%`);
  const placed = ours.transform(words.units.slice(0, 100));
  assert.ok(placed.every(Number.isFinite));
});

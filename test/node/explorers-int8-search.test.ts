// Search over an int8 copy of the rows, then exact Float32 rescoring: the answers (rows, order and
// scores) are identical to the plain Float32 scan, on the whole analogy set of the shipped asset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeAsset } from '../../src/explorers/table/asset-codec.js';
import { EmbeddingTable } from '../../src/explorers/table/embedding-table.js';
import { evaluateExpression } from '../../src/explorers/expression/evaluate.js';
import { instantiateInt8Dot } from '../../src/explorers/table/int8-dot-wasm.js';
import { Int8SearchIndex } from '../../src/explorers/table/int8-search.js';
import { seededRandom } from '../../src/explorers/umap/seeded-random.js';
import { analogyQuestions } from '../../bench/embeddings-analogies.js';

const ASSET = 'assets/embeddings/glove-6b-100d-50k.int8.lxemb';

test('the WebAssembly SIMD kernel computes exact integer dot products', () => {
  const kernel = instantiateInt8Dot();
  assert.ok(kernel, 'WebAssembly SIMD is available in Node');
  const random = seededRandom(3);
  const [rows, chunks] = [37, 7];
  const query = Int16Array.from({ length: chunks * 16 }, () => Math.round((random() * 2 - 1) * 32767));
  const codes = Int8Array.from({ length: rows * chunks * 16 }, () => Math.round((random() * 2 - 1) * 127));
  new Int16Array(kernel.memory.buffer, 0, query.length).set(query);
  new Int8Array(kernel.memory.buffer, 1024, codes.length).set(codes);
  kernel.scan(0, 1024, rows, chunks, 512);
  const out = new Int32Array(kernel.memory.buffer, 512, rows);
  for (let row = 0; row < rows; row++) {
    let expected = 0;
    for (let i = 0; i < chunks * 16; i++) expected += query[i]! * codes[row * chunks * 16 + i]!;
    assert.equal(out[row], expected, `row ${row}`);
  }
});

test('every analogy question of the set gets the Float32 scan\'s exact answers (cosine and Euclidean, k = 1 and 10)', () => {
  const table = decodeAsset(new Uint8Array(readFileSync(ASSET)), ASSET);
  let checked = 0;
  for (const q of analogyQuestions()) {
    const { vector, terms } = evaluateExpression(`${q.b} - ${q.a} + ${q.c}`, table);
    const exclude = terms.map((term) => term.index);
    for (const metric of ['cosine', 'euclidean'] as const) {
      for (const k of [1, 10]) {
        const plain = table.nearest(vector, { k, exclude, metric, scan: 'float32' });
        assert.deepEqual(table.nearest(vector, { k, exclude, metric }), plain, `${q.b} - ${q.a} + ${q.c} (${metric}, k ${k})`);
        checked++;
      }
    }
  }
  assert.equal(checked, analogyQuestions().length * 4);
});

test('the candidates are few yet hold the true top k; exact ties keep the earlier row, as the plain scan does', () => {
  const random = seededRandom(11);
  const dimensions = 50;
  const base = Float32Array.from({ length: 6000 * dimensions }, () => random() * 2 - 1);
  // Rows 100…199 repeat rows 0…99 exactly: ties everywhere near the top.
  base.copyWithin(100 * dimensions, 0, 100 * dimensions);
  const table = EmbeddingTable.fromVectors(Array.from({ length: 6000 }, (_, i) => `w${i}`), base, dimensions, { name: 'random' });
  const index = new Int8SearchIndex(table.units, dimensions);
  for (let probe = 0; probe < 40; probe++) {
    const query = Float64Array.from(table.unit(probe * 7));
    const plain = table.nearest(query, { k: 10, scan: 'float32' });
    assert.deepEqual(table.nearest(query, { k: 10 }), plain);
    const candidates = new Set(index.candidates(query, 10, new Set()));
    for (const n of plain) assert.ok(candidates.has(n.index), `row ${n.index} of the top 10 is a candidate`);
    assert.ok(candidates.size < 600, `${candidates.size} of 6000 rows rescored`);
  }
  const tied = table.nearest(table.unit(5), { k: 2 });
  assert.deepEqual(tied.map((n) => n.index), [5, 105]);
});

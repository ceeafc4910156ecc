import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readGlovePackage } from '../../src/explorers/node/read-glove-package.js';
import { analogy, solveExpression } from '../../src/explorers/analogy.js';
import { decodeAsset } from '../../src/explorers/table/asset-codec.js';
import { UnknownWordError } from '../../src/explorers/errors.js';
import type { EmbeddingTable } from '../../src/explorers/table/embedding-table.js';

// The full GloVe 6B 100d table (341 479 words) read from the npm package, and the shipped asset.
let full: EmbeddingTable;
let asset: EmbeddingTable;

before(async () => {
  full = await readGlovePackage();
  asset = decodeAsset(new Uint8Array(await readFile('assets/embeddings/glove-6b-100d-50k.int8.lxemb')), 'glove asset');
});

test('the package reads completely, in frequency order, with the vectors GloVe published', () => {
  assert.equal(full.size, 341_479);
  assert.equal(full.dimensions, 100);
  assert.deepEqual(full.labels.slice(0, 4), ['the', ',', '.', 'of']);
  // First components of "king" in glove.6B.100d.txt, and its stored L2 norm.
  const king = full.raw(full.indexOf('king'));
  assert.deepEqual(Array.from(king.subarray(0, 3), (v) => Number(v.toFixed(5))), [-0.32307, -0.87616, 0.21977]);
  assert.ok(Math.abs(full.norms[full.indexOf('king')]! - 6.1176) < 1e-3);
});

test('king − man + woman → queen and paris − france + italy → rome over all 341k words (3CosAdd)', () => {
  const royal = solveExpression(full, 'king - man + woman', { k: 5 });
  assert.equal(royal.answers[0]!.label, 'queen');
  assert.ok(royal.answers[0]!.score > 0.7);
  assert.ok(!royal.answers.some((a) => ['king', 'man', 'woman'].includes(a.label)), 'inputs excluded');
  assert.equal(analogy(full, 'france', 'paris', 'italy').answers[0]!.label, 'rome');
});

test('the same analogies with 3CosMul, and on the shipped 50k int8 asset', () => {
  assert.equal(solveExpression(full, 'king - man + woman', { method: '3cosmul' }).answers[0]!.label, 'queen');
  assert.equal(solveExpression(full, 'paris - france + italy', { method: '3cosmul' }).answers[0]!.label, 'rome');
  // The 50 000 most frequent words, then the rarer example words the article uses ("ewe").
  assert.deepEqual(asset.labels.slice(0, 50_000), full.labels.slice(0, 50_000));
  assert.ok(asset.size > 50_000 && asset.size < 50_100, `${asset.size} rows`);
  assert.ok(asset.has('ewe'));
  assert.equal(solveExpression(asset, 'king - man + woman').answers[0]!.label, 'queen');
  assert.equal(solveExpression(asset, 'paris - france + italy').answers[0]!.label, 'rome');
  assert.equal(solveExpression(asset, 'mean(hot, cold)', { k: 3, excludeInputs: false }).answers.length, 3);
});

test('int8 quantisation keeps neighbourhoods: top-10 of common words mostly unchanged', () => {
  let overlap = 0;
  const words = ['king', 'paris', 'computer', 'river', 'happy', 'music', 'doctor', 'green'];
  for (const word of words) {
    const exact = full.nearest(full.unit(full.indexOf(word)), { k: 10, exclude: [word] }).filter((n) => n.index < 50_000);
    const quantised = new Set(asset.nearest(asset.unit(asset.indexOf(word)), { k: 10, exclude: [word] }).map((n) => n.label));
    overlap += exact.filter((n) => quantised.has(n.label)).length / exact.length;
  }
  assert.ok(overlap / words.length > 0.85, `mean overlap ${overlap / words.length}`);
});

test('misspellings on the real vocabulary get useful suggestions', () => {
  assert.throws(
    () => solveExpression(asset, 'kign - man + woman'),
    (error: unknown) => error instanceof UnknownWordError && error.suggestions.includes('king') && error.word === 'kign',
  );
});

test('over all 341k words the int8 search answers the whole analogy set exactly as the Float32 scan does', async () => {
  const { analogyQuestions } = await import('../../bench/embeddings-analogies.js');
  const { evaluateExpression } = await import('../../src/explorers/expression/evaluate.js');
  for (const q of analogyQuestions()) {
    const { vector, terms } = evaluateExpression(`${q.b} - ${q.a} + ${q.c}`, full);
    const exclude = terms.map((term) => term.index);
    assert.deepEqual(full.nearest(vector, { k: 10, exclude }), full.nearest(vector, { k: 10, exclude, scan: 'float32' }), `${q.b} - ${q.a} + ${q.c}`);
  }
});

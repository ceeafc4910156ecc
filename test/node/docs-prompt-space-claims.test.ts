// The figures the lx-prompt-space page (docs/components/lx-prompt-space.html) quotes, recomputed
// on the shipped pocket model: the pooler output barely moves between prompts, the token mean
// does, and the pocket vocabulary's size.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { embedPrompts } from '../../src/pipeline/run/prompt-embeddings.js';
import { intTensor, readFloats } from '../../src/pipeline/io/tensors.js';

const PAGE = readFileSync('docs/components/lx-prompt-space.html', 'utf8');
const POCKET = 'assets/models/pocket';
const SHEEP = 'a sheep riding a motorcycle';
const CAT = 'a cat driving a car in a city at night';

let model: DiffusionModel;
before(async () => {
  model = await loadModelInNode(POCKET);
});
after(() => model?.dispose());

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return dot / Math.sqrt(aa * bb);
}

/** The number the page quotes after `before`, as written (two decimals). */
function quoted(before: RegExp): number {
  const match = new RegExp(`${before.source}\\s*(0\\.\\d\\d)`).exec(PAGE) ?? assert.fail(`the page quotes ${before.source}`);
  return Number(match[1]);
}

test('the pooler-output and token-mean similarities the page quotes are the shipped model\'s', async () => {
  const pooled = await embedPrompts(model, [SHEEP, CAT, 'a sheep riding a bicycle']);
  const row = (i: number) => pooled.pooled.subarray(i * pooled.dimensions, (i + 1) * pooled.dimensions);
  const poolers: Float32Array[] = [];
  for (const prompt of [SHEEP, CAT]) {
    const ids = model.tokenizer.encode(prompt).ids;
    const result = await model.components.textEncoder.session.run({ input_ids: intTensor(ids, [1, ids.length], 'int64') }, ['pooler_output']);
    poolers.push(readFloats(result['pooler_output']!));
  }
  assert.match(PAGE, new RegExp(`"${SHEEP}" and "${CAT}"`));
  assert.equal(quoted(/its cosine similarity is/), Number(cosine(poolers[0]!, poolers[1]!).toFixed(2)));
  assert.equal(quoted(/The token mean gives/), Number(cosine(row(0), row(1)).toFixed(2)));
  assert.equal(quoted(/that pair and/), Number(cosine(row(0), row(2)).toFixed(2)));
});

test('the page\'s word count is the pocket tokenizer\'s vocabulary', () => {
  const vocab = (JSON.parse(readFileSync(`${POCKET}/tokenizer/tokenizer.json`, 'utf8')) as { model: { vocab: Record<string, number> } }).model.vocab;
  const words = Object.keys(vocab).filter((w) => !/^\[.*\]$/.test(w));
  const [, count] = /one outside its (\d+) words/.exec(PAGE) ?? assert.fail('the page names the vocabulary size');
  assert.equal(Number(count), words.length);
});

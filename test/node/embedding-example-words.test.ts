// The shipped word-vector asset holds every word the article (docs/) and the seed article use as
// an example, so no figure or sentence names a word the reader's browser cannot look up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeAsset } from '../../src/explorers/table/asset-codec.js';
import { SEED_ARTICLE_WORDS, docsExampleWords, requiredExampleWords } from '../../scripts/embedding-example-words.js';

const ASSET = 'assets/embeddings/glove-6b-100d-50k.int8.lxemb';

test('the docs name example words, and the seed article\'s "ewe" is among those required', () => {
  const docs = docsExampleWords().map((entry) => entry.word);
  for (const word of ['sheep', 'lamb', 'goat', 'king', 'queen', 'paris', 'italy', 'swim']) assert.ok(docs.includes(word), `${word} found in docs/`);
  assert.ok(SEED_ARTICLE_WORDS.includes('ewe'));
  assert.ok(requiredExampleWords().some((entry) => entry.word === 'ewe'));
});

test('every example word of the article and the seed article is in the shipped asset', () => {
  const table = decodeAsset(new Uint8Array(readFileSync(ASSET)), ASSET);
  const missing = requiredExampleWords().filter((entry) => !table.has(entry.word));
  assert.deepEqual(
    missing.map((entry) => `${entry.word} (${entry.where})`),
    [],
    'rebuild the asset: npx tsx scripts/build-embeddings.ts (it forces every example word in)',
  );
  assert.ok(table.size >= 50_000, 'the 50 000 most frequent words are all still there');
});

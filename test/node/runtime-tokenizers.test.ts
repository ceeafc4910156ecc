import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { clipVocabulary, gunzipText } from '../../src/pipeline/tokenizers/clip-vocabulary.js';
import { clipTokenizerJson } from '../../src/pipeline/tokenizers/clip-tokenizer-json.js';
import { createClipTokenizer } from '../../src/pipeline/tokenizers/clip-tokenizer.js';

const reference = JSON.parse(await readFile('test/fixtures/tokenizers/clip-reference-ids.json', 'utf8')) as {
  cases: { prompt: string; ids: number[] }[];
};
const { vocab, merges } = clipVocabulary(await gunzipText(await readFile('assets/tokenizers/clip/bpe_simple_vocab_16e6.txt.gz')));
const json = clipTokenizerJson(vocab, merges);

test('CLIP vocabulary has CLIP ids: 49408 entries, markers at 49406/49407', () => {
  assert.equal(vocab.size, 49408);
  assert.equal(vocab.get('<|startoftext|>'), 49406);
  assert.equal(vocab.get('<|endoftext|>'), 49407);
  assert.equal(vocab.get('!'), 0);
});

test('CLIP tokenizer gives the ids of OpenAI reference tokenizer for every reference prompt', () => {
  const tokenizer = createClipTokenizer(json, { pad_token: '<|endoftext|>' });
  for (const { prompt, ids } of reference.cases) {
    const result = tokenizer.encode(prompt);
    const expected = ids.length > 77 ? [...ids.slice(0, 76), 49407] : ids;
    assert.deepEqual(Array.from(result.ids.subarray(0, result.tokenCount)), expected, prompt);
    assert.equal(result.truncated, ids.length > 77, prompt);
    assert.equal(result.droppedTokens, Math.max(0, ids.length - 77), prompt);
  }
});

test('SD 1.5 pads with <|endoftext|>, SD-Turbo (pad_token "!") with 0', () => {
  const sd15 = createClipTokenizer(json, { pad_token: { content: '<|endoftext|>' } }).encode('a cat');
  const turbo = createClipTokenizer(json, { pad_token: '!' }).encode('a cat');
  assert.equal(sd15.ids.length, 77);
  assert.deepEqual(Array.from(sd15.ids.subarray(0, 5)), [49406, 320, 2368, 49407, 49407]);
  assert.deepEqual(Array.from(turbo.ids.subarray(0, 5)), [49406, 320, 2368, 49407, 0]);
  assert.equal(turbo.ids[76], 0);
});

test('an empty prompt is just the markers (unconditional)', () => {
  const empty = createClipTokenizer(json, {}).encode('');
  assert.equal(empty.tokenCount, 2);
  assert.equal(empty.truncated, false);
});

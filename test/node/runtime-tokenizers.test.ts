import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { clipVocabulary, gunzipText } from '../../src/pipeline/tokenizers/clip-vocabulary.js';
import { clipTokenizerJson } from '../../src/pipeline/tokenizers/clip-tokenizer-json.js';
import { createClipTokenizer } from '../../src/pipeline/tokenizers/clip-tokenizer.js';
import { clipPromptTokens, normalizeClipText } from '../../src/pipeline/tokenizers/clip-prompt-tokens.js';
import { createWordLevelTokenizer } from '../../src/pipeline/tokenizers/word-level-tokenizer.js';

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

describe('readable CLIP tokens: text, word ends and prompt spans', () => {
  const clip = createClipTokenizer(json, { pad_token: '<|endoftext|>' });
  const shown = (prompt: string) =>
    clip.encode(prompt).tokens.map((t) => [t.text, t.endsWord, t.span && prompt.slice(t.span[0], t.span[1])]);

  test('"a sheep riding a motorcycle": one piece per word, markers named, each word found in the prompt', () => {
    const result = clip.encode('a sheep riding a motorcycle');
    assert.deepEqual(result.tokens.map((t) => t.id), Array.from(result.ids.subarray(0, result.tokenCount)));
    assert.deepEqual(shown('a sheep riding a motorcycle'), [
      ['<|startoftext|>', true, null],
      ['a', true, 'a'],
      ['sheep', true, 'sheep'],
      ['riding', true, 'riding'],
      ['a', true, 'a'],
      ['motorcycle', true, 'motorcycle'],
      ['<|endoftext|>', true, null],
    ]);
    assert.deepEqual(result.tokens.map((t) => t.kind), ['start', 'text', 'text', 'text', 'text', 'text', 'end']);
    assert.deepEqual(result.tokens[4]!.span, [15, 16]);
    assert.equal(result.tokens[5]!.vocabEntry, 'motorcycle</w>');
    assert.equal(clip.padToken, '<|endoftext|>');
  });

  test('a word split into several pieces: only the last ends the word, spans cover the original casing', () => {
    assert.deepEqual(shown('  Photorealistic  unicorns'), [
      ['<|startoftext|>', true, null],
      ['photo', false, 'Photo'],
      ['realistic', true, 'realistic'],
      ['unicorns', true, 'unicorns'],
      ['<|endoftext|>', true, null],
    ]);
  });

  test('accented letters: pieces that split a character show its bytes and point at the whole character', () => {
    const tokens = clip.encode('crème brûlée').tokens;
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['<|startoftext|>', 'cr', 'è', 'me', 'br', '⟨c3⟩', '⟨bb⟩', 'l', 'ée', '<|endoftext|>'],
    );
    assert.deepEqual(tokens[5]!.span, [8, 9]);
    assert.deepEqual(tokens[6]!.span, [8, 9]);
  });

  test('emoji: a whole-character piece shows the emoji, a variation selector shows as its code point', () => {
    assert.deepEqual(shown('🐑 on a 🏍️'), [
      ['<|startoftext|>', true, null],
      ['🐑', true, '🐑'],
      ['on', true, 'on'],
      ['a', true, 'a'],
      ['⟨f0 9f 8f⟩', false, '🏍'],
      ['⟨8d⟩', false, '🏍'],
      ['U+FE0F', true, '\uFE0F'],
      ['<|endoftext|>', true, null],
    ]);
  });

  test('case rules that need context (final sigma) and NFC composition still give spans, of the whole word', () => {
    const sigma = clip.encode('ΣΑΣ x').tokens;
    assert.ok(sigma.slice(1, -2).every((t) => t.span?.[0] === 0 && t.span[1] === 3));
    assert.deepEqual(sigma.at(-2)!.span, [4, 5]);
    const composed = clip.encode('cafe\u0301!').tokens;
    assert.deepEqual(composed.map((t) => t.text), ['<|startoftext|>', 'café', '!', '<|endoftext|>']);
    // NFC joins e + U+0301 only when the run is normalised whole, so both pieces point at the run.
    assert.deepEqual(composed[1]!.span, [0, 6]);
    assert.deepEqual(composed[2]!.span, [0, 6]);
  });

  test('a marker typed in the prompt is a text token with a span, not the end of the prompt', () => {
    const tokens = clip.encode("it's <|endoftext|> x").tokens;
    assert.deepEqual(tokens.map((t) => t.kind), ['start', 'text', 'text', 'text', 'text', 'end']);
    assert.deepEqual(tokens[3]!.span, [5, 18]);
  });

  test('over 77 tokens: 76 kept pieces then <|endoftext|>, spans still in prompt order', () => {
    const prompt = Array.from({ length: 90 }, (_, i) => (i % 2 ? 'sheep' : 'motorcycle')).join(' ');
    const result = clip.encode(prompt);
    assert.equal(result.tokens.length, 77);
    assert.equal(result.truncated, true);
    assert.equal(result.droppedTokens, 92 - 77);
    assert.equal(result.tokens.at(-1)!.kind, 'end');
    assert.equal(result.tokens.at(-1)!.span, null);
    assert.deepEqual(result.tokens.map((t) => t.id), Array.from(result.ids.subarray(0, 77)));
    const starts = result.tokens.slice(1, -1).map((t) => t.span![0]);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    // Token 75 is word 74 (after the start marker): an even word, "motorcycle".
    assert.equal(prompt.slice(...(result.tokens[75]!.span as [number, number])), 'motorcycle');
  });

  test('on every reference prompt, each piece\'s text is found in its span of the prompt', () => {
    for (const { prompt } of reference.cases) {
      const { tokens } = clip.encode(prompt);
      for (const token of tokens.slice(1, -1)) {
        assert.ok(token.span, `${prompt}: ${token.vocabEntry} has a span`);
        if (/^(⟨|U\+)/.test(token.text)) continue;
        assert.ok(normalizeClipText(prompt.slice(...token.span)).includes(token.text), `${prompt}: ${token.text}`);
      }
    }
  });

  test('pieces that do not spell the prompt (a foreign normaliser) get no spans rather than wrong ones', () => {
    const tokens = clipPromptTokens('abc', ['<|startoftext|>', 'xyz</w>', '<|endoftext|>'], [49406, 1, 49407]);
    assert.deepEqual(tokens.map((t) => [t.text, t.span]), [['<|startoftext|>', null], ['xyz', null], ['<|endoftext|>', null]]);
  });

  test('SD-Turbo names its padding token "!"', () => {
    assert.equal(createClipTokenizer(json, { pad_token: '!' }).padToken, '!');
  });
});

test('word-level tokens: words, rewrites and unknowns point back at what was typed', () => {
  const vocab = { '[PAD]': 0, '[UNK]': 1, '[BOS]': 2, '[EOS]': 3, a: 4, sheep: 5 };
  const tokenizer = createWordLevelTokenizer({ model: { type: 'WordLevel', vocab, unk_token: '[UNK]' } }, { version: 1, map: { lamb: ['sheep', 0.8] } }, 8);
  const prompt = 'A  Lamb, zorb!';
  const { tokens } = tokenizer.encode(prompt);
  assert.deepEqual(
    tokens.map((t) => [t.text, t.kind, t.sourceWord, t.span && prompt.slice(t.span[0], t.span[1])]),
    [['[BOS]', 'start', undefined, null], ['a', 'text', undefined, 'A'], ['sheep', 'mapped', 'lamb', 'Lamb'], ['[UNK]', 'unknown', 'zorb', 'zorb'], ['[EOS]', 'end', undefined, null]],
  );
  assert.equal(tokenizer.padToken, '[PAD]');
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attentionFromOutputs, attentionHeatmap, attentionShares, shareInMask, type StepAttention } from '../../src/pipeline/attention/attention-maps.js';
import { attentionWords } from '../../src/pipeline/attention/attention-words.js';
import { generateWithAttention, hasAttentionMaps, stepAttention } from '../../src/pipeline/attention/attention-run.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { tensor } from '../../src/pipeline/math/tensor.js';
import { InvalidOptionError } from '../../src/errors.js';
import type { TokenizedPrompt } from '../../src/pipeline/tokenizers/types.js';

/** A level whose every cell gives `p` of its attention to position `hot` and spreads the rest evenly. */
function level(resolution: number, textLength: number, cellValue: (cell: number, position: number) => number): { resolution: number; data: Float32Array } {
  const data = new Float32Array(resolution * resolution * textLength);
  for (let c = 0; c < resolution * resolution; c++) for (let p = 0; p < textLength; p++) data[c * textLength + p] = cellValue(c, p);
  return { resolution, data };
}

describe('attention maps (pure)', () => {
  test('a map sums to 1 over the picture, for one step and aggregated over steps and levels', () => {
    const steps: StepAttention[] = [0, 1, 2].map((s) => ({
      textLength: 4,
      levels: [level(4, 4, (c, p) => (p === 1 ? (c + s + 1) / 40 : 0.2)), level(2, 4, (c, p) => (p === 1 ? 0.5 : (c + 1) / 10))],
    }));
    for (const set of [[steps[0]!], steps]) {
      const map = attentionHeatmap(set, [1], 16);
      assert.equal(map.length, 256);
      assert.ok(Math.abs(map.reduce((a, b) => a + b, 0) - 1) < 1e-5);
      assert.ok(map.every((v) => v >= 0));
    }
  });

  test('upsampling keeps a level where its cells are: a hot top-left cell makes a hot top-left corner', () => {
    const step: StepAttention = { textLength: 2, levels: [level(2, 2, (c, p) => (p === 0 ? (c === 0 ? 1 : 0) : c === 0 ? 0 : 1))] };
    const map = attentionHeatmap([step], [0], 8);
    const quadrant = (qx: number, qy: number) => {
      let s = 0;
      for (let y = qy * 4; y < qy * 4 + 4; y++) for (let x = qx * 4; x < qx * 4 + 4; x++) s += map[y * 8 + x]!;
      return s;
    };
    assert.ok(quadrant(0, 0) > 0.6, `top-left holds ${quadrant(0, 0)}`);
    assert.ok(quadrant(1, 1) < 0.05);
    assert.equal(map[0], Math.max(...map)); // the corner pixel is the hottest (clamped, not blurred away)
  });

  test('two positions together give the sum of their maps (a word of several tokens)', () => {
    const step: StepAttention = { textLength: 3, levels: [level(2, 3, (c, p) => [0.5, c / 10, 0.5 - c / 10][p]!)] };
    const both = attentionHeatmap([step], [1, 2], 4);
    // cells give 0.5 to positions 1+2 together everywhere: a flat map.
    for (const v of both) assert.ok(Math.abs(v - 1 / 16) < 1e-6);
  });

  test('shares sum to 1 over positions; a mask takes its part of a map', () => {
    const step: StepAttention = { textLength: 3, levels: [level(2, 3, (_, p) => [0.6, 0.3, 0.1][p]!), level(1, 3, (_, p) => [0.2, 0.4, 0.4][p]!)] };
    const shares = attentionShares([step]);
    assert.deepEqual(Array.from(shares, (v) => Number(v.toFixed(5))), [0.4, 0.35, 0.25]);
    const map = new Float32Array([0.5, 0.25, 0.25, 0]);
    assert.equal(shareInMask(map, new Uint8Array([1, 0, 1, 0])), 0.75);
    assert.throws(() => shareInMask(map, new Uint8Array(3)), InvalidOptionError);
  });

  test('bad input is refused with a typed error naming the field', () => {
    const step: StepAttention = { textLength: 2, levels: [level(2, 2, () => 0.5)] };
    assert.throws(() => attentionHeatmap([step], [2], 4), (e: unknown) => e instanceof InvalidOptionError && e.field === 'positions');
    assert.throws(() => attentionHeatmap([], [0], 4), (e: unknown) => e instanceof InvalidOptionError && e.field === 'steps');
    assert.throws(() => attentionHeatmap([step], [0], 0), (e: unknown) => e instanceof InvalidOptionError && e.field === 'size');
    const outputs = { a: tensor(new Float32Array(2 * 6 * 2), [2, 6, 2]) };
    assert.throws(() => attentionFromOutputs(outputs, ['a'], 0), (e: unknown) => e instanceof InvalidOptionError && e.field === 'a');
    const square = { a: tensor(Float32Array.from({ length: 2 * 4 * 2 }, (_, i) => i), [2, 4, 2]) };
    assert.deepEqual(Array.from(attentionFromOutputs(square, ['a'], 1).levels[0]!.data), [8, 9, 10, 11, 12, 13, 14, 15]);
    assert.throws(() => attentionFromOutputs(square, ['a'], 2), (e: unknown) => e instanceof InvalidOptionError && e.field === 'row');
  });

  test('words group byte-pair pieces until one ends the word; markers and padding are entries of their own', () => {
    const token = (text: string, kind: 'start' | 'end' | 'text', endsWord: boolean, span: [number, number] | null) => ({ id: 0, text, vocabEntry: text, kind, endsWord, span });
    const tokens: TokenizedPrompt = {
      text: 'a motorcycle',
      ids: new Int32Array(8),
      tokenCount: 5,
      truncated: false,
      droppedTokens: 0,
      tokens: [token('<|startoftext|>', 'start', true, null), token('a', 'text', true, [0, 1]), token('motor', 'text', false, [2, 7]), token('cycle', 'text', true, [7, 12]), token('<|endoftext|>', 'end', true, null)],
      mappedWords: [],
      unknownWords: [],
    };
    const words = attentionWords(tokens, 8);
    assert.deepEqual(
      words.map((w) => [w.label, w.kind, w.positions]),
      [['<|startoftext|>', 'start', [0]], ['a', 'word', [1]], ['motorcycle', 'word', [2, 3]], ['<|endoftext|>', 'end', [4]], ['padding', 'padding', [5, 6, 7]]],
    );
    assert.deepEqual(words[2]!.span, [2, 12]);
    assert.equal(attentionWords(tokens, 5).length, 4); // no room left: no padding entry
    assert.throws(() => attentionWords(tokens, 4), InvalidOptionError);
  });
});

describe('attention during a run (pocket model)', () => {
  let model: DiffusionModel;
  before(async () => {
    model = await loadModelInNode('assets/models/pocket');
  });
  after(() => model.dispose());

  test('generateWithAttention gives each step the prompt row\'s maps and the very same pictures as generate', async () => {
    const options = { prompt: 'a white sheep riding a red motorcycle', seed: 7, steps: 3, guidanceScale: 5 };
    const plain = await generateAll(model, options);
    const run = generateWithAttention(model, options);
    const records = [];
    for await (const record of run) records.push(record);
    assert.equal(records.length, 3);
    records.forEach((record, i) => {
      assert.deepEqual(Array.from(record.latentOut.data), Array.from(plain.steps[i]!.latentOut.data));
      assert.equal(plain.steps[i]!.unetOutputs, undefined);
      const attention = stepAttention(model, record);
      assert.deepEqual(attention.levels.map((l) => l.resolution), [16, 8]);
      assert.equal(attention.textLength, model.config.textMaxLength);
    });
    const info = await run.info;
    const words = attentionWords(info.promptTokens!, model.config.textMaxLength);
    assert.deepEqual(words.filter((w) => w.kind === 'word').map((w) => w.label), ['a', 'white', 'sheep', 'riding', 'a', 'red', 'motorcycle']);
    const all = records.map((r) => stepAttention(model, r));
    const shares = attentionShares(all);
    assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-4);
    for (const w of words) {
      const map = attentionHeatmap(all, w.positions, 128);
      assert.ok(Math.abs(map.reduce((a, b) => a + b, 0) - 1) < 1e-4, `${w.label} sums to 1`);
    }
  });

  test('a model without attention outputs (as SD exports are) says so with a typed error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lx-noattn-'));
    try {
      await cp('assets/models/pocket', dir, { recursive: true });
      const index = JSON.parse(await readFile(join(dir, 'model_index.json'), 'utf8'));
      delete index.latent_explorables.unet_attention_outputs;
      await writeFile(join(dir, 'model_index.json'), JSON.stringify(index));
      const plain = await loadModelInNode(dir);
      try {
        assert.equal(hasAttentionMaps(plain), false);
        assert.throws(() => generateWithAttention(plain, { prompt: 'a cat', seed: 1, steps: 1 }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'model' && /does not export/.test(e.message));
      } finally {
        await plain.dispose();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// Prompt space on the shipped pocket model (onnxruntime-node): pooled prompt embeddings, prompt
// arithmetic fed to generation through encoderHiddenStates, the default prompt grid, the pocket
// vocabulary preset and the map's keyboard movement.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { embedPrompts, meanPoolTokens } from '../../src/pipeline/run/prompt-embeddings.js';
import { encodePrompts } from '../../src/pipeline/run/text-conditioning.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { combinePrompts, promptsNamed } from '../../src/components/prompt-space/prompt-arithmetic.js';
import { parsePromptList, pocketPromptGrid, MAX_PROMPTS } from '../../src/components/prompt-space/prompt-list.js';
import { nextPoint } from '../../src/components/prompt-space/point-navigation.js';
import { combinationOverlay, promptLayout } from '../../src/components/prompt-space/prompt-layout.js';
import { projectPoint } from '../../src/explorers/projection/linear-map.js';
import { shortLabel } from '../../src/components/prompt-space/render-prompt-points.js';
import { parseExpression } from '../../src/explorers/expression/parse.js';
import { ExpressionSyntaxError, ExpressionTypeError, UnknownWordError } from '../../src/explorers/errors.js';
import { POCKET_VOCABULARY, WORD_SETS } from '../../src/explorers/word-sets.js';
import { InvalidOptionError } from '../../src/errors.js';

const POCKET = 'assets/models/pocket';

function cosine(a: Float32Array, b: Float32Array): number {
  let [dot, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) [dot, aa, bb] = [dot + a[i]! * b[i]!, aa + a[i]! ** 2, bb + b[i]! ** 2];
  return dot / Math.sqrt(aa * bb);
}

describe('the pocket vocabulary preset', () => {
  test('lists exactly the words of the shipped tokenizer, less its special tokens', async () => {
    const json = JSON.parse(await readFile(`${POCKET}/tokenizer/tokenizer.json`, 'utf8')) as { model: { vocab: Record<string, number> } };
    const vocabulary = Object.keys(json.model.vocab).filter((token) => !/^\[.*\]$/.test(token));
    const preset = WORD_SETS.find((set) => set.id === 'pocket-vocabulary')!;
    assert.deepEqual([...preset.words].sort(), vocabulary.sort());
    assert.equal(new Set(preset.words).size, preset.words.length);
    assert.deepEqual(POCKET_VOCABULARY.animals, ['sheep', 'cat', 'dog', 'pig', 'duck']);
  });
});

describe('prompt lists and map keys (no model)', () => {
  test('parsePromptList splits lines and ";", trims, drops blanks and repeats, and names bad input', () => {
    assert.deepEqual(parsePromptList(' a dog  riding a car ;\n\na cat riding a car;a dog riding a car'), ['a dog riding a car', 'a cat riding a car']);
    assert.deepEqual(parsePromptList(['x', 'y', 'x']), ['x', 'y']);
    assert.throws(() => parsePromptList(' ; \n '), (e: unknown) => e instanceof InvalidOptionError && e.field === 'prompts');
    assert.throws(() => parsePromptList(['ok', 3 as unknown as string]), /item 1 must be a string/);
    assert.throws(() => parsePromptList(Array.from({ length: MAX_PROMPTS + 1 }, (_, i) => `p${i}`)), /at most 200/);
  });

  test('the default grid is every animal on every vehicle in two places, in caption wording', () => {
    const grid = pocketPromptGrid();
    assert.equal(grid.length, 5 * 5 * 2);
    assert.equal(new Set(grid).size, grid.length);
    assert.ok(grid.includes('a sheep riding a motorcycle on a road'));
    assert.ok(grid.includes('a dog driving a truck in the snow'));
    assert.equal(shortLabel('a dog driving a truck in the snow'), 'dog truck snow');
    assert.equal(shortLabel('the'), 'the');
  });

  test('arrow keys move to the nearest point that way; Home, End and PageDown/PageUp walk the list', () => {
    const points: [number, number][] = [[0, 0], [10, 1], [30, 0], [0, -10], [5, 40]];
    assert.equal(nextPoint(points, 0, 'ArrowRight'), 1);
    assert.equal(nextPoint(points, 1, 'ArrowRight'), 2);
    assert.equal(nextPoint(points, 2, 'ArrowRight'), undefined);
    assert.equal(nextPoint(points, 0, 'ArrowUp'), 3, 'SVG y grows downwards');
    assert.equal(nextPoint(points, 0, 'ArrowDown'), 4);
    assert.equal(nextPoint(points, 1, 'ArrowLeft'), 0);
    assert.equal(nextPoint(points, 2, 'Home'), 0);
    assert.equal(nextPoint(points, 0, 'End'), 4);
    assert.equal(nextPoint(points, 4, 'PageDown'), 0);
    assert.equal(nextPoint(points, 0, 'PageUp'), 4);
    assert.equal(nextPoint(points, 0, 'a'), undefined);
  });

  test('meanPoolTokens averages the filled positions only, and checks the count', () => {
    const states = Float32Array.from([1, 2, 3, 4, 100, 100]); // 3 positions × width 2; the last is padding
    assert.deepEqual(Array.from(meanPoolTokens(states, 2, 2)), [2, 3]);
    assert.throws(() => meanPoolTokens(states, 4, 2), (e: unknown) => e instanceof InvalidOptionError && e.field === 'tokenCount');
    assert.throws(() => meanPoolTokens(states, 0, 2), InvalidOptionError);
  });

  test('promptsNamed lists each quoted prompt or bare word once, in first-mention order', () => {
    const named = promptsNamed(parseExpression('"a sheep riding a car" - sheep + mean(duck, sheep) * 2'));
    assert.deepEqual(named.map((p) => p.text), ['a sheep riding a car', 'sheep', 'duck']);
    assert.deepEqual(named[0]!.span, { start: 0, end: 22, character: 1 });
  });
});

describe('prompt space on the pocket model', () => {
  let model: DiffusionModel;
  before(async () => {
    model = await loadModelInNode(POCKET);
  });
  after(() => model.dispose());

  test('every default prompt is read word for word (no rewrites, no unknown words)', () => {
    for (const prompt of pocketPromptGrid()) {
      const tokens = model.tokenizer.encode(prompt);
      assert.deepEqual([tokens.mappedWords.length, tokens.unknownWords.length, tokens.truncated], [0, 0, false], prompt);
    }
  });

  test('pooled embeddings: one per prompt, the token mean of its states; different prompts differ, similar ones are nearer', async () => {
    const prompts = ['a sheep riding a motorcycle', 'a sheep riding a bicycle', 'a cat driving a car in a city at night', 'a duck riding a skateboard in the snow'];
    const embeddings = await embedPrompts(model, prompts);
    const D = embeddings.dimensions;
    assert.equal(D, 128);
    assert.equal(embeddings.pooled.length, prompts.length * D);
    const row = (i: number) => embeddings.pooled.subarray(i * D, (i + 1) * D);
    const [direct] = await encodePrompts(model, [prompts[0]!]);
    const count = direct!.tokens.tokenCount;
    assert.equal(count, 7);
    for (const i of [0, 17, 127]) {
      let mean = 0;
      for (let p = 0; p < count; p++) mean += direct!.states.data[p * D + i]! / count;
      assert.ok(Math.abs(row(0)[i]! - mean) < 1e-5, `dimension ${i}`);
    }
    assert.ok(cosine(row(0), row(1)) < 0.999, 'different prompts have different embeddings');
    const similar = cosine(row(0), row(1));
    assert.ok(similar > cosine(row(0), row(2)), `sheep/motorcycle is nearer sheep/bicycle (${similar.toFixed(3)}) than cat/car/city/night (${cosine(row(0), row(2)).toFixed(3)})`);
    assert.ok(similar > cosine(row(0), row(3)));
    const again = await embedPrompts(model, [prompts[2]!]);
    assert.ok(Math.max(...again.pooled.map((v, i) => Math.abs(v - row(2)[i]!))) < 1e-5, 'batching does not change a prompt\'s vector');
  });

  test('embedding more prompts than one batch keeps order; non-strings are named by index', async () => {
    const prompts = pocketPromptGrid().slice(0, 40);
    const embeddings = await embedPrompts(model, prompts);
    const last = await embedPrompts(model, [prompts[39]!]);
    assert.ok(Math.max(...last.pooled.map((v, i) => Math.abs(v - embeddings.pooled[39 * 128 + i]!))) < 1e-5);
    await assert.rejects(embedPrompts(model, ['ok', 5 as unknown as string]), (e: unknown) => e instanceof InvalidOptionError && e.field === 'prompts[1]');
  });

  test('prompt arithmetic: the text state is exactly Σ weight × each prompt\'s state, and generation from it differs from the base prompt', async () => {
    const base = 'a sheep riding a motorcycle on a road';
    const combination = await combinePrompts(model, `"${base}" - sheep + 0.5*duck + 0.5 * "a duck"`);
    assert.deepEqual(combination.terms.map((t) => [t.prompt, t.weight]), [[base, 1], ['sheep', -1], ['duck', 0.5], ['a duck', 0.5]]);
    const encoded = await encodePrompts(model, [base, 'sheep', 'duck', 'a duck']);
    const weights = [1, -1, 0.5, 0.5];
    assert.deepEqual(combination.states.shape, [1, 16, 128]);
    let worst = 0;
    combination.states.data.forEach((value, i) => {
      const expected = encoded.reduce((sum, e, t) => sum + weights[t]! * e.states.data[i]!, 0);
      worst = Math.max(worst, Math.abs(value - expected));
    });
    assert.ok(worst < 1e-5, `max deviation ${worst}`);
    const pooledBase = (await embedPrompts(model, [base])).pooled;
    assert.ok(Math.abs(combination.terms[0]!.pooled[3]! - pooledBase[3]!) < 1e-6);

    const options = { prompt: base, seed: 3, steps: 3, guidanceScale: 3 };
    const fromBase = await generateAll(model, options);
    const fromSum = await generateAll(model, { ...options, encoderHiddenStates: combination.states });
    assert.equal(fromSum.info.promptTokens, null, 'the given states were used, not the prompt');
    const a = fromBase.steps.at(-1)!.latentOut.data;
    const b = fromSum.steps.at(-1)!.latentOut.data;
    assert.ok(b.every(Number.isFinite));
    const difference = Math.sqrt(a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0) / a.length);
    assert.ok(difference > 0.05, `RMS latent difference ${difference}`);
  });

  test('the map: PCA of the pooled vectors; the sum lands where its terms\' projections add up (weights summing to 1)', async () => {
    const prompts = pocketPromptGrid();
    const embeddings = await embedPrompts(model, prompts);
    const { layout, table } = promptLayout(prompts, embeddings.pooled, embeddings.dimensions);
    assert.equal(layout.points.length, 2 * prompts.length);
    assert.match(layout.note, /PCA keeps \d+%/);
    assert.equal(table.indexOf('a dog driving a car on a road'), prompts.indexOf('a dog driving a car on a road'));
    const combination = await combinePrompts(model, '"a sheep riding a motorcycle on a road" - sheep + duck');
    const overlay = combinationOverlay(layout, combination);
    assert.equal(overlay.path.length, 3);
    const projected = combination.terms.map((term) => projectPoint(layout.linear!, term.pooled));
    const expected = [0, 1].map((axis) => combination.terms.reduce((sum, term, i) => sum + term.weight * projected[i]![axis]!, 0));
    assert.ok(Math.abs(overlay.result[0] - expected[0]!) < 1e-3 && Math.abs(overlay.result[1] - expected[1]!) < 1e-3);
    const end = overlay.path.at(-1)!;
    assert.ok(Math.hypot(end[0] - overlay.result[0], end[1] - overlay.result[1]) < 1e-5, 'the last arrow ends on the ring');
    assert.throws(() => promptLayout(prompts.slice(0, 2), embeddings.pooled.slice(0, 256), 128), (e: unknown) => e instanceof InvalidOptionError && e.field === 'prompts');
  });

  test('prompt arithmetic errors carry the position: unknown words, empty quotes, syntax, cancelling out', async () => {
    const source = '"a sheep riding a car" - sheep + "a frog on a motorcyle"';
    await assert.rejects(combinePrompts(model, source, ['motorcycle', 'bicycle', 'car']), (e: unknown) => {
      assert.ok(e instanceof UnknownWordError);
      assert.equal(e.word, 'frog', 'the first unknown word of the first prompt that has one');
      assert.deepEqual(e.span, { start: source.indexOf('frog'), end: source.indexOf('frog') + 4, character: source.indexOf('frog') + 1 });
      assert.match(e.message, new RegExp(`at character ${source.indexOf('frog') + 1}`));
      return true;
    });
    const misspelt = 'duck + "a sheep riding a motorcyle"';
    await assert.rejects(combinePrompts(model, misspelt, ['motorcycle', 'bicycle', 'car']), (e: unknown) => {
      assert.ok(e instanceof UnknownWordError);
      assert.deepEqual(e.span, { start: misspelt.indexOf('motorcyle'), end: misspelt.indexOf('motorcyle') + 9, character: misspelt.indexOf('motorcyle') + 1 });
      assert.deepEqual(e.suggestions, ['motorcycle']);
      return true;
    });
    await assert.rejects(combinePrompts(model, '"a dog" + ""'), (e: unknown) => e instanceof ExpressionSyntaxError && /empty quotes/.test(e.message) && e.span.start === 10);
    await assert.rejects(combinePrompts(model, '"a dog" +'), ExpressionSyntaxError);
    await assert.rejects(combinePrompts(model, 'dog - dog'), ExpressionTypeError);
    await assert.rejects(combinePrompts(model, '2 * 3'), ExpressionTypeError);
  });
});

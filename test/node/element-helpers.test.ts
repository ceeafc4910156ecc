/** The elements' pure helpers (no DOM): labels, attribute parsers, shares, label placement. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatestOnly } from '../../src/components/forward-process/latest-only.js';
import { centredSquare } from '../../src/components/forward-process/image-file.js';
import { describeShares, forwardShares } from '../../src/components/forward-process/forward-source.js';
import { schedulerFromAlias } from '../../src/pipeline/math/schedulers/index.js';
import { SD1_SCHEDULER_CONFIG } from '../../src/pipeline/math/schedulers/sd1-schedule.js';
import { createWordLevelTokenizer } from '../../src/pipeline/tokenizers/word-level-tokenizer.js';
import { tokenLabels } from '../../src/components/prompt-tokens/token-labels.js';
import { columnLabel, parseColumnsAttribute } from '../../src/components/scheduler-comparison/scheduler-columns.js';
import { editLabel, parseVariantsAttribute } from '../../src/components/seed-comparison/prompt-variants.js';
import { shortCosine } from '../../src/components/similarity-matrix/render-matrix.js';
import { placeLabels } from '../../src/components/shared/map/place-labels.js';

describe('lx-forward-process helpers', () => {
  it('coalesces requests: one run in flight, then only the newest pending input', async () => {
    const started: number[] = [];
    const finishers: (() => void)[] = [];
    const latest = new LatestOnly<number>(
      (input) => {
        started.push(input);
        return new Promise((resolve) => finishers.push(resolve));
      },
      () => undefined,
    );
    for (let i = 1; i <= 10; i++) latest.request(i);
    assert.deepEqual(started, [1]);
    finishers[0]!();
    await new Promise((resolve) => setTimeout(resolve));
    assert.deepEqual(started, [1, 10]);
    finishers[1]!();
    await latest.idle;
    assert.deepEqual(started, [1, 10]);
  });

  it('splits xₜ into √ᾱ·x₀ and √(1−ᾱ)·ε, shares of variance adding to one', () => {
    const scheduler = schedulerFromAlias('ddim', SD1_SCHEDULER_CONFIG);
    const shares = forwardShares(scheduler, 300);
    assert.equal(shares.alphaCumprod, scheduler.alphasCumprod[300]);
    assert.ok(Math.abs(shares.signalScale ** 2 + shares.noiseScale ** 2 - 1) <= 1e-12);
    assert.equal(describeShares(shares), 't = 300: ᾱ = 0.591, xₜ = 0.768·x₀ + 0.640·ε (image 59.1 %, noise 40.9 % of the variance)');
    assert.ok(describeShares(forwardShares(scheduler, 0)).includes('image 99.91 %'));
  });

  it('crops the centred square of a landscape or portrait image', () => {
    assert.deepEqual(centredSquare(300, 200), { x: 50, y: 0, side: 200 });
    assert.deepEqual(centredSquare(64, 101), { x: 0, y: 18, side: 64 });
  });
});

describe('lx-prompt-tokens helpers', () => {
  it('labels word-level tokens, naming each unknown word mapped to a known one', () => {
    const vocab = { '[PAD]': 0, '[UNK]': 1, '[BOS]': 2, '[EOS]': 3, a: 4, sheep: 5, riding: 6, motorcycle: 7 };
    const tokenizer = createWordLevelTokenizer(
      { model: { type: 'WordLevel', vocab, unk_token: '[UNK]' } },
      { version: 1, map: { lamb: ['sheep', 0.81], motorbike: ['motorcycle', 0.9] } },
      16,
    );
    const labels = tokenLabels(tokenizer.encode('A lamb riding a motorbike, zorbly'));
    assert.deepEqual(labels.map((l) => l.label), ['[BOS]', 'a', 'sheep', 'riding', 'a', 'motorcycle', '[UNK]', '[EOS]']);
    assert.deepEqual(labels.map((l) => l.id), [2, 4, 5, 6, 4, 7, 1, 3]);
    assert.equal(labels[2]!.note, '"lamb" → sheep (cosine 0.81)');
    assert.equal(labels[6]!.kind, 'unknown');
    assert.ok(labels[6]!.note.includes('zorbly'));
    assert.equal(labels[2]!.detail, 'sheep from "lamb"');
  });
});

describe('lx-scheduler-comparison helpers', () => {
  it('reads sampler:steps columns and labels them as samplers are usually written', () => {
    assert.deepEqual(parseColumnsAttribute(' ddim:50, dpm++2m : 20,euler-a:4 '), [
      { scheduler: 'ddim', steps: 50 },
      { scheduler: 'dpm++2m', steps: 20 },
      { scheduler: 'euler-a', steps: 4 },
    ]);
    assert.equal(columnLabel({ scheduler: 'euler-a', steps: 1 }), 'Euler a · 1 step');
  });
});

describe('lx-seed-comparison helpers', () => {
  it('labels prompt edits by the words that changed', () => {
    assert.equal(editLabel('a white sheep on a road', 'a black sheep on a road'), 'black');
    assert.equal(editLabel('a cat', 'a cat'), 'same prompt');
    assert.deepEqual(parseVariantsAttribute(' a | b '), ['a', 'b']);
  });
});

describe('lx-similarity-matrix helpers', () => {
  it('labels cells with short cosines, never "-.0"', () => {
    assert.deepEqual([1, 0.74, 0.04, -0.04, -0.05, -0.06, -1].map(shortCosine), ['1.0', '.7', '.0', '.0', '.0', '-.1', '-1.0']);
  });
});

describe('map label placement', () => {
  it('a crowded label tries the other sides of its dot; when all four are taken it is hidden', () => {
    const crowd = ['alpha', 'beta', 'gamma', 'delta', 'omega'].map((text, priority) => ({ x: 0, y: 0, text, priority }));
    const shown = placeLabels([...crowd, { x: 0, y: 200, text: 'far', priority: 9 }]);
    assert.deepEqual([...shown.keys()].sort(), [0, 1, 2, 3, 5], 'the lowest-priority label of five on one dot is hidden');
    assert.equal(new Set([...shown.values()].map((spot) => `${spot.anchor}${spot.dy}`)).size, 4, 'four different spots');
  });
});

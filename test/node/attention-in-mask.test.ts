// A check of meaning, not of plumbing: on scenes whose object masks are known, each word's
// cross-attention falls on its own object clearly more than chance (the mask's share of the
// picture). The figures themselves are printed by bench/attention-in-mask.ts for the model card.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { mean, measureAttentionInMask } from '../../bench/attention-in-mask-measure.js';

let model: DiffusionModel;
let measured: Awaited<ReturnType<typeof measureAttentionInMask>>;
before(async () => {
  model = await loadModelInNode('assets/models/pocket');
  measured = await measureAttentionInMask(model, 500);
});
after(() => model.dispose());

test('animal, vehicle and colour words attend inside their object at least 1.3x chance, in most scenes', async () => {
  const { results, scenes } = measured;
  assert.equal(scenes, 24);
  assert.deepEqual(results.map((r) => r.name), ['animal', 'vehicle', 'animal colour', 'vehicle colour']);
  for (const r of results) {
    const ratio = mean(r.inside) / mean(r.chance);
    const above = r.inside.filter((v, i) => v > r.chance[i]!).length;
    assert.ok(ratio >= 1.3, `${r.name}: ${ratio.toFixed(2)}x chance`);
    assert.ok(above >= 18, `${r.name}: above chance in only ${above}/${scenes} scenes`);
  }
});

test('each word looks at its own object more than at the other one (the maps are not just "the foreground")', async () => {
  const { results } = measured;
  for (const r of results) {
    const own = mean(r.inside) / mean(r.chance);
    const other = mean(r.other) / mean(r.otherChance);
    assert.ok(own > other * 1.1, `${r.name}: ${own.toFixed(2)}x chance on its object, ${other.toFixed(2)}x on the other`);
  }
});

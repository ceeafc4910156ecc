// Prints the attention-in-mask table of the pocket model card (section "Where words look").
// Run: npx tsx bench/attention-in-mask.ts [MODEL_DIR] [TIMESTEP]   (defaults: assets/models/pocket, 500)
// Regenerate the fixture scenes with: /usr/bin/python3 training/attention_scenes.py
import { loadModelInNode } from '../src/pipeline/model/node.js';
import { mean, measureAttentionInMask } from './attention-in-mask-measure.js';

const dir = process.argv[2] ?? 'assets/models/pocket';
const timestep = Number(process.argv[3] ?? 500);
const model = await loadModelInNode(dir);
try {
  const { results, scenes } = await measureAttentionInMask(model, timestep);
  console.log(`${scenes} scenes, t = ${timestep}, model ${dir}`);
  console.log('| word | attention inside its object (mean) | object\'s share of the picture (chance) | ratio | scenes above chance | ratio on the other object |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const inside = mean(r.inside);
    const chance = mean(r.chance);
    const above = r.inside.filter((v, i) => v > r.chance[i]!).length;
    console.log(`| ${r.name} | ${(100 * inside).toFixed(1)} % | ${(100 * chance).toFixed(1)} % | ${(inside / chance).toFixed(2)}× | ${above}/${scenes} | ${(mean(r.other) / mean(r.otherChance)).toFixed(2)}× |`);
  }
} finally {
  await model.dispose();
}

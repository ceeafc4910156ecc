// The attention-in-mask figures of the pocket model card (section "Where words look").
// Run: npx tsx bench/attention-in-mask.ts [--write] [MODEL_DIR]   (default assets/models/pocket)
// Prints the tables; --write also replaces the block between <!-- attention:begin --> and
// <!-- attention:end --> in MODEL_DIR/MODEL_CARD.md. Fixture scenes: /usr/bin/python3 training/attention_scenes.py
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModelInNode } from '../src/pipeline/model/node.js';
import { mean, measureAttentionInMask, type CategoryResult } from './attention-in-mask-measure.js';

const args = process.argv.slice(2);
const write = args.includes('--write');
const dir = args.find((a) => !a.startsWith('--')) ?? 'assets/models/pocket';
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const ratio = (inside: number[], chance: number[]) => mean(inside) / mean(chance);

const model = await loadModelInNode(dir);
const lines: string[] = [];
try {
  const main = await measureAttentionInMask(model, 500);
  const byTime = new Map<number, CategoryResult[]>([[500, main.results]]);
  for (const t of [250, 750]) byTime.set(t, (await measureAttentionInMask(model, t)).results);
  lines.push(
    `${main.scenes} rendered scenes with known masks (\`test/fixtures/attention-scenes\`), each encoded by the VAE, noised to t = 500 by the forward process and run through the UNet once with its full caption; each word's map is DAAM-style (both levels upsampled to 128×128, summed, normalised). "Chance" is the object's share of the picture.`,
    '',
    '| word | its attention inside its object | chance | ratio | scenes above chance | ratio on the other object |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const r of main.results) {
    const above = r.inside.filter((v, i) => v > r.chance[i]!).length;
    lines.push(`| ${r.name} | ${pct(mean(r.inside))} | ${pct(mean(r.chance))} | ${ratio(r.inside, r.chance).toFixed(2)}× | ${above}/${main.scenes} | ${ratio(r.other, r.otherChance).toFixed(2)}× |`);
  }
  lines.push('', 'Ratio over chance by noise level:', '', `| t | ${main.results.map((r) => r.name).join(' | ')} |`, `| --- |${main.results.map(() => ' --- |').join('')}`);
  for (const [t, results] of [...byTime].sort((a, b) => a[0] - b[0])) {
    lines.push(`| ${t} | ${results.map((r) => `${ratio(r.inside, r.chance).toFixed(2)}×`).join(' | ')} |`);
  }
} finally {
  await model.dispose();
}
console.log(lines.join('\n'));
if (write) {
  const path = join(dir, 'MODEL_CARD.md');
  const card = await readFile(path, 'utf8');
  const begin = '<!-- attention:begin (written by `npx tsx bench/attention-in-mask.ts --write`; do not edit by hand) -->';
  const end = '<!-- attention:end -->';
  const at = card.indexOf('<!-- attention:begin');
  const stop = card.indexOf(end);
  if (at < 0 || stop < at) throw new Error(`${path} has no <!-- attention:begin --> … ${end} block to replace`);
  await writeFile(path, `${card.slice(0, at)}${begin}\n${lines.join('\n')}\n${card.slice(stop)}`);
  console.log(`wrote ${path}`);
}

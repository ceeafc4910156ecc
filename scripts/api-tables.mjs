#!/usr/bin/env node
// The component pages' API tables come from custom-elements.json, served beside the site as
// `docs/custom-elements.json` (the page script renders it: docs/src/api-tables.ts). This script
// makes sure that file exists and is newer than every element's source: `npm run build` writes
// it too; `npm start` and the e2e tests call `ensureDocsManifest()` so the tables never go stale.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DOCS_MANIFEST = 'docs/custom-elements.json';
const WORK_DIR = '.cache/cem';

/** Newest modification time (ms) of any file under `dir`. */
function newestIn(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestIn(path) : stat.mtimeMs);
  }
  return newest;
}

/** Whether `docs/custom-elements.json` is missing or older than the elements' sources. */
export function docsManifestIsStale() {
  if (!existsSync(DOCS_MANIFEST)) return true;
  return statSync(DOCS_MANIFEST).mtimeMs < newestIn('src/components');
}

/** Regenerates `docs/custom-elements.json` with the analyzer when stale; returns its path. */
export function ensureDocsManifest({ force = false } = {}) {
  if (!force && !docsManifestIsStale()) return DOCS_MANIFEST;
  mkdirSync(WORK_DIR, { recursive: true });
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', WORK_DIR], { stdio: 'ignore' });
  copyFileSync(join(WORK_DIR, 'custom-elements.json'), DOCS_MANIFEST);
  return DOCS_MANIFEST;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`API manifest: ${ensureDocsManifest({ force: process.argv.includes('--force') })}`);
}

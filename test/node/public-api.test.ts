/**
 * The package's public surface is a promise: every runtime name each entry point exports is
 * listed in `test/fixtures/public-api.json`, so adding or removing one is a deliberate change
 * reviewed in that file. After a deliberate change: `UPDATE_PUBLIC_API=1 node --import tsx --test test/node/public-api.test.ts`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { it } from 'node:test';

const LIST = new URL('../fixtures/public-api.json', import.meta.url);
const ENTRIES = {
  '.': '../../src/index.js',
  './pipeline': '../../src/pipeline/index.js',
  './explorers': '../../src/explorers/index.js',
  './components': '../../src/components/index.js',
  './node': '../../src/node.js',
} as const;

/** Internals that once leaked from the root and must stay inside. */
const INTERNAL = ['crc32', 'adler32', 'zlibStore', 'drawText', 'fillRect', 'measureText', 'fromFloat16Bits', 'toFloat16Bits', 'workerHttpSource', 'batchForGuidance', 'SCHEDULER_KEYS'];

async function exportsOf(): Promise<Record<string, string[]>> {
  const surface: Record<string, string[]> = {};
  for (const [entry, path] of Object.entries(ENTRIES)) surface[entry] = Object.keys(await import(path)).sort();
  return surface;
}

it('each entry point exports exactly the listed names', async () => {
  const actual = await exportsOf();
  if (process.env['UPDATE_PUBLIC_API'] === '1') writeFileSync(LIST, `${JSON.stringify(actual, null, 1)}\n`);
  const listed = JSON.parse(readFileSync(LIST, 'utf8')) as Record<string, string[]>;
  for (const entry of Object.keys(ENTRIES)) {
    const added = actual[entry]!.filter((name) => !listed[entry]?.includes(name));
    const removed = (listed[entry] ?? []).filter((name) => !actual[entry]!.includes(name));
    assert.deepEqual({ entry, added, removed }, { entry, added: [], removed: [] }, 'the public API changed; if deliberate, update test/fixtures/public-api.json (see this file)');
  }
});

it('internal helpers stay internal', async () => {
  const root = await import(ENTRIES['.']);
  assert.deepEqual(INTERNAL.filter((name) => name in root), []);
});

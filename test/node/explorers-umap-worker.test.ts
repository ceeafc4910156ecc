import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openExplorerPage, type ChromiumSession } from './explorers-chromium/harness.js';

// The UMAP worker, for real, in headless Chromium (see the harness for why it is bundled).
let session: ChromiumSession;

before(async () => {
  session = await openExplorerPage();
});
after(async () => session?.close());

test('fits 120 GloVe words in the worker with progress, reproducibly, and places arithmetic with transform', async () => {
  const result = await session.page.evaluate(async () => {
    const { lx } = window as unknown as { lx: any };
    const table = await lx.loadEmbeddings('/assets/embeddings/glove-6b-100d-50k.int8.lxemb');
    const rows = Array.from({ length: 120 }, (_, i) => i + 500);
    const subset = table.subset(rows);
    const client = lx.umapClient();
    const progress: string[] = [];
    const options = { seed: 7, nNeighbors: 8, nEpochs: 60 };
    const first = await client.fit(subset.units, 100, options, { onProgress: (p: any) => progress.push(`${p.phase}:${p.done}/${p.total}`) });
    const second = await lx.umapClient().fit(subset.units, 100, options);
    const placed = await client.transform(subset.units.slice(0, 100), 100);
    const kept = lx.neighbourPreservation(subset.units, 100, first, 8).mean;
    let aborted = '';
    const abort = new AbortController();
    const pending = lx.umapClient().fit(subset.units, 100, options, { signal: abort.signal });
    abort.abort();
    await pending.catch((error: Error) => (aborted = error.name));
    return {
      length: first.length,
      same: first.every((v: number, i: number) => v === second[i]),
      progress,
      placed: Array.from(placed as Float32Array),
      own: Array.from((first as Float32Array).slice(0, 2)),
      kept,
      aborted,
    };
  });
  assert.equal(result.length, 240);
  assert.ok(result.same, 'same seed → same layout');
  assert.ok(result.progress.includes('layout:60/60'), result.progress.join(' '));
  assert.ok(result.progress.some((p) => p.startsWith('neighbours:120/120')));
  assert.ok(result.kept > 0.3, `UMAP keeps ${result.kept} of 8-NN`);
  assert.equal(result.placed.length, 2);
  assert.ok(result.placed.every(Number.isFinite));
  assert.equal(result.aborted, 'AbortError');
});

test('a failed fit comes back as a typed error naming the field', async () => {
  const error = await session.page.evaluate(async () => {
    const { lx } = window as unknown as { lx: any };
    return lx.umapClient().fit(new Float32Array(10 * 4), 4, { nNeighbors: 15 }).then(
      () => 'resolved',
      (e: { code: string; field: string; message: string }) => `${e.code} ${e.field} ${e.message}`,
    );
  });
  // The worker's own typed error arrives as it was thrown (it used to be relabelled `umap-worker`).
  assert.match(error, /^invalid-option words words: UMAP needs more than 15 points, got 10/);
});

// How reading the pocket UNet (12.7 MB) blocks the page's main thread in headless Chromium:
// streamed on the page (httpSource), as one arrayBuffer() on the page, and in our download
// worker (workerHttpSource, the default): long tasks (> 50 ms) during the read, and the time
// loadModel's walk of the graph for external-data files takes without pauses. Each read is a
// fresh tab; the ways alternate over [rounds] rounds, as a shared machine's load drifts.
// Run: npx tsx bench/model-download.bench.ts [rounds, default 2]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../scripts/chromium-path.mjs';
import { chromiumArgs } from '../scripts/browser-flags.mjs';
import { serveStatic } from '../scripts/static-server.mjs';
import { bundlePageWithWorkers } from '../scripts/workers.mjs';

const rounds = Number(process.argv[2] ?? 2);
const ways = ['page-stream', 'page-buffer', 'worker'] as const;

const page = mkdtempSync(join(tmpdir(), 'lx-download-bench-'));
await bundlePageWithWorkers({ page: 'bench/model-download-page.ts' }, page);
writeFileSync(join(page, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
const server = await serveStatic({ mounts: { '/': page, '/assets': 'assets' } });
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });

type Result = { bytes: number; ms: number; longTasks: number[]; walkMs: number };
try {
  console.log('pocket UNet, 12.7 MB; long tasks on the page during the read');
  console.log('way          read ms  long tasks (ms)            graph walk ms');
  for (let round = 0; round < rounds; round++) {
    for (const way of ways) {
      const tab = await browser.newPage();
      await tab.goto(`${origin}/index.html`);
      await tab.waitForFunction(() => 'runDownload' in window);
      const result = await tab.evaluate((w) => (window as unknown as { runDownload(w: string): Promise<Result> }).runDownload(w), way);
      const tasks = result.longTasks.length ? result.longTasks.join(', ') : 'none';
      console.log(`${way.padEnd(12)} ${result.ms.toFixed(0).padStart(7)}  ${tasks.padEnd(26)} ${result.walkMs.toFixed(1)}`);
      await tab.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

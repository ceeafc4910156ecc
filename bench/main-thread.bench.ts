// How much a pocket-model generation blocks the page's main thread in headless Chromium, with
// the sessions in the page (`worker: false`) vs in the inference worker (the default), on WASM
// and on WebGPU (SwiftShader here): the longest main-thread task, the number of long tasks
// (> 50 ms), scripts that ran over 50 ms in one go (Long Animation Frames attribution), and
// ms per step. Each run is a fresh tab: one warm-up generation, then the measured one.
// Run: npx tsx bench/main-thread.bench.ts [steps, default 20] [providers, default wasm,webgpu] [order, default page,worker]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../scripts/chromium-path.mjs';
import { chromiumArgs } from '../scripts/browser-flags.mjs';
import { serveStatic } from '../scripts/static-server.mjs';
import { bundlePageWithWorkers } from '../scripts/workers.mjs';

const steps = Number(process.argv[2] ?? 20);
const providers = (process.argv[3] ?? 'wasm,webgpu').split(',');
// Which backend runs first (a shared machine's load drifts; swap to check the figures hold).
const order = (process.argv[4] ?? 'page,worker').split(',') as ('page' | 'worker')[];
const options = { prompt: 'a white sheep riding a red motorcycle on a road at sunset', seed: 42, steps, guidanceScale: 5 };

// The page and the workers side by side, as in every bundle we ship.
const page = mkdtempSync(join(tmpdir(), 'lx-main-thread-bench-'));
await bundlePageWithWorkers({ page: 'bench/main-thread-page.ts' }, page);
writeFileSync(join(page, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
const server = await serveStatic({ mounts: { '/': page, '/assets': 'assets', '/ort': 'node_modules/onnxruntime-web/dist' } });
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });

type Result = {
  placement: { thread: string; reason: string };
  providers: Record<string, string>;
  steps: number[];
  longTasks: number[];
  longScripts: string[];
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function runIn(thread: 'worker' | 'page', provider: string): Promise<Result> {
  const tab = await browser.newPage();
  try {
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => 'lxMainThreadBench' in globalThis);
    return (await tab.evaluate(
      (request) => (globalThis as unknown as { lxMainThreadBench: (r: unknown) => Promise<unknown> }).lxMainThreadBench(request),
      { thread, provider, options },
    )) as Result;
  } finally {
    await tab.close();
  }
}

try {
  console.log(`pocket model, ${steps} steps, guidance ${options.guidanceScale}; main thread during the measured generation`);
  console.log('provider  sessions in       ms/step (median)  long tasks  longest task  scripts over 50 ms');
  for (const provider of providers) {
    for (const thread of order) {
      const r = await runIn(thread, provider);
      const ran = [...new Set(Object.values(r.providers))].join('+');
      const where = r.placement.thread === thread ? thread : `${r.placement.thread} (${r.placement.reason})`;
      const longest = r.longTasks.length ? `${Math.max(...r.longTasks).toFixed(0)} ms` : '-';
      console.log(
        `${`${provider}${ran === provider ? '' : `→${ran}`}`.padEnd(10)}${where.padEnd(18)}${median(r.steps).toFixed(1).padStart(16)}  ${String(r.longTasks.length).padStart(10)}  ${longest.padStart(12)}  ${r.longScripts.length}`,
      );
      if (r.longScripts.length) console.log(`          e.g. ${r.longScripts.slice(0, 3).join('; ')}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

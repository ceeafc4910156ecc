// Why a UNet step costs more in Chromium than in Node, in one run: the same pocket model, 20
// guided steps, timed per step in Node (onnxruntime-node, and onnxruntime-web's WASM in Node)
// and in headless Chromium on WASM with (cross-origin isolated page: threads allowed) and without
// (one thread) isolation, sessions in our worker and on the page (the page↔worker copies).
// "before": onnxruntime's default (WebGPU-capable) build with its own thread default, as the
// library ran until the WASM-only build was used for WASM sessions; "ours": the library's choice
// (WASM-only build, threads from wasmThreadCount); "2 threads": ours with two threads forced;
// "+ per-step x̂₀ decode": ours with the VAE decode the player runs after every step.
// Run: npx tsx bench/wasm-step.bench.ts [generations per setting, default 4; the first warms up]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../scripts/chromium-path.mjs';
import { chromiumArgs } from '../scripts/browser-flags.mjs';
import { serveStatic } from '../scripts/static-server.mjs';
import { createNodeBackend } from '../src/pipeline/io/node-backend.js';
import { createNodeWasmBackend } from '../src/pipeline/io/node-wasm-backend.js';
import { loadModelInNode } from '../src/pipeline/model/node.js';
import { generate } from '../src/pipeline/run/generate.js';
import type { DiffusionModel } from '../src/pipeline/model/diffusion-model.js';
import { loadavg } from 'node:os';
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const generations = Math.max(2, Number(process.argv[2] ?? 4));
const options = { prompt: 'a white sheep riding a red motorcycle on a road at sunset', seed: 42, steps: 20, guidanceScale: 5 };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function nodeSteps(model: DiffusionModel): Promise<number[]> {
  const steps: number[] = [];
  for (let i = 0; i < generations; i++) {
    let last = performance.now();
    for await (const step of generate(model, options)) {
      const now = performance.now();
      if (i > 0 && step.index > 0) steps.push(now - last);
      last = now;
    }
  }
  return steps;
}

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const rows: Array<[string, number, string]> = [];
const native = await loadModelInNode('assets/models/pocket', { backend: createNodeBackend() });
rows.push(['Node, onnxruntime-node (native)', median(await nodeSteps(native)), '']);
await native.dispose();
const nodeWasm = await loadModelInNode('assets/models/pocket', { backend: createNodeWasmBackend() });
rows.push(['Node, onnxruntime-web WASM', median(await nodeSteps(nodeWasm)), '']);
await nodeWasm.dispose();

const page = mkdtempSync(join(tmpdir(), 'lx-wasm-step-'));
// The worker the page starts lives beside the page's bundle; built together like the CDN bundle,
// so onnxruntime's thread workers load the chunk holding their own build.
await build({
  entryPoints: { 'wasm-step-page': 'bench/wasm-step-page.ts', 'ort-session.worker': 'src/pipeline/io/ort-worker/ort-session.worker.ts' },
  bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outdir: page, logLevel: 'error', splitting: true,
});
writeFileSync(join(page, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/wasm-step-page.js"></script>');
// A folder with the default build's binary only: the library then runs WASM on it, as before.
const defaultOnly = join(page, 'ort-default');
mkdirSync(defaultOnly);
copyFileSync(resolve('node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.jsep.wasm'), join(defaultOnly, 'ort-wasm-simd-threaded.jsep.wasm'));
const mounts = { '/': page, '/assets': 'assets', '/ort': 'node_modules/onnxruntime-web/dist' };
const settings = [
  { label: 'before', worker: true, wasmBase: '/ort-default/' },
  { label: 'ours', worker: true, wasmBase: '/ort/' },
  { label: 'ours, 2 threads', worker: true, wasmBase: '/ort/', numThreads: 2 },
  { label: 'ours + per-step x̂₀ decode (the player)', worker: true, wasmBase: '/ort/', decodeSteps: true },
  { label: 'ours', worker: false, wasmBase: '/ort/' },
];
const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
try {
  for (const isolated of [true, false]) {
    const server = await serveStatic({ mounts, isolated });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const setting of settings) {
      if (!isolated && (setting.numThreads || setting.decodeSteps)) continue; // threads need isolation; the decode row once is enough
      const tab = await browser.newPage();
      await tab.goto(`${origin}/`);
      await tab.waitForFunction(() => 'lxWasmStep' in globalThis);
      const { label, ...request } = setting;
      const result = (await tab.evaluate(
        (request) => (globalThis as unknown as { lxWasmStep: (r: unknown) => Promise<unknown> }).lxWasmStep(request),
        { ...request, generations, options },
      )) as { steps: number[]; isolated: boolean; cores: number; thread: string; binaries: string[] };
      await tab.close();
      const page = result.isolated ? `isolated, ${result.cores} cores` : 'not isolated';
      // The page sees the binaries it fetched itself; a worker's fetches are its own.
      const build = setting.wasmBase === '/ort-default/' ? 'default build' : 'WASM-only build';
      if (!request.worker && !result.binaries.includes('ort-wasm-simd-threaded.wasm')) throw new Error('the page did not load the WASM-only build');
      rows.push([`Chromium ${label}: ${page}, ${build}, sessions on the ${result.thread}`, median(result.steps), '']);
    }
    server.close();
  }
} finally {
  await browser.close();
}
const nodeMs = rows[0]![1];
console.log(`\nmedian guided UNet step (pair), ${options.steps} steps × ${generations - 1} generations after a warm-up one:`);
for (const [label, ms] of rows) console.log(`${label.padEnd(72)} ${ms.toFixed(2).padStart(7)} ms  ${(ms / nodeMs).toFixed(2)}× Node native`);
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

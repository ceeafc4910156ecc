// The runtime in headless Chromium (playwright-core): the pocket model on WASM and on WebGPU
// (SwiftShader here), full generation and per-step time, JS heap after 1 generation vs after N,
// and the seed-42 image compared with the Node run's (bench/runtime-node.bench.ts writes it).
// Run: npx tsx bench/runtime-node.bench.ts 1 && npx tsx bench/runtime-browser.bench.ts [WASM generations, default 100] [WebGPU generations, default 3] [SECOND_MODEL_DIR]
// With SECOND_MODEL_DIR (e.g. a pocket v2 candidate), that folder also runs on WASM, alternating
// with the shipped model, and the two are printed side by side.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../scripts/chromium-path.mjs';
import { chromiumArgs } from '../scripts/browser-flags.mjs';
import { serveStatic } from '../scripts/static-server.mjs';

const wasmGenerations = Number(process.argv[2] ?? 100);
const webgpuGenerations = Number(process.argv[3] ?? 3);
const options = { prompt: 'a white sheep riding a red motorcycle on a road at sunset', seed: 42, steps: 20, guidanceScale: 5 };

const page = mkdtempSync(join(tmpdir(), 'lx-runtime-bench-'));
await build({ entryPoints: ['bench/runtime-browser-page.ts'], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(page, 'page.js'), logLevel: 'error' });
writeFileSync(join(page, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
const second = process.argv[4];
const server = await serveStatic({ mounts: { '/': page, '/assets': 'assets', '/ort': 'node_modules/onnxruntime-web/dist', ...(second ? { '/second': second } : {}) } });
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: ensureChromium(),
  headless: true,
  args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

type Result = { loadMs: number; totals: number[]; steps: number[]; image: number[]; heapAfterOne: number | null; heapAfterAll: number | null; providers: Record<string, string> };

async function runIn(provider: 'wasm' | 'webgpu', generations: number, modelUrl?: string): Promise<Result> {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/`);
  await tab.waitForFunction(() => 'lxRuntimeBench' in globalThis);
  const result = (await tab.evaluate(
    (request) => (globalThis as unknown as { lxRuntimeBench: (r: unknown) => Promise<unknown> }).lxRuntimeBench(request),
    { provider, generations, options, ...(modelUrl ? { modelUrl } : {}) },
  )) as Result;
  await tab.close();
  return result;
}

try {
  if (second) {
    // Side by side on WASM: alternate the two models, one generation each per round after a warm-up.
    const rounds = Math.max(2, Math.min(wasmGenerations, 6));
    const shipped: number[] = [];
    const other: number[] = [];
    for (let i = 0; i < rounds; i++) {
      shipped.push(...(await runIn('wasm', 2)).totals.slice(1));
      other.push(...(await runIn('wasm', 2, '/second/')).totals.slice(1));
    }
    console.log(`Chromium WASM, 20 guided steps + decode, median of ${rounds}: shipped ${median(shipped).toFixed(0)} ms, ${second} ${median(other).toFixed(0)} ms (x${(median(other) / median(shipped)).toFixed(2)})`);
  }
  for (const [provider, generations] of [['wasm', wasmGenerations], ['webgpu', webgpuGenerations]] as const) {
    if (generations < 1) continue;
    const r = await runIn(provider, generations);
    console.log(`\nChromium ${provider} (sessions on: ${[...new Set(Object.values(r.providers))].join(', ')}), ${options.steps} steps, guidance ${options.guidanceScale}`);
    console.log(`load                      ${r.loadMs.toFixed(0)} ms`);
    console.log(`first generation          ${r.totals[0]!.toFixed(0)} ms (incl. prompt encoding and shader/kernel warm-up)`);
    if (r.totals.length > 1) console.log(`generation, median of ${r.totals.length - 1}  ${median(r.totals.slice(1)).toFixed(0)} ms`);
    console.log(`step (guided UNet pair)   median ${median(r.steps).toFixed(2)} ms`);
    console.log(`JS heap after 1 generation ${r.heapAfterOne} MiB, after ${generations}: ${r.heapAfterAll} MiB`);
    if (provider === 'wasm' && existsSync('bench/.out/runtime-node-image.json')) {
      const node = JSON.parse(readFileSync('bench/.out/runtime-node-image.json', 'utf8')) as { rgba: number[] };
      let max = 0;
      let sum = 0;
      node.rgba.forEach((v, i) => {
        const d = Math.abs(v - r.image[i]!);
        max = Math.max(max, d);
        sum += d;
      });
      console.log(`same seed, Node vs Chromium WASM image: max difference ${max}/255, mean ${(sum / node.rgba.length).toFixed(4)}/255 ${max <= 1 ? '(within 1/255)' : '(NOT within 1/255)'}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

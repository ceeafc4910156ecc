// The runtime's full pipeline on the shipped pocket model in Node (onnxruntime-node, CPU).
// Run: npx tsx --expose-gc bench/runtime-node.bench.ts [generations for the memory check, default 100]
// Prints load time, full-generation and per-step times (20 steps, guidance 5, seed 42), and
// process memory after 1 generation vs after N (garbage-collected first when --expose-gc is on).
// Writes the seed-42 image to bench/.out/runtime-node-image.json for runtime-browser.bench.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadModelInNode } from '../src/pipeline/model/node.js';
import { generate } from '../src/pipeline/run/generate.js';
import { decodeLatent } from '../src/pipeline/run/latent-images.js';
import type { DiffusionModel } from '../src/pipeline/model/diffusion-model.js';

const generations = Number(process.argv[2] ?? 100);
const options = { prompt: 'a white sheep riding a red motorcycle on a road at sunset', seed: 42, steps: 20, guidanceScale: 5 };

/** One full generation: per-step wall times and the decoded image. */
async function timedRun(model: DiffusionModel) {
  const stepMs: number[] = [];
  let last = performance.now();
  const start = last;
  let final;
  for await (const step of generate(model, options)) {
    const now = performance.now();
    stepMs.push(now - last);
    last = now;
    final = step.latentOut;
  }
  const image = await decodeLatent(model, final!);
  return { totalMs: performance.now() - start, stepMs, image };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function memory(): Promise<{ rssMiB: number; heapMiB: number; externalMiB: number }> {
  // Two collections with a turn between them: array buffers' backing stores are freed lazily.
  for (let i = 0; i < 2; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const m = process.memoryUsage();
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return { rssMiB: mib(m.rss), heapMiB: mib(m.heapUsed), externalMiB: mib(m.external + m.arrayBuffers) };
}

const loadStart = performance.now();
const model = await loadModelInNode('assets/models/pocket');
const loadMs = performance.now() - loadStart;
const first = await timedRun(model);
const afterOne = await memory();
const totals: number[] = [];
const steps: number[] = [];
for (let i = 1; i < generations; i++) {
  const run = await timedRun(model);
  totals.push(run.totalMs);
  steps.push(...run.stepMs.slice(1)); // the first step also encodes the prompt
}
const afterMany = await memory();
await model.dispose();

mkdirSync('bench/.out', { recursive: true });
writeFileSync('bench/.out/runtime-node-image.json', JSON.stringify({ options, width: first.image.width, height: first.image.height, rgba: Array.from(first.image.data) }));

console.log(`pocket model in Node (onnxruntime-node, provider ${model.providers.unet}), ${options.steps} steps, guidance ${options.guidanceScale}`);
console.log(`load                      ${loadMs.toFixed(0)} ms`);
console.log(`first generation          ${first.totalMs.toFixed(0)} ms (incl. prompt encoding)`);
if (totals.length) console.log(`generation, median of ${totals.length}  ${median(totals).toFixed(0)} ms`);
if (steps.length) console.log(`step (guided UNet pair)   median ${median(steps).toFixed(2)} ms`);
console.log(`memory after 1 generation   rss ${afterOne.rssMiB} MiB, JS heap ${afterOne.heapMiB} MiB, buffers ${afterOne.externalMiB} MiB`);
console.log(`memory after ${generations} generations rss ${afterMany.rssMiB} MiB, JS heap ${afterMany.heapMiB} MiB, buffers ${afterMany.externalMiB} MiB`);
console.log(`growth                      rss ${(afterMany.rssMiB - afterOne.rssMiB).toFixed(1)} MiB, JS heap ${(afterMany.heapMiB - afterOne.heapMiB).toFixed(1)} MiB`);

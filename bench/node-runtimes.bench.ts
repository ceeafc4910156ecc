// The two Node runtimes on the shipped pocket model, in one run: onnxruntime-node (the optional
// peer dependency) and onnxruntime-web's WASM (the fallback without it). Alternates the two so
// machine load hits both alike, and prints each one's median generation time and their ratio.
// Run: npx tsx bench/node-runtimes.bench.ts [generations per runtime, default 5]
import { loadModelInNode } from '../src/pipeline/model/node.js';
import { createNodeBackend } from '../src/pipeline/io/node-backend.js';
import { createNodeWasmBackend } from '../src/pipeline/io/node-wasm-backend.js';
import { generateAll } from '../src/pipeline/run/generate.js';
import { decodeLatent } from '../src/pipeline/run/latent-images.js';
import type { DiffusionModel } from '../src/pipeline/model/diffusion-model.js';
import { loadavg } from 'node:os';

const generations = Number(process.argv[2] ?? 5);
const options = { prompt: 'a white sheep riding a red motorcycle on a road at sunset', seed: 42, steps: 20, guidanceScale: 5 };

async function timed(model: DiffusionModel): Promise<number> {
  const start = performance.now();
  const { steps } = await generateAll(model, options);
  await decodeLatent(model, steps.at(-1)!.latentOut);
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const native = await loadModelInNode('assets/models/pocket', { backend: createNodeBackend() });
const wasm = await loadModelInNode('assets/models/pocket', { backend: createNodeWasmBackend() });
await timed(native); // warm-up: first runs allocate
await timed(wasm);
const times = { native: [] as number[], wasm: [] as number[] };
for (let i = 0; i < generations; i++) {
  times.native.push(await timed(native));
  times.wasm.push(await timed(wasm));
}
await native.dispose();
await wasm.dispose();
const [n, w] = [median(times.native), median(times.wasm)];
console.log(`pocket model, ${options.steps} steps, guidance ${options.guidanceScale}, decode included; median of ${generations}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`onnxruntime-node (native)      ${n.toFixed(0)} ms`);
console.log(`onnxruntime-web (WASM in Node) ${w.toFixed(0)} ms`);
console.log(`WASM / native                  ${(w / n).toFixed(2)}x`);

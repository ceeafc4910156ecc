// Page script for wasm-step.bench.ts: the pocket model on onnxruntime-web's WASM, sessions in
// our worker (the default) or on the page, timing every step of a few generations, on the
// library's choice of onnxruntime build and threads or on the default build (the "before").
import { createWebBackend } from '../src/pipeline/io/web-backend.js';
import { loadModelFromUrl } from '../src/pipeline/model/web.js';
import { generate } from '../src/pipeline/run/generate.js';

interface PageRequest {
  readonly worker: boolean;
  /** Folder of onnxruntime's binaries: one without the WASM-only build measures the default build (the "before"). */
  readonly wasmBase: string;
  /** WASM threads; absent: the library's choice. */
  readonly numThreads?: number;
  /** Decode every step's x̂₀ too, as the player does on small models. */
  readonly decodeSteps?: boolean;
  readonly generations: number;
  readonly options: { prompt: string; seed: number; steps: number; guidanceScale: number };
}

async function run(request: PageRequest) {
  const backend = createWebBackend({ wasmBase: request.wasmBase, worker: request.worker, ...(request.numThreads ? { numThreads: request.numThreads } : {}) });
  const model = await loadModelFromUrl('/assets/models/pocket/', { backend, providers: ['wasm'], cacheName: false });
  const steps: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < request.generations; i++) {
    const start = performance.now();
    let last = start;
    for await (const step of generate(model, { ...request.options, decodeSteps: request.decodeSteps ?? false })) {
      const now = performance.now();
      if (i > 0 && step.index > 0) steps.push(now - last); // the first generation warms up
      last = now;
    }
    totals.push(performance.now() - start);
  }
  const placement = await backend.placement();
  await model.dispose();
  const binaries = performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop()!).filter((name) => name.endsWith('.wasm'));
  return { steps, totals, binaries, isolated: globalThis.crossOriginIsolated, cores: navigator.hardwareConcurrency, thread: placement.thread };
}

(globalThis as { lxWasmStep?: typeof run }).lxWasmStep = run;

// Page script for runtime-browser.bench.ts: bundled with esbuild and driven through playwright.
import { createWebBackend } from '../src/pipeline/io/web-backend.js';
import type { ExecutionProvider } from '../src/pipeline/io/backend.js';
import { loadModelFromUrl } from '../src/pipeline/model/web.js';
import { generate } from '../src/pipeline/run/generate.js';
import { decodeLatent } from '../src/pipeline/run/latent-images.js';

/** What the bench asks the page to do. */
interface PageRequest {
  readonly provider: ExecutionProvider;
  readonly generations: number;
  readonly options: { prompt: string; seed: number; steps: number; guidanceScale: number };
  /** Model folder URL; default the shipped pocket model. */
  readonly modelUrl?: string;
}

const backend = createWebBackend({ wasmBase: '/ort/' });

function heapMiB(): number | null {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? Math.round((memory.usedJSHeapSize / 2 ** 20) * 10) / 10 : null;
}

async function run(request: PageRequest) {
  const loadStart = performance.now();
  const model = await loadModelFromUrl(request.modelUrl ?? '/assets/models/pocket/', { backend, providers: [request.provider], cacheName: false });
  const loadMs = performance.now() - loadStart;
  const totals: number[] = [];
  const steps: number[] = [];
  let image: number[] = [];
  let heapAfterOne: number | null = null;
  for (let i = 0; i < request.generations; i++) {
    const start = performance.now();
    let last = start;
    let final;
    for await (const step of generate(model, request.options)) {
      const now = performance.now();
      if (step.index > 0) steps.push(now - last);
      last = now;
      final = step.latentOut;
    }
    const decoded = await decodeLatent(model, final!);
    totals.push(performance.now() - start);
    if (i === 0) {
      image = Array.from(decoded.data);
      heapAfterOne = heapMiB();
    }
  }
  const heapAfterAll = heapMiB();
  const providers = { ...model.providers };
  await model.dispose();
  return { loadMs, totals, steps, image, heapAfterOne, heapAfterAll, providers };
}

(globalThis as { lxRuntimeBench?: typeof run }).lxRuntimeBench = run;

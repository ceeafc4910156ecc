// Page script for main-thread.bench.ts: bundled with esbuild (the inference worker bundled
// beside it) and driven through playwright. Generates on the pocket model with one backend and
// watches the page's main thread meanwhile.
import { createWebBackend } from '../src/pipeline/io/web-backend.js';
import type { ExecutionProvider } from '../src/pipeline/io/backend.js';
import { loadModelFromUrl } from '../src/pipeline/model/web.js';
import { generate } from '../src/pipeline/run/generate.js';

/** What the bench asks the page to do. */
interface PageRequest {
  readonly thread: 'worker' | 'page';
  readonly provider: ExecutionProvider;
  readonly options: { prompt: string; seed: number; steps: number; guidanceScale: number };
}

/** A long animation frame's script entry (not yet in TypeScript's DOM types). */
interface ScriptTiming {
  readonly startTime: number;
  readonly sourceURL: string;
  readonly invoker: string;
  readonly duration: number;
}

async function run(request: PageRequest) {
  const backend = createWebBackend({ wasmBase: '/ort/', worker: request.thread === 'worker' });
  const placement = await backend.placement();
  const model = await loadModelFromUrl('/assets/models/pocket/', { backend, providers: [request.provider], cacheName: false, skipVaeEncoder: true });
  // One warm-up generation: kernels, shaders and code paths are compiled once, then measured.
  for await (const step of generate(model, { ...request.options, steps: 2 })) void step;
  const longTasks: number[] = [];
  const longScripts: string[] = [];
  const tasks = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration)));
  let started = 0;
  const frames = new PerformanceObserver((list) => {
    for (const frame of list.getEntries() as (PerformanceEntry & { scripts: ScriptTiming[] })[]) {
      for (const script of frame.scripts) {
        if (script.duration <= 50) continue;
        longScripts.push(`${script.invoker} (${script.sourceURL.split('/').pop()}) ${Math.round(script.duration)} ms at +${Math.round(script.startTime - started)} ms`);
      }
    }
  });
  tasks.observe({ type: 'longtask' });
  frames.observe({ type: 'long-animation-frame' });
  const steps: number[] = [];
  started = performance.now();
  let last = started;
  for await (const step of generate(model, request.options)) {
    const now = performance.now();
    if (step.index > 0) steps.push(now - last);
    last = now;
  }
  await new Promise((resolve) => setTimeout(resolve, 300)); // the last entries arrive asynchronously
  tasks.disconnect();
  frames.disconnect();
  const providers = { ...model.providers };
  await model.dispose();
  return { placement, providers, steps, longTasks, longScripts };
}

(globalThis as { lxMainThreadBench?: typeof run }).lxMainThreadBench = run;

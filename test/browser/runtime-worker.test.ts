import { expect } from '@open-wc/testing';
import { createWebBackend } from '../../src/pipeline/io/web-backend.js';
import type { OnnxBackend, OnnxSession } from '../../src/pipeline/io/backend.js';
import { ORT_WORKER_NAME } from '../../src/pipeline/io/ort-worker/protocol.js';
import { InferenceWorkerError, SessionReleasedError } from '../../src/pipeline/io/ort-worker/errors.js';
import { intTensor } from '../../src/pipeline/io/tensors.js';
import { loadModelFromUrl } from '../../src/pipeline/model/web.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { rejectionOf } from './rejection.js';

// Sessions in a worker of ours (the default browser backend): same results as in the page,
// errors as before, nothing left hanging, and the page's main thread free while it generates.

const WASM_BASE = '/node_modules/onnxruntime-web/dist/';
const POCKET = new URL('/assets/models/pocket/', location.href).href;
const options = { prompt: 'a white sheep on a red motorcycle', seed: 42, steps: 3, guidanceScale: 5 };
const SOURCE_WORKER = new URL('/src/pipeline/io/ort-worker/ort-session.worker.ts', location.href);

const TINY_TEXT_ENCODER = new URL('/test/fixtures/models/sd15/text_encoder/model.onnx', location.href);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Loads the pocket model on WASM through `backend`. */
const loadPocket = (backend: OnnxBackend) => loadModelFromUrl(POCKET, { backend, providers: ['wasm'], cacheName: false, skipVaeEncoder: true });

type Feeds = Parameters<OnnxSession['run']>[0];

/** The tiny SD 1.5 fixture's text encoder (fresh bytes each call: the worker takes them). */
async function tinyTextEncoder(): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(TINY_TEXT_ENCODER)).arrayBuffer());
}

/** Four token ids for the tiny text encoder. */
const tokens = (): Feeds => ({ input_ids: intTensor([0, 1, 2, 3], [1, 4], 'int32') });

/** When a `session.run` was called and when its result reached the caller. */
interface RunSpan {
  readonly start: number;
  readonly end: number;
}

/** `backend`, noting every run's span in `spans`. */
function recordingRuns(backend: OnnxBackend, spans: RunSpan[]): OnnxBackend {
  return {
    name: backend.name,
    availableProviders: () => backend.availableProviders(),
    async createSession(model, request) {
      const session = await backend.createSession(model, request);
      return {
        ...session,
        async run(feeds) {
          const start = performance.now();
          try {
            return await session.run(feeds);
          } finally {
            spans.push({ start, end: performance.now() });
          }
        },
      };
    },
  };
}

/** A main-thread task as the Long Tasks API reports it. */
interface TaskSpan {
  readonly start: number;
  readonly end: number;
}

/** Long tasks (> 50 ms) on this page's main thread while `during` runs. */
async function longTasksDuring(during: () => Promise<void>): Promise<TaskSpan[]> {
  const tasks: TaskSpan[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => ({ start: e.startTime, end: e.startTime + e.duration }))));
  observer.observe({ type: 'longtask' });
  await during();
  await wait(300); // entries arrive asynchronously
  observer.disconnect();
  return tasks;
}

/**
 * Runs that happened entirely inside one main-thread task, i.e. that blocked the page from call
 * to result. Long-task durations come in whole milliseconds (rounded down), hence the 1 ms.
 */
function runsInsideOneTask(runs: readonly RunSpan[], tasks: readonly TaskSpan[]): RunSpan[] {
  return runs.filter((run) => tasks.some((task) => task.start <= run.start && task.end + 1 >= run.end));
}

describe('onnxruntime sessions in a worker of ours', function () {
  // Loading the pocket model on a shared 2-core machine takes tens of seconds.
  this.timeout(300_000);
  const worker = createWebBackend({ wasmBase: WASM_BASE });
  const inPage = createWebBackend({ wasmBase: WASM_BASE, worker: false });

  it('is the default, and says where its sessions run', async () => {
    expect(await worker.placement()).to.deep.equal({ thread: 'worker', reason: '' });
    expect((await inPage.placement()).thread).to.equal('page');
    expect(await worker.availableProviders()).to.include('wasm');
  });

  describe('the pocket model on WASM', () => {
    const workerRuns: RunSpan[] = [];
    let pocket: DiffusionModel;
    before(async () => {
      pocket = await loadPocket(recordingRuns(worker, workerRuns));
    });
    after(async () => {
      await pocket.dispose();
    });

    it('generates bit-identical latents to the in-page backend on WASM (same seed)', async () => {
      const local = await loadPocket(inPage);
      try {
        const expected = await generateAll(local, options);
        const actual = await generateAll(pocket, options);
        expect(actual.steps.length).to.equal(options.steps);
        for (let i = 0; i < options.steps; i++) {
          expect(actual.steps[i]!.noisePred.data).to.deep.equal(expected.steps[i]!.noisePred.data);
          expect(actual.steps[i]!.latentOut.data).to.deep.equal(expected.steps[i]!.latentOut.data);
        }
      } finally {
        await local.dispose();
      }
    });

    it('keeps the main thread free during a WASM generation: no run happens inside one main-thread task', async () => {
      workerRuns.length = 0;
      const tasks = await longTasksDuring(async () => {
        await generateAll(pocket, options);
      });
      // Text encoder + one guided UNet call per step, each answered by the worker.
      expect(workerRuns.length).to.equal(1 + options.steps);
      // A run the page executes itself starts and finishes within one task (it never yields);
      // a run in the worker starts in one task and finishes in another (the reply's message). Long
      // tasks from other sources (the test runner, a loaded machine) may occur, but none can hold
      // a whole run unless that run blocked the page.
      console.log(`long tasks during the worker generation (any source): ${JSON.stringify(tasks.map((t) => Math.round(t.end - t.start)))}`);
      expect(runsInsideOneTask(workerRuns, tasks)).to.deep.equal([]);
    });
  });

  it('would see a run that blocks the page (the check above can fail)', async () => {
    const blocking: OnnxBackend = {
      name: 'blocking',
      availableProviders: async () => ['wasm'],
      async createSession() {
        const session: OnnxSession = {
          inputs: [],
          outputs: [],
          provider: 'wasm',
          async run() {
            const end = performance.now() + 80;
            while (performance.now() < end); // what an in-page WASM run does to the page
            return {};
          },
          release: async () => undefined,
        };
        return session;
      },
    };
    const spans: RunSpan[] = [];
    const session = await recordingRuns(blocking, spans).createSession(new Uint8Array(), { label: 'blocking' });
    const tasks = await longTasksDuring(async () => {
      await wait(20);
      await session.run({});
    });
    expect(runsInsideOneTask(spans, tasks)).to.have.length(1);
  });

  it('reports a graph no provider can load as before: a ModelLoadError naming the file, the message naming the session', async () => {
    // Well-formed protobuf (ir_version 7 and nothing else), so the loader's own graph walk
    // passes it and onnxruntime is the one to refuse it.
    const garbage = (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).endsWith('unet/model.onnx') ? Promise.resolve(new Response(new Uint8Array([8, 7]))) : fetch(input, init);
    const error = await rejectionOf(loadModelFromUrl(POCKET, { backend: worker, providers: ['wasm'], cacheName: false, skipVaeEncoder: true, fetch: garbage }));
    expect(error).to.be.instanceOf(ModelLoadError);
    expect((error as ModelLoadError).field).to.equal('unet/model.onnx');
    expect((error as Error).message).to.match(/unet: no execution provider could load the graph \(wasm: /);
  });

  it('names an unavailable provider as the in-page backend does', async () => {
    const wasmOnly = createWebBackend({ wasmBase: WASM_BASE, providers: ['wasm'] });
    const error = await rejectionOf(wasmOnly.createSession(new Uint8Array(8), { label: 'vae', providers: ['webgpu'] }));
    expect((error as Error).message).to.equal('vae: none of [webgpu] is available here (have wasm)');
  });

  it('hands the model bytes over, and rejects pending runs when their session is released (later runs too)', async () => {
    const bytes = await tinyTextEncoder();
    const session = await worker.createSession(bytes, { label: 'textEncoder', providers: ['wasm'] });
    expect(bytes.byteLength, 'the worker took the bytes without a copy').to.equal(0);
    const runs = [1, 2, 3].map(() => rejectionOf(session.run(tokens())));
    await session.release();
    for (const error of await Promise.all(runs)) expect(error).to.be.instanceOf(SessionReleasedError);
    const later = await rejectionOf(session.run(tokens()));
    expect(later).to.be.instanceOf(SessionReleasedError);
    expect((later as SessionReleasedError).field).to.equal('textEncoder');
    await session.release(); // twice is fine
  });

  it('rejects pending runs with an InferenceWorkerError when the worker dies, then starts a fresh one', async () => {
    let started: Worker | undefined;
    const createWorker = () => (started = new Worker(SOURCE_WORKER, { type: 'module', name: ORT_WORKER_NAME }));
    const backend = createWebBackend({ wasmBase: WASM_BASE, createWorker });
    const session = await backend.createSession(await tinyTextEncoder(), { label: 'textEncoder', providers: ['wasm'] });
    const run = rejectionOf(session.run(tokens()));
    // What the browser fires when a worker's code throws outside any request.
    started!.dispatchEvent(new ErrorEvent('error', { message: 'out of memory' }));
    const error = await run;
    expect(error).to.be.instanceOf(InferenceWorkerError);
    expect((error as Error).message).to.include('out of memory');
    expect(await rejectionOf(session.run(tokens()))).to.be.instanceOf(InferenceWorkerError);
    await session.release(); // nothing left to free, and no hang
    const fresh = await backend.createSession(await tinyTextEncoder(), { label: 'textEncoder', providers: ['wasm'] });
    expect(Object.keys(await fresh.run(tokens()))).to.deep.equal(fresh.outputs.map((o) => o.name));
    await fresh.release();
  });

  it('runs in the page, saying why, when the worker cannot start', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const backend = createWebBackend({ wasmBase: WASM_BASE, createWorker: () => new Worker('/no-such-worker.js', { type: 'module' }) });
    try {
      const placement = await backend.placement();
      expect(placement.thread).to.equal('page');
      expect(placement.reason).to.match(/inference worker could not start/);
    } finally {
      console.warn = warn;
    }
    expect(warnings.join('\n')).to.match(/runs on the page's main thread/);
    const session = await backend.createSession(await tinyTextEncoder(), { label: 'textEncoder', providers: ['wasm'] });
    expect(Object.keys(await session.run(tokens()))).to.deep.equal(session.outputs.map((o) => o.name));
    await session.release();
  });
});

import type { ExecutionProvider, OnnxBackend, OnnxSession } from './backend.js';
import { ORT_PLAIN_WASM_FILE, ORT_WASM_FILE, createSerialQueue, wasmThreadCount, realmDeviceLabel, realmHasWebGpu, realmHasWebGpuFloat16, type OrtWebSettings } from './ort-web-realm.js';
import { defaultWasmBase } from './ort-wasm-location.js';
import { createWorkerBackend } from './ort-worker/worker-backend.js';
import type { OrtWorkerFactory } from './ort-worker/worker-connection.js';
import { assetUrl } from '../../assets.js';

export { ORT_PLAIN_WASM_FILE, ORT_WASM_FILE };

/** How the browser backend sets up onnxruntime-web. */
export interface WebBackendOptions {
  /**
   * URL of the folder serving onnxruntime-web's `ort-wasm-simd-threaded.jsep.wasm` (WebGPU) and
   * `ort-wasm-simd-threaded.wasm` (WASM sessions) (its `dist/`),
   * ending in `/`. Applies to the first backend created on the page (onnxruntime's settings are
   * global); default: onnxruntime-web's `dist/` beside this package (installed by npm, or on the
   * same npm CDN), else `assets/ort/` beside the models (see `defaultWasmBase`).
   */
  readonly wasmBase?: string;
  /** Providers to try, best first; default WebGPU then WASM, or WASM alone where WebGPU is absent. */
  readonly providers?: readonly ExecutionProvider[];
  /**
   * WASM threads; default: one unless the page is cross-origin isolated and has more than two
   * cores, then half the cores up to four (see `wasmThreadCount`).
   */
  readonly numThreads?: number;
  /**
   * Runs the sessions in a worker of ours so inference never blocks the page; default: on where
   * the browser has `Worker`, unless `proxy` is set. When the worker cannot start, the backend
   * runs in the page instead and warns why (see {@link WebOnnxBackend.placement}).
   */
  readonly worker?: boolean;
  /** Starts the inference worker (default: the bundled `ort-session.worker.js`); for bundlers and tests. */
  readonly createWorker?: OrtWorkerFactory;
  /**
   * In-page only: runs WASM inference in onnxruntime's own proxy worker. WASM-only (onnxruntime
   * cannot proxy WebGPU), and it re-loads the module holding onnxruntime, which only works when
   * onnxruntime is not bundled with page code; prefer the default worker. Implies `worker: false`.
   */
  readonly proxy?: boolean;
}

/** Where a backend's sessions run, and why there. */
export interface BackendPlacement {
  /** `"worker"`: a worker of ours; `"page"`: the page's main thread. */
  readonly thread: 'worker' | 'page';
  /** Why the sessions run in the page (asked for, no `Worker`, or the worker could not start); empty in a worker. */
  readonly reason: string;
}

/** The browser backend, which also tells where its sessions run. */
export interface WebOnnxBackend extends OnnxBackend {
  /** Where sessions run; decided on first use (starting the worker if need be). */
  placement(): Promise<BackendPlacement>;
}

/** Whether this page can get a WebGPU adapter; probed once per page. The worker backend probes inside its worker (see `availableProviders`). */
export function hasWebGpu(): Promise<boolean> {
  return realmHasWebGpu();
}

/** This device in words (WebGPU adapter, cores, isolation): the key under which a provider choice is remembered. */
export function deviceLabel(): Promise<string> {
  return realmDeviceLabel();
}

/** Whether this page's WebGPU adapter can run float16 shaders (`shader-f16`); probed once per page. */
export function hasWebGpuFloat16(): Promise<boolean> {
  return realmHasWebGpuFloat16();
}

function ortSettings(options: WebBackendOptions): OrtWebSettings {
  const wasmBase = new URL(options.wasmBase ?? defaultWasmBase(assetUrl('')), globalThis.location?.href);
  return {
    wasmUrl: new URL(ORT_WASM_FILE, wasmBase).href,
    plainWasmUrl: new URL(ORT_PLAIN_WASM_FILE, wasmBase).href,
    numThreads: options.numThreads ?? wasmThreadCount(globalThis.navigator?.hardwareConcurrency, globalThis.crossOriginIsolated === true),
    ...(options.proxy ? { proxy: true } : {}),
  };
}

/** One inference at a time for every in-page session, e.g. two widgets sharing a model. */
const inPageRuns = createSerialQueue();

function oneRunAtATime(session: OnnxSession): OnnxSession {
  return {
    inputs: session.inputs,
    outputs: session.outputs,
    provider: session.provider,
    release: () => inPageRuns(() => session.release()),
    run: (feeds, outputs) => inPageRuns(() => session.run(feeds, outputs)),
  };
}

/**
 * onnxruntime-web on the page's main thread: WebGPU first with WASM as the fallback, per
 * session. onnxruntime is imported on first use: a page whose sessions run in the worker never
 * evaluates it (with the worker backend, it is the largest part of the page's script).
 */
function createInPageBackend(options: WebBackendOptions): OnnxBackend {
  const sessions = async () => {
    const ortWeb = await import('./ort-web-sessions.js');
    ortWeb.configureOrtWeb(ortSettings(options));
    return ortWeb;
  };
  const providers = async (): Promise<ExecutionProvider[]> => {
    const usable = await (await sessions()).realmProviders();
    return options.providers ? options.providers.filter((p) => usable.includes(p)) : usable;
  };
  return {
    name: 'onnxruntime-web',
    availableProviders: providers,
    async createSession(model, request) {
      return oneRunAtATime(await (await sessions()).openOrtWebSession(model, request, await providers()));
    },
  };
}

function inPage(options: WebBackendOptions, reason: string): WebOnnxBackend {
  const backend = createInPageBackend(options);
  const placement: BackendPlacement = { thread: 'page', reason };
  return { ...backend, placement: async () => placement };
}

/** The worker backend, or the in-page one (with a warning saying why) when the worker cannot start. */
function workerFirst(options: WebBackendOptions): WebOnnxBackend {
  const worker = createWorkerBackend({
    settings: ortSettings(options),
    ...(options.providers ? { providers: options.providers } : {}),
    ...(options.createWorker ? { createWorker: options.createWorker } : {}),
  });
  let chosen: Promise<{ backend: OnnxBackend; placement: BackendPlacement }> | undefined;
  const choose = () =>
    (chosen ??= worker.start().then(
      () => ({ backend: worker, placement: { thread: 'worker', reason: '' } as const }),
      (error: unknown) => {
        const reason = `the inference worker could not start (${error instanceof Error ? error.message : String(error)}), so inference runs on the page's main thread`;
        console.warn(`latent-explorables: ${reason}`);
        return { backend: createInPageBackend(options), placement: { thread: 'page', reason } as const };
      },
    ));
  return {
    name: 'onnxruntime-web',
    availableProviders: async () => (await choose()).backend.availableProviders(),
    createSession: async (model, request) => (await choose()).backend.createSession(model, request),
    placement: async () => (await choose()).placement,
  };
}

/**
 * The browser backend: onnxruntime-web, WebGPU first with WASM as the fallback, chosen per
 * session (a graph WebGPU cannot take still loads on WASM) and reported on the session. By
 * default every session lives in a worker of ours (the model bytes are handed over to it), so
 * inference never blocks the page; `worker: false` keeps them on the main thread.
 */
export function createWebBackend(options: WebBackendOptions = {}): WebOnnxBackend {
  if (options.proxy) return inPage(options, 'onnxruntime proxy worker requested (proxy: true)');
  if (options.worker === false) return inPage(options, 'in-page inference requested (worker: false)');
  if (typeof Worker === 'undefined') return inPage(options, 'this environment has no Worker');
  return workerFirst(options);
}

import * as ort from 'onnxruntime-web';
import type { ExecutionProvider, OnnxSession, SessionRequest } from './backend.js';
import { wrapOrtSession, type OrtNamespace } from './ort-session.js';

/**
 * onnxruntime-web in the current JavaScript realm: the page for the in-page backend, the worker
 * for the worker backend. Both share this module, so a session behaves the same wherever it runs.
 * The only module that imports onnxruntime-web, so a bundle holds exactly one copy of it.
 */

/** The binary the default onnxruntime-web bundle (WASM + WebGPU) loads, from its `dist/`. */
export const ORT_WASM_FILE = 'ort-wasm-simd-threaded.jsep.wasm';

/** onnxruntime's global settings for this realm. */
export interface OrtWebSettings {
  /** Absolute URL of {@link ORT_WASM_FILE}. */
  readonly wasmUrl: string;
  /** WASM threads; onnxruntime's choice when absent. */
  readonly numThreads?: number;
  /** Runs WASM in onnxruntime's own proxy worker (in-page only; WASM-only). */
  readonly proxy?: boolean;
}

let configured = false;

/** Applies `settings` to onnxruntime's globals; only the first call in a realm counts. */
export function configureOrtWeb(settings: OrtWebSettings): void {
  if (configured) return;
  configured = true;
  // The object form points at the binary only, so the bundle keeps using its embedded JS glue.
  ort.env.wasm.wasmPaths = { wasm: settings.wasmUrl };
  if (settings.numThreads) ort.env.wasm.numThreads = settings.numThreads;
  // Node-placement notices are not errors; keep the reader's console for real problems.
  ort.env.logLevel = 'error';
  ort.env.wasm.proxy = settings.proxy ?? false;
}

/** Whether onnxruntime's proxy worker is on (it cannot run WebGPU). */
export function ortProxyEnabled(): boolean {
  return ort.env.wasm.proxy === true;
}

let adapterProbe: Promise<GPUAdapter | null> | undefined;

/** This realm's WebGPU adapter (a page and a dedicated worker each have their own), once. */
function webGpuAdapter(): Promise<GPUAdapter | null> {
  adapterProbe ??= (async () => {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) return null;
    try {
      return await gpu.requestAdapter();
    } catch {
      return null;
    }
  })();
  return adapterProbe;
}

/** Whether this realm can get a WebGPU adapter. */
export async function realmHasWebGpu(): Promise<boolean> {
  return (await webGpuAdapter()) !== null;
}

/** Whether this realm's WebGPU adapter runs float16 shaders (`shader-f16`). */
export async function realmHasWebGpuFloat16(): Promise<boolean> {
  return (await webGpuAdapter())?.features.has('shader-f16') ?? false;
}

/** Providers this realm can use, best first: WebGPU where an adapter exists (and no proxy), then WASM. */
export async function realmProviders(): Promise<ExecutionProvider[]> {
  return !ortProxyEnabled() && (await realmHasWebGpu()) ? ['webgpu', 'wasm'] : ['wasm'];
}

/**
 * Whether a graph exchanges float16 tensors. A float16 graph on an adapter without `shader-f16`
 * fails only when run, so it is moved to WASM at load time instead. (A graph computing in float16
 * behind float32 inputs and outputs cannot be told apart from its metadata.)
 */
function usesFloat16(session: OnnxSession): boolean {
  return [...session.inputs, ...session.outputs].some((value) => value.dtype === 'float16');
}

/**
 * Creates a session in this realm, trying the request's providers (among `available`) in order,
 * so a graph WebGPU cannot take still loads on WASM. Runs are not queued: callers serialise them.
 */
export async function openOrtWebSession(model: Uint8Array, request: SessionRequest, available: readonly ExecutionProvider[]): Promise<OnnxSession> {
  const order = request.providers ? request.providers.filter((p) => available.includes(p)) : available;
  if (order.length === 0) {
    throw new Error(`${request.label}: none of [${(request.providers ?? []).join(', ')}] is available here (have ${available.join(', ')})`);
  }
  const failures: string[] = [];
  for (const provider of order) {
    try {
      const session = await ort.InferenceSession.create(model, {
        executionProviders: [provider],
        logSeverityLevel: 3, // errors only: node-placement notices are not problems
        ...(request.externalData ? { externalData: request.externalData.map((file) => ({ path: file.path, data: file.data })) } : {}),
      });
      const wrapped = wrapOrtSession(ort as unknown as OrtNamespace, session, provider);
      if (provider === 'webgpu' && usesFloat16(wrapped) && !(await realmHasWebGpuFloat16())) {
        await wrapped.release();
        failures.push('webgpu: the adapter lacks shader-f16, which this float16 graph needs');
        continue;
      }
      return wrapped;
    } catch (error) {
      failures.push(`${provider}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`${request.label}: no execution provider could load the graph (${failures.join('; ')})`);
}

/** Runs tasks one after another, each starting when the previous one has settled. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * onnxruntime-web runs one inference at a time per instance ("Session already started"
 * otherwise), so every session of one instance sends its runs through one of these.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}

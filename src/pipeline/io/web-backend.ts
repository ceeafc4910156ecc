import * as ort from 'onnxruntime-web';
import type { ExecutionProvider, OnnxBackend, OnnxSession } from './backend.js';
import { wrapOrtSession, type OrtNamespace } from './ort-session.js';
import { assetUrl } from '../../assets.js';

/** How the browser backend sets up onnxruntime-web. */
export interface WebBackendOptions {
  /**
   * URL of the folder serving onnxruntime-web's `ort-wasm-simd-threaded.jsep.wasm` (its `dist/`),
   * ending in `/`. Applies to the first backend created on the page (onnxruntime's settings are
   * global); default: onnxruntime-web's own resolution next to its module.
   */
  readonly wasmBase?: string;
  /** Providers to try, best first; default WebGPU then WASM, or WASM alone where WebGPU is absent. */
  readonly providers?: readonly ExecutionProvider[];
  /** WASM threads; default onnxruntime's choice (half the cores when cross-origin isolated). */
  readonly numThreads?: number;
  /**
   * Runs WASM inference in onnxruntime's proxy worker so long runs never block the main thread.
   * WASM-only (onnxruntime cannot proxy WebGPU). Off by default: the proxy worker loads the module
   * holding onnxruntime, which only works when onnxruntime is not bundled with page code.
   */
  readonly proxy?: boolean;
}

/** The binary the default onnxruntime-web bundle (WASM + WebGPU) loads, from its `dist/`. */
export const ORT_WASM_FILE = 'ort-wasm-simd-threaded.jsep.wasm';

let webGpuProbe: Promise<boolean> | undefined;

/** Whether this page can get a WebGPU adapter; probed once per page. */
export function hasWebGpu(): Promise<boolean> {
  webGpuProbe ??= (async () => {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) return false;
    try {
      return (await gpu.requestAdapter()) !== null;
    } catch {
      return false;
    }
  })();
  return webGpuProbe;
}

let float16Probe: Promise<boolean> | undefined;

/** Whether the WebGPU adapter can run float16 shaders (`shader-f16`); probed once per page. */
export function hasWebGpuFloat16(): Promise<boolean> {
  float16Probe ??= (async () => {
    try {
      const adapter = await (globalThis.navigator as Navigator | undefined)?.gpu?.requestAdapter();
      return adapter?.features.has('shader-f16') ?? false;
    } catch {
      return false;
    }
  })();
  return float16Probe;
}

let configured = false;

function configureOnce(options: WebBackendOptions): void {
  if (configured) return;
  configured = true;
  // The object form points at the binary only, so the bundle keeps using its embedded JS glue.
  // Default: the copy shipped under assets/ort/, found the same way as the models.
  const wasmBase = options.wasmBase ?? assetUrl('ort/');
  ort.env.wasm.wasmPaths = { wasm: new URL(ORT_WASM_FILE, new URL(wasmBase, globalThis.location?.href)).href };
  if (options.numThreads) ort.env.wasm.numThreads = options.numThreads;
  // Node-placement notices are not errors; keep the reader's console for real problems.
  ort.env.logLevel = 'error';
  // onnxruntime's proxy worker re-loads the module that holds onnxruntime; inside our bundles
  // that module also holds the page's other code, which cannot run in a worker. So the proxy is
  // opt-in (unbundled pages), and WASM-only runs use onnxruntime's own threads instead.
  ort.env.wasm.proxy = options.proxy ?? false;
}

/**
 * Whether a graph exchanges float16 tensors. A float16 graph on an adapter without `shader-f16`
 * fails only when run, so it is moved to WASM at load time instead. (A graph computing in float16
 * behind float32 inputs and outputs cannot be told apart from its metadata.)
 */
function usesFloat16(session: OnnxSession): boolean {
  return [...session.inputs, ...session.outputs].some((value) => value.dtype === 'float16');
}

let runQueue: Promise<unknown> = Promise.resolve();

/**
 * onnxruntime-web runs one inference at a time per page ("Session already started" otherwise),
 * so runs from every session on the page, e.g. two widgets sharing a model, wait their turn.
 */
function oneRunAtATime(session: OnnxSession): OnnxSession {
  return {
    inputs: session.inputs,
    outputs: session.outputs,
    provider: session.provider,
    release: () => session.release(),
    run(feeds) {
      const result = runQueue.then(() => session.run(feeds));
      runQueue = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * The browser backend: onnxruntime-web, WebGPU first with WASM as the fallback, chosen per
 * session (a graph WebGPU cannot take still loads on WASM) and reported on the session. The only
 * module that imports onnxruntime-web, so a bundle holds exactly one copy of it.
 */
export function createWebBackend(options: WebBackendOptions = {}): OnnxBackend {
  const providers = async (): Promise<readonly ExecutionProvider[]> => {
    const webGpu = await hasWebGpu();
    configureOnce(options);
    const usable: ExecutionProvider[] = ort.env.wasm.proxy || !webGpu ? ['wasm'] : ['webgpu', 'wasm'];
    return options.providers ? options.providers.filter((p) => usable.includes(p)) : usable;
  };
  return {
    name: 'onnxruntime-web',
    availableProviders: providers,
    async createSession(model, request): Promise<OnnxSession> {
      const available = await providers();
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
          const wrapped = oneRunAtATime(wrapOrtSession(ort as unknown as OrtNamespace, session, provider));
          if (provider === 'webgpu' && usesFloat16(wrapped) && !(await hasWebGpuFloat16())) {
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
    },
  };
}

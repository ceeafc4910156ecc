import * as ort from 'onnxruntime-web';
import type { ExecutionProvider, OnnxBackend, OnnxSession } from './backend.js';
import { wrapOrtSession, type OrtNamespace } from './ort-session.js';

/** How the browser backend sets up onnxruntime-web. */
export interface WebBackendOptions {
  /**
   * URL of the folder holding onnxruntime-web's `ort-wasm-*.wasm`/`.mjs` files (its `dist/`),
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
   * WASM-only (onnxruntime cannot proxy WebGPU), so it is on by default only where WebGPU is absent.
   */
  readonly proxy?: boolean;
}

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

let configured = false;

function configureOnce(options: WebBackendOptions, webGpu: boolean): void {
  if (configured) return;
  configured = true;
  if (options.wasmBase) ort.env.wasm.wasmPaths = options.wasmBase;
  if (options.numThreads) ort.env.wasm.numThreads = options.numThreads;
  ort.env.wasm.proxy = options.proxy ?? !webGpu;
}

/**
 * The browser backend: onnxruntime-web, WebGPU first with WASM as the fallback, chosen per
 * session (a graph WebGPU cannot take still loads on WASM) and reported on the session. The only
 * module that imports onnxruntime-web, so a bundle holds exactly one copy of it.
 */
export function createWebBackend(options: WebBackendOptions = {}): OnnxBackend {
  const providers = async (): Promise<readonly ExecutionProvider[]> => {
    const webGpu = await hasWebGpu();
    configureOnce(options, webGpu);
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
          const session = await ort.InferenceSession.create(model, { executionProviders: [provider] });
          return wrapOrtSession(ort as unknown as OrtNamespace, session, provider);
        } catch (error) {
          failures.push(`${provider}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      throw new Error(`${request.label}: no execution provider could load the graph (${failures.join('; ')})`);
    },
  };
}

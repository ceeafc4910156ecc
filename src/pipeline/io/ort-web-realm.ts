/**
 * What both homes of onnxruntime-web (the page, and our inference worker) need without loading
 * onnxruntime itself: its settings, this realm's WebGPU adapter, and a queue for one run at a
 * time. The page loads onnxruntime (`ort-web-sessions.ts`) only when it runs sessions itself.
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

/**
 * What both homes of onnxruntime-web (the page, and our inference worker) need without loading
 * onnxruntime itself: its settings, this realm's WebGPU adapter, and a queue for one run at a
 * time. The page loads onnxruntime (`ort-web-sessions.ts`) only when it runs sessions itself.
 */

/** The binary the default onnxruntime-web bundle (WASM + WebGPU) loads, from its `dist/`. */
export const ORT_WASM_FILE = 'ort-wasm-simd-threaded.jsep.wasm';

/**
 * The binary of onnxruntime-web's WASM-only bundle (`onnxruntime-web/wasm`), from the same
 * `dist/`. Browsers run WASM sessions on it: the WebGPU-capable build above is compiled so that
 * its kernels can wait on the GPU, which made every CPU step about 3× slower in Chromium
 * (`npx tsx bench/wasm-step.bench.ts`).
 */
export const ORT_PLAIN_WASM_FILE = 'ort-wasm-simd-threaded.wasm';

/**
 * WASM threads for a page with `cores` logical cores: one where the page is not cross-origin
 * isolated (threads need SharedArrayBuffer) or has two cores or fewer (the threads then compete
 * with the page, the worker and the browser for the same cores and cost more than they give:
 * wasm-step.bench.ts), else onnxruntime's own default, half the cores up to four.
 */
export function wasmThreadCount(cores: number | undefined, isolated: boolean): number {
  const n = cores && Number.isFinite(cores) ? Math.floor(cores) : 1;
  if (!isolated || n <= 2) return 1;
  return Math.min(4, Math.ceil(n / 2));
}

/** onnxruntime's global settings for this realm. */
export interface OrtWebSettings {
  /** Absolute URL of {@link ORT_WASM_FILE}. */
  readonly wasmUrl: string;
  /** Absolute URL of {@link ORT_PLAIN_WASM_FILE}; absent: WASM sessions use the build above too. */
  readonly plainWasmUrl?: string;
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

/**
 * This device in words, for remembering which provider ran a model fastest on it: the WebGPU
 * adapter (vendor, architecture, device), the cores, and whether WASM threads are allowed.
 */
export async function realmDeviceLabel(): Promise<string> {
  const adapter = await webGpuAdapter();
  const info = (adapter as (GPUAdapter & { info?: { vendor?: string; architecture?: string; device?: string } }) | null)?.info;
  const gpu = adapter ? [info?.vendor, info?.architecture, info?.device].filter(Boolean).join(' ') || 'webgpu' : 'no-webgpu';
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  return `${gpu}|${cores} cores|${globalThis.crossOriginIsolated === true ? 'isolated' : 'not isolated'}`;
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

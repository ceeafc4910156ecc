import * as ort from 'onnxruntime-web';
import type { ExecutionProvider, OnnxSession, SessionRequest } from './backend.js';
import { realmHasWebGpu, realmHasWebGpuFloat16, type OrtWebSettings } from './ort-web-realm.js';
import { wrapOrtSession, type OrtNamespace } from './ort-session.js';

/**
 * onnxruntime-web in the current JavaScript realm: the page for the in-page backend, the worker
 * for the worker backend. Both share this module, so a session behaves the same wherever it runs.
 * The only module that imports onnxruntime-web, so a bundle holds exactly one copy of it; the
 * page imports it dynamically, only when it runs sessions itself (`web-backend.ts`).
 */

type OrtWeb = typeof ort;

let configured: OrtWebSettings | undefined;

function applySettings(instance: OrtWeb, wasmUrl: string, settings: OrtWebSettings): void {
  // The object form points at the binary only, so the bundle keeps using its embedded JS glue.
  instance.env.wasm.wasmPaths = { wasm: wasmUrl };
  if (settings.numThreads) instance.env.wasm.numThreads = settings.numThreads;
  // Node-placement notices are not errors; keep the reader's console for real problems.
  instance.env.logLevel = 'error';
  instance.env.wasm.proxy = settings.proxy ?? false;
}

/** Applies `settings` to onnxruntime's globals; only the first call in a realm counts. */
export function configureOrtWeb(settings: OrtWebSettings): void {
  if (configured) return;
  configured = settings;
  applySettings(ort, settings.wasmUrl, settings);
}

let plainBuild: Promise<OrtWeb> | undefined;
let plainBuildFailed = false;

/**
 * The onnxruntime instance for WASM sessions. In a browser that is the WASM-only build, loaded on
 * first use: the default build's kernels are compiled so they can wait on WebGPU, and run a CPU
 * step about 3× slower (bench/wasm-step.bench.ts). Node's default build is WASM-only already, and
 * onnxruntime's proxy worker runs only the default build.
 */
function wasmInstance(): Promise<OrtWeb> {
  const settings = configured;
  if (!settings?.plainWasmUrl || settings.proxy || plainBuildFailed) return Promise.resolve(ort);
  plainBuild ??= import('onnxruntime-web/wasm').then((plain) => {
    applySettings(plain as OrtWeb, settings.plainWasmUrl!, settings);
    return plain as OrtWeb;
  });
  return plainBuild;
}

/**
 * Creates a WASM session on the WASM-only build. Where that fails and the default build loads the
 * same graph (a host serving only the default binary), WASM sessions use the default build from
 * then on, saying so once; a graph neither build loads fails with the default build's error.
 */
async function createWasmSession(model: Uint8Array, options: ort.InferenceSession.SessionOptions): Promise<[OrtWeb, ort.InferenceSession]> {
  const instance = await wasmInstance().catch(() => ort);
  if (instance === ort) return [ort, await ort.InferenceSession.create(model, options)];
  try {
    return [instance, await instance.InferenceSession.create(model, options)];
  } catch (error) {
    const session = await ort.InferenceSession.create(model, options);
    if (!plainBuildFailed) {
      plainBuildFailed = true;
      console.warn(
        `latent-explorables: onnxruntime's WASM-only build could not start (${error instanceof Error ? error.message : String(error)}); WASM sessions use the default build, about 3× slower. Serve ${configured?.plainWasmUrl ?? 'ort-wasm-simd-threaded.wasm'} beside the default binary.`,
      );
    }
    return [ort, session];
  }
}

/** Whether onnxruntime's proxy worker is on (it cannot run WebGPU). */
export function ortProxyEnabled(): boolean {
  return ort.env.wasm.proxy === true;
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
      const options: ort.InferenceSession.SessionOptions = {
        executionProviders: [provider],
        logSeverityLevel: 3, // errors only: node-placement notices are not problems
        ...(request.externalData ? { externalData: request.externalData.map((file) => ({ path: file.path, data: file.data })) } : {}),
      };
      const [instance, session] = provider === 'wasm' ? await createWasmSession(model, options) : [ort, await ort.InferenceSession.create(model, options)];
      const wrapped = wrapOrtSession(instance as unknown as OrtNamespace, session, provider);
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

import type { GraphValue, IoTensor } from './tensors.js';

/** Which engine runs a session: a GPU through WebGPU, or the CPU (WASM in browsers, native in Node). */
export type ExecutionProvider = 'webgpu' | 'wasm' | 'cpu';

/** One loaded ONNX graph, ready to run. */
export interface OnnxSession {
  /** The graph's inputs, as its metadata states them. */
  readonly inputs: readonly GraphValue[];
  /** The graph's outputs, as its metadata states them. */
  readonly outputs: readonly GraphValue[];
  /** The provider this session ended up on (WebGPU may have fallen back to WASM). */
  readonly provider: ExecutionProvider;
  /**
   * Runs the graph; resolves with the outputs named in `outputs` (every output when absent) as CPU
   * tensors. Naming them lets a graph carry optional extra outputs (the pocket UNet's attention
   * maps) that plain runs never compute into tensors or copy back.
   */
  run(feeds: Readonly<Record<string, IoTensor>>, outputs?: readonly string[]): Promise<Record<string, IoTensor>>;
  /** Frees the session's native, WASM and GPU memory. Safe to call twice. */
  release(): Promise<void>;
}

/** Per-session choices a caller may make. */
export interface SessionRequest {
  /** A label for messages, e.g. `"unet"`. */
  readonly label: string;
  /** Providers to try, in order; the backend's own preference when absent. */
  readonly providers?: readonly ExecutionProvider[];
  /** Weight files the graph references by name (exports over 2 GB keep weights outside model.onnx). */
  readonly externalData?: readonly ExternalDataFile[];
}

/** A file holding a graph's tensors outside `model.onnx`, e.g. the diffusers script's `weights.pb`. */
export interface ExternalDataFile {
  /** The name the graph uses for it, relative to model.onnx. */
  readonly path: string;
  readonly data: Uint8Array;
}

/**
 * The one seam between the library and onnxruntime. Exactly one module per platform implements
 * it (`node-backend.ts` with onnxruntime-node, `web-backend.ts` with onnxruntime-web), and callers
 * inject the one they want, so no shared module imports either package.
 */
export interface OnnxBackend {
  /** `"onnxruntime-node"` or `"onnxruntime-web"`. */
  readonly name: string;
  /** Providers this platform can use, best first (feature-detected once). */
  availableProviders(): Promise<readonly ExecutionProvider[]>;
  /** Creates a session from model bytes, trying providers in order. */
  createSession(model: Uint8Array, request: SessionRequest): Promise<OnnxSession>;
}

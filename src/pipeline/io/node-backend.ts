import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type * as OrtNode from 'onnxruntime-node';
import type { ExecutionProvider, ExternalDataFile, OnnxBackend } from './backend.js';
import { wrapOrtSession, type OrtNamespace } from './ort-session.js';
import { MissingDependencyError } from '../../errors.js';

type OrtNodeModule = typeof OrtNode;

let loading: Promise<OrtNodeModule> | undefined;

/**
 * onnxruntime-node, imported on first use: it is an optional peer dependency, so the package
 * loads without it. Rejects with a `MissingDependencyError` (cause: the import's error) when it is
 * absent or its native binding cannot load.
 */
function importOnnxruntimeNode(): Promise<OrtNodeModule> {
  loading ??= import('onnxruntime-node').catch((error: unknown) => {
    throw new MissingDependencyError('onnxruntime-node', 'The native Node runtime', { cause: error });
  });
  return loading;
}

/**
 * Creates a session from a graph's bytes with its external weight files, if any, staged in a
 * private temporary folder that onnxruntime is told to read them from. Without that folder
 * onnxruntime resolves the names a graph gives against the working directory, so the graph
 * (whose names `loadModel` has checked) can reach no other file, even when it names none.
 */
async function createWithPrivateFolder(ort: OrtNodeModule, model: Uint8Array, files: readonly ExternalDataFile[], options: OrtNode.InferenceSession.SessionOptions) {
  const dir = await mkdtemp(join(tmpdir(), 'lx-onnx-'));
  try {
    for (const file of files) {
      if (basename(file.path) !== file.path) throw new Error(`external data "${file.path}" is not a plain file name`);
      await writeFile(join(dir, file.path), file.data);
    }
    return await ort.InferenceSession.create(model, { ...options, extra: { session: { model_external_initializers_file_folder_path: dir } } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The Node backend: onnxruntime-node on the CPU. The only module that imports onnxruntime-node
 * (on first use); import it from Node entry points only. Sessions fail with a
 * `MissingDependencyError` where onnxruntime-node is not installed; `selectNodeBackend()` falls
 * back to onnxruntime-web's WASM instead.
 */
export function createNodeBackend(options: { intraOpNumThreads?: number } = {}): OnnxBackend {
  return {
    name: 'onnxruntime-node',
    async availableProviders(): Promise<readonly ExecutionProvider[]> {
      return ['cpu'];
    },
    async createSession(model, request) {
      const ort = await importOnnxruntimeNode();
      const sessionOptions: OrtNode.InferenceSession.SessionOptions = {
        executionProviders: ['cpu'],
        ...(options.intraOpNumThreads ? { intraOpNumThreads: options.intraOpNumThreads } : {}),
      };
      const session = await createWithPrivateFolder(ort, model, request.externalData ?? [], sessionOptions);
      return wrapOrtSession(ort as unknown as OrtNamespace, session, 'cpu');
    },
  };
}

/** Options of {@link selectNodeBackend}. */
export interface NodeBackendChoice {
  /** onnxruntime-node's intra-op threads (the native backend only). */
  readonly intraOpNumThreads?: number;
  /** Tells the user why the WASM fallback was taken; default: one line on stderr, once per process. */
  readonly notice?: (message: string) => void;
  /** Loads onnxruntime-node (injected by tests); default: the real lazy import. */
  readonly importNative?: () => Promise<unknown>;
}

let noticeGiven = false;

function noticeOnce(message: string): void {
  if (noticeGiven) return;
  noticeGiven = true;
  process.stderr.write(`latent-explorables: ${message}\n`);
}

/** The sentence saying what happened and how to get the native runtime. */
export function wasmFallbackNotice(error: unknown): string {
  const cause = error instanceof MissingDependencyError ? error.cause : error;
  const absent = (cause as { code?: unknown } | undefined)?.code === 'ERR_MODULE_NOT_FOUND';
  const why = absent ? 'onnxruntime-node is not installed' : `onnxruntime-node could not be loaded (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`;
  return `${why}, so models run on onnxruntime-web's WASM backend (slower). For the native runtime: npm install onnxruntime-node`;
}

/**
 * The best backend this Node process has: onnxruntime-node when it loads, else onnxruntime-web's
 * WASM (see `createNodeWasmBackend`), saying once why and how to get the native runtime.
 */
export async function selectNodeBackend(options: NodeBackendChoice = {}): Promise<OnnxBackend> {
  try {
    await (options.importNative ?? importOnnxruntimeNode)();
  } catch (error) {
    (options.notice ?? noticeOnce)(wasmFallbackNotice(error));
    const { createNodeWasmBackend } = await import('./node-wasm-backend.js');
    return createNodeWasmBackend();
  }
  return createNodeBackend(options.intraOpNumThreads ? { intraOpNumThreads: options.intraOpNumThreads } : {});
}

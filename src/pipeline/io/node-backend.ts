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
export function importOnnxruntimeNode(): Promise<OrtNodeModule> {
  loading ??= import('onnxruntime-node').then(
    (module: OrtNodeModule & { default?: OrtNodeModule }) => (module.InferenceSession ? module : module.default!),
    (error: unknown) => {
      throw new MissingDependencyError('onnxruntime-node', 'The native Node runtime', { cause: error });
    },
  );
  return loading;
}

/**
 * Creates a session from a graph whose weights live in separate files. onnxruntime-node reads
 * external data only next to a model file, so the parts are staged in a temporary folder.
 */
async function sessionWithExternalData(ort: OrtNodeModule, model: Uint8Array, files: readonly ExternalDataFile[], options: OrtNode.InferenceSession.SessionOptions) {
  const dir = await mkdtemp(join(tmpdir(), 'lx-onnx-'));
  try {
    await writeFile(join(dir, 'model.onnx'), model);
    for (const file of files) await writeFile(join(dir, basename(file.path)), file.data);
    return await ort.InferenceSession.create(join(dir, 'model.onnx'), options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The Node backend: onnxruntime-node on the CPU. The only module that imports onnxruntime-node
 * (on first use); import it from Node entry points only. Sessions fail with a
 * `MissingDependencyError` where onnxruntime-node is not installed.
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
      const session = request.externalData?.length
        ? await sessionWithExternalData(ort, model, request.externalData, sessionOptions)
        : await ort.InferenceSession.create(model, sessionOptions);
      return wrapOrtSession(ort as unknown as OrtNamespace, session, 'cpu');
    },
  };
}


import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ExecutionProvider, ExternalDataFile, OnnxBackend } from './backend.js';
import { wrapOrtSession, type OrtNamespace } from './ort-session.js';

/**
 * Creates a session from a graph's bytes with its external weight files, if any, staged in a
 * private temporary folder that onnxruntime is told to read them from. Without that folder
 * onnxruntime resolves the names a graph gives against the working directory, so the graph
 * (whose names `loadModel` has checked) can reach no other file, even when it names none.
 */
async function createWithPrivateFolder(model: Uint8Array, files: readonly ExternalDataFile[], options: ort.InferenceSession.SessionOptions) {
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
 * The Node backend: onnxruntime-node on the CPU. The only module that imports onnxruntime-node;
 * import it from Node entry points only.
 */
export function createNodeBackend(options: { intraOpNumThreads?: number } = {}): OnnxBackend {
  return {
    name: 'onnxruntime-node',
    async availableProviders(): Promise<readonly ExecutionProvider[]> {
      return ['cpu'];
    },
    async createSession(model, request) {
      const sessionOptions: ort.InferenceSession.SessionOptions = {
        executionProviders: ['cpu'],
        ...(options.intraOpNumThreads ? { intraOpNumThreads: options.intraOpNumThreads } : {}),
      };
      const session = await createWithPrivateFolder(model, request.externalData ?? [], sessionOptions);
      return wrapOrtSession(ort as unknown as OrtNamespace, session, 'cpu');
    },
  };
}

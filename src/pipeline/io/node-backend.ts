import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ExecutionProvider, ExternalDataFile, OnnxBackend } from './backend.js';
import { wrapOrtSession, type OrtNamespace } from './ort-session.js';

/**
 * Creates a session from a graph whose weights live in separate files. onnxruntime-node reads
 * external data only next to a model file, so the parts are staged in a temporary folder.
 */
async function sessionWithExternalData(model: Uint8Array, files: readonly ExternalDataFile[], options: ort.InferenceSession.SessionOptions) {
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
      const session = request.externalData?.length
        ? await sessionWithExternalData(model, request.externalData, sessionOptions)
        : await ort.InferenceSession.create(model, sessionOptions);
      return wrapOrtSession(ort as unknown as OrtNamespace, session, 'cpu');
    },
  };
}

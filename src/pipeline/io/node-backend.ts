import * as ort from 'onnxruntime-node';
import type { ExecutionProvider, OnnxBackend } from './backend.js';
import { wrapOrtSession, type OrtNamespace } from './ort-session.js';

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
    async createSession(model) {
      const session = await ort.InferenceSession.create(model, {
        executionProviders: ['cpu'],
        ...(options.intraOpNumThreads ? { intraOpNumThreads: options.intraOpNumThreads } : {}),
      });
      return wrapOrtSession(ort as unknown as OrtNamespace, session, 'cpu');
    },
  };
}

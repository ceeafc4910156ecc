import type { OnnxBackend, OnnxSession } from './backend.js';
import { createSerialQueue } from './ort-web-realm.js';

/**
 * onnxruntime-web's WASM backend in Node: the fallback where onnxruntime-node (an optional peer
 * dependency) is not installed. Slower than the native runtime, and the same everywhere Node
 * runs. onnxruntime-web's Node build finds its WASM files in its own package folder; it is
 * loaded on first use, through the one module that imports onnxruntime-web.
 */
export function createNodeWasmBackend(): OnnxBackend {
  // One inference at a time per onnxruntime-web instance ("Session already started" otherwise).
  const oneAtATime = createSerialQueue();
  const serialised = (session: OnnxSession): OnnxSession => ({
    inputs: session.inputs,
    outputs: session.outputs,
    provider: session.provider,
    run: (feeds, outputs) => oneAtATime(() => session.run(feeds, outputs)),
    release: () => oneAtATime(() => session.release()),
  });
  return {
    name: 'onnxruntime-web',
    async availableProviders() {
      return ['wasm'];
    },
    async createSession(model, request) {
      const { openOrtWebSession } = await import('./ort-web-sessions.js');
      // Like the native backend, the CPU is the only choice here, whatever the request prefers.
      const session = await openOrtWebSession(model, { label: request.label, ...(request.externalData ? { externalData: request.externalData } : {}) }, ['wasm']);
      return serialised(session);
    },
  };
}

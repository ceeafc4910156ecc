/// <reference lib="webworker" />
/**
 * The Web Worker that owns the page's onnxruntime-web sessions, so inference never blocks the
 * page's main thread. It creates sessions from the bytes it is sent, runs them one at a time (one
 * onnxruntime instance), transfers outputs back and frees sessions on request.
 *
 * Started by `worker-backend.ts` as `new Worker(new URL('./ort-session.worker.js', import.meta.url), { type: 'module' })`.
 */
import type { OnnxSession } from '../backend.js';
import { createSerialQueue } from '../ort-web-realm.js';
import { configureOrtWeb, openOrtWebSession, realmProviders } from '../ort-web-sessions.js';
import type { OrtWorkerReply, OrtWorkerRequest } from './protocol.js';
import { serveRequests } from '../../../worker-rpc.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const sessions = new Map<number, OnnxSession>();
const oneAtATime = createSerialQueue();
let nextSession = 1;

/** Carries out one request and says what to answer. */
async function handle(request: OrtWorkerRequest): Promise<[OrtWorkerReply, Transferable[]]> {
  switch (request.type) {
    case 'init': {
      configureOrtWeb(request.settings);
      return [{ type: 'ready', id: request.id, providers: await realmProviders() }, []];
    }
    case 'create': {
      const { model, label, available, providers, externalData } = request;
      const session = await openOrtWebSession(model, { label, ...(providers ? { providers } : {}), ...(externalData ? { externalData } : {}) }, available);
      const handle = nextSession++;
      sessions.set(handle, session);
      return [{ type: 'created', id: request.id, session: handle, inputs: session.inputs, outputs: session.outputs, provider: session.provider }, []];
    }
    case 'run': {
      const outputs = await oneAtATime(() => {
        // Looked up when its turn comes: a session released meanwhile does not run.
        const session = sessions.get(request.session);
        if (!session) throw new Error('session already released');
        return session.run(request.feeds, request.outputs);
      });
      return [{ type: 'ran', id: request.id, outputs }, [...new Set(Object.values(outputs).map((tensor) => tensor.data.buffer as ArrayBuffer))]];
    }
    case 'release': {
      const session = sessions.get(request.session);
      sessions.delete(request.session);
      // After the run in progress, never during it.
      if (session) await oneAtATime(() => session.release());
      return [{ type: 'released', id: request.id }, []];
    }
  }
}

// onnxruntime's thread workers load the bundle holding onnxruntime, which is this one once
// bundled: there, only onnxruntime's own code may answer messages.
if (!scope.name.startsWith('em-pthread')) serveRequests<OrtWorkerRequest, OrtWorkerReply>(scope, handle);

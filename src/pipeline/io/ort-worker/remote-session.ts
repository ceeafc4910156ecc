import type { OnnxSession } from '../backend.js';
import type { IoTensor } from '../tensors.js';
import { SessionReleasedError } from './errors.js';
import type { CreatedSession } from './protocol.js';
import type { OrtWorkerConnection } from './worker-connection.js';

/**
 * The page's handle on a session living in the inference worker: `run` and `release` become
 * requests. Releasing rejects the runs still pending at once (the worker skips them), so no
 * caller waits on a session that is gone; `onReleased` lets the owner count live sessions.
 */
export function remoteSession(connection: OrtWorkerConnection, created: CreatedSession, label: string, onReleased: () => void): OnnxSession {
  let released = false;
  const pending = new Set<(error: Error) => void>();
  return {
    inputs: created.inputs,
    outputs: created.outputs,
    provider: created.provider,
    run(feeds, outputs) {
      if (released) return Promise.reject(new SessionReleasedError(label));
      return new Promise<Record<string, IoTensor>>((resolve, reject) => {
        pending.add(reject);
        // Feeds are copied, not transferred: the pipeline passes some (the prompt's embeddings) every step.
        connection.call({ type: 'run', session: created.session, feeds, ...(outputs ? { outputs } : {}) }).then(
          (reply) => {
            pending.delete(reject);
            resolve(reply.outputs);
          },
          (error: Error) => {
            pending.delete(reject);
            reject(error);
          },
        );
      });
    },
    async release() {
      if (released) return;
      released = true;
      const error = new SessionReleasedError(label);
      for (const reject of pending) reject(error);
      pending.clear();
      try {
        await connection.call({ type: 'release', session: created.session });
      } catch (error) {
        // A worker that is gone took the session's memory with it: nothing is left to free.
        if (!connection.failure) throw error;
      } finally {
        onReleased();
      }
    },
  };
}

import { LatentExplorablesError } from '../../../errors.js';
import type { WorkerErrorData } from './protocol.js';

/** The inference worker could not start, failed, or was stopped; `field` names the session when one was involved. */
export class InferenceWorkerError extends LatentExplorablesError {
  constructor(message: string, options: { field?: string; cause?: unknown } = {}) {
    super('inference-worker', message, options);
  }
}

/** A run was asked of (or still pending on) a session that has been released. `field` names the session. */
export class SessionReleasedError extends LatentExplorablesError {
  constructor(label: string) {
    super('session-released', `${label}: session already released`, { field: label });
  }
}

/**
 * Rebuilds an error thrown in the worker with the class and message it had there, so callers see
 * what the in-page backend would have thrown (onnxruntime and the session code throw built-in errors).
 */
export function errorFromWorker(data: WorkerErrorData): Error {
  switch (data.name) {
    case 'TypeError':
      return new TypeError(data.message);
    case 'RangeError':
      return new RangeError(data.message);
    default:
      return new Error(data.message);
  }
}

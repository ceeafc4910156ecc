import { LatentExplorablesError, registerErrorClass } from '../../../errors.js';

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

registerErrorClass(InferenceWorkerError, 'inference-worker');
registerErrorClass(SessionReleasedError, 'session-released');

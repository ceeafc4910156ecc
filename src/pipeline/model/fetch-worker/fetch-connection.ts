import { startModuleWorker } from '../../../start-worker.js';
import { AbortError, LatentExplorablesError } from '../../../errors.js';
import { WorkerRpc, type WorkerFactory } from '../../../worker-rpc.js';
import { ModelLoadError } from '../errors.js';
import type { LoadProgress } from '../source.js';
import { FETCH_WORKER_NAME, type FetchWorkerReply, type FetchWorkerRequest } from './protocol.js';

/** Starts the download worker; injectable so bundlers or tests can supply their own. */
export type FetchWorkerFactory = WorkerFactory;

/**
 * The worker module next to this one: `.ts` when served from sources (the test runner compiles
 * on request), `.js` when built, where every worker is its own bundle beside its client.
 */
export const defaultFetchWorker: FetchWorkerFactory = () => {
  const file = import.meta.url.endsWith('.ts') ? './model-fetch.worker.ts' : './model-fetch.worker.js';
  return startModuleWorker(new URL(file, import.meta.url), FETCH_WORKER_NAME);
};

/** The download worker itself failed (could not load, or crashed): callers may read in the page instead. */
export class FetchWorkerFailure extends Error {
  override name = 'FetchWorkerFailure';
}

type FolderRequestBody = Omit<Extract<FetchWorkerRequest, { type: 'read' | 'exists' }>, 'id'>;
type Answer = Extract<FetchWorkerReply, { type: 'read' | 'exists' }>;

/** How long an idle worker stays up for the next file (a model is several requests in a row). */
const IDLE_STOP_MS = 5_000;

/**
 * One running download worker: numbered requests, each settled by its reply, progress passed
 * on as it comes. Aborting a request rejects it at once and tells the worker to stop; a failed
 * worker rejects everything pending with a `FetchWorkerFailure`. It stops itself when idle.
 */
export class FetchWorkerConnection {
  readonly #rpc: WorkerRpc<FetchWorkerRequest, FetchWorkerReply>;

  /** Throws a `FetchWorkerFailure` when the browser refuses to start the worker. */
  constructor(createWorker: FetchWorkerFactory, onStop: () => void) {
    this.#rpc = new WorkerRpc(createWorker, {
      description: 'download worker',
      failure: (message) => new FetchWorkerFailure(message),
      onStop,
      abort: 'message',
      idleStopMs: IDLE_STOP_MS,
    });
  }

  /** Why the worker is gone, or `undefined` while it runs. */
  get failure(): FetchWorkerFailure | undefined {
    return this.#rpc.failure as FetchWorkerFailure | undefined;
  }

  /** Asks for a file (`read`) or whether it exists; resolves with the answer of the same type. */
  async request<K extends Answer['type']>(
    body: FolderRequestBody & { readonly type: K },
    options: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal } = {},
  ): Promise<Extract<Answer, { type: K }>> {
    try {
      return await this.#rpc.call<Extract<Answer, { type: K }>>(body as FolderRequestBody, options);
    } catch (error) {
      throw asSourceError(error as Error, body.path);
    }
  }

  /** Terminates the worker and rejects what is pending with `reason`. */
  stop(reason?: FetchWorkerFailure): void {
    this.#rpc.stop(reason);
  }
}

/** The error the in-page source would have thrown: ours as they are, anything else naming the file. */
function asSourceError(error: Error, path: string): Error {
  if (error instanceof LatentExplorablesError || error instanceof FetchWorkerFailure) return error;
  if (error.name === 'AbortError') return new AbortError(error.message);
  return new ModelLoadError(path, error.message);
}

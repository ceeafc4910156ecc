import { AbortError } from '../../../errors.js';
import { ModelLoadError } from '../errors.js';
import { listenToWorker } from '../../io/listen-to-worker.js';
import type { LoadProgress } from '../source.js';
import { FETCH_WORKER_NAME, type FetchErrorData, type FetchWorkerReply, type FetchWorkerRequest } from './protocol.js';

/** Starts the download worker; injectable so bundlers or tests can supply their own. */
export type FetchWorkerFactory = () => Worker;

/**
 * The worker module next to this one: `.ts` when served from sources (the test runner compiles
 * on request), `.js` when built, where every worker is its own bundle beside its client.
 */
export const defaultFetchWorker: FetchWorkerFactory = () => {
  const file = import.meta.url.endsWith('.ts') ? './model-fetch.worker.ts' : './model-fetch.worker.js';
  return new Worker(new URL(file, import.meta.url), { type: 'module', name: FETCH_WORKER_NAME });
};

/** The download worker itself failed (could not load, or crashed): callers may read in the page instead. */
export class FetchWorkerFailure extends Error {
  override name = 'FetchWorkerFailure';
}

type FolderRequestBody = Omit<Extract<FetchWorkerRequest, { type: 'read' | 'exists' }>, 'id'>;
type Answer = Extract<FetchWorkerReply, { type: 'read' | 'exists' }>;

interface Pending {
  readonly path: string;
  readonly onProgress: ((progress: LoadProgress) => void) | undefined;
  resolve(reply: Answer): void;
  reject(error: Error): void;
}

/** How long an idle worker stays up for the next file (a model is several requests in a row). */
const IDLE_STOP_MS = 5_000;

/**
 * One running download worker: numbered requests, each settled by its reply, progress passed
 * on as it comes. Aborting a request rejects it at once and tells the worker to stop; a failed
 * worker rejects everything pending with a `FetchWorkerFailure`. It stops itself when idle.
 */
export class FetchWorkerConnection {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #onStop: () => void;
  #nextId = 1;
  #failure: FetchWorkerFailure | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** Throws a `FetchWorkerFailure` when the browser refuses to start the worker. */
  constructor(createWorker: FetchWorkerFactory, onStop: () => void) {
    this.#onStop = onStop;
    try {
      this.#worker = createWorker();
    } catch (cause) {
      throw new FetchWorkerFailure(`the download worker could not start: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    listenToWorker<FetchWorkerReply>(
      this.#worker,
      'download worker',
      (reply) => this.#receive(reply),
      (message) => this.stop(new FetchWorkerFailure(message)),
    );
  }

  /** Why the worker is gone, or `undefined` while it runs. */
  get failure(): FetchWorkerFailure | undefined {
    return this.#failure;
  }

  /** Asks for a file (`read`) or whether it exists; resolves with the answer of the same type. */
  request<K extends Answer['type']>(
    body: FolderRequestBody & { readonly type: K },
    options: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal } = {},
  ): Promise<Extract<Answer, { type: K }>> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (options.signal?.aborted) return Promise.reject(new AbortError());
    clearTimeout(this.#idleTimer);
    const id = this.#nextId++;
    return new Promise<Extract<Answer, { type: K }>>((resolve, reject) => {
      const onAbort = () => {
        this.#settle(id);
        this.#worker.postMessage({ type: 'abort', id } satisfies FetchWorkerRequest);
        reject(new AbortError());
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => options.signal?.removeEventListener('abort', onAbort);
      this.#pending.set(id, {
        path: body.path,
        onProgress: options.onProgress,
        // The worker answers each request with a reply of the request's own type.
        resolve: (reply) => (done(), resolve(reply as Extract<Answer, { type: K }>)),
        reject: (error) => (done(), reject(error)),
      });
      this.#worker.postMessage({ ...body, id } as FetchWorkerRequest);
    });
  }

  /** Terminates the worker and rejects what is pending with `reason`. */
  stop(reason = new FetchWorkerFailure('the download worker was stopped')): void {
    if (this.#failure) return;
    this.#failure = reason;
    clearTimeout(this.#idleTimer);
    this.#worker.terminate();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const request of pending) request.reject(reason);
    this.#onStop();
  }

  #receive(reply: FetchWorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return; // aborted meanwhile
    if (reply.type === 'progress') return pending.onProgress?.(reply.progress);
    this.#settle(reply.id);
    if (reply.type === 'failed') pending.reject(rebuildError(reply.error, pending.path));
    else pending.resolve(reply);
  }

  #settle(id: number): void {
    this.#pending.delete(id);
    if (this.#pending.size === 0 && !this.#failure) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = setTimeout(() => this.stop(), IDLE_STOP_MS);
    }
  }
}

/** The error the in-page source would have thrown. */
function rebuildError(data: FetchErrorData, path: string): Error {
  if (data.name === 'AbortError') return new AbortError(data.message);
  if (data.name === 'ModelLoadError') {
    const field = data.field ?? path;
    const prefix = `${field}: `;
    return new ModelLoadError(field, data.message.startsWith(prefix) ? data.message.slice(prefix.length) : data.message);
  }
  return new ModelLoadError(path, data.message);
}

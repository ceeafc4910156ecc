import { InferenceWorkerError, errorFromWorker } from './errors.js';
import { listenToWorker } from '../listen-to-worker.js';
import { ORT_WORKER_NAME, type OrtWorkerReply, type OrtWorkerRequest } from './protocol.js';

/** Creates the inference worker; injectable so bundlers or tests can supply their own. */
export type OrtWorkerFactory = () => Worker;

/**
 * The worker module next to this one. Served from sources (the test runner's dev server compiles
 * `.ts` on request) this module's URL ends in `.ts` and so must the worker's; built, both are
 * `.js` and the worker is its own bundle beside this one (scripts/workers.mjs).
 */
export const defaultOrtWorker: OrtWorkerFactory = () => {
  const file = import.meta.url.endsWith('.ts') ? './ort-session.worker.ts' : './ort-session.worker.js';
  return new Worker(new URL(file, import.meta.url), { type: 'module', name: ORT_WORKER_NAME });
};

/** Which reply answers which request. */
interface ReplyTo {
  init: 'ready';
  create: 'created';
  run: 'ran';
  release: 'released';
}

/** A request without its `id` (the connection numbers them). */
export type RequestBody<K extends keyof ReplyTo> = Omit<Extract<OrtWorkerRequest, { type: K }>, 'id'>;

/** The reply that answers a request of type `K`. */
export type ReplyFor<K extends keyof ReplyTo> = Extract<OrtWorkerReply, { type: ReplyTo[K] }>;

interface Pending {
  resolve(reply: OrtWorkerReply): void;
  reject(error: Error): void;
}

/**
 * One running inference worker: numbered requests, each settled by its reply. When the worker
 * fails or is stopped every pending request is rejected at once, so nothing waits forever.
 */
export class OrtWorkerConnection {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: InferenceWorkerError | undefined;

  /** Starts a worker; throws an `InferenceWorkerError` when the browser refuses to. */
  constructor(createWorker: OrtWorkerFactory) {
    try {
      this.#worker = createWorker();
    } catch (cause) {
      throw new InferenceWorkerError(`could not start the inference worker: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    listenToWorker<OrtWorkerReply>(
      this.#worker,
      'inference worker',
      (reply) => this.#receive(reply),
      (message) => this.stop(new InferenceWorkerError(message)),
    );
  }

  /** Why the worker is gone, or `undefined` while it runs. */
  get failure(): InferenceWorkerError | undefined {
    return this.#failure;
  }

  /** Sends a request; resolves with its reply, or rejects with the worker's error for it. */
  call<K extends keyof ReplyTo>(body: { readonly type: K } & RequestBody<K>, transfer: Transferable[] = []): Promise<ReplyFor<K>> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise<ReplyFor<K>>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (reply: OrtWorkerReply) => void, reject });
      try {
        this.#worker.postMessage({ ...body, id }, transfer);
      } catch (cause) {
        this.#pending.delete(id);
        reject(new InferenceWorkerError(`could not send a "${body.type}" request to the inference worker: ${cause instanceof Error ? cause.message : String(cause)}`, { cause }));
      }
    });
  }

  /** Terminates the worker (freeing everything it held) and rejects what is pending with `reason`. */
  stop(reason: InferenceWorkerError = new InferenceWorkerError('the inference worker was stopped')): void {
    if (this.#failure) return;
    this.#failure = reason;
    this.#worker.terminate();
    for (const pending of this.#pending.values()) pending.reject(reason);
    this.#pending.clear();
  }

  #receive(reply: OrtWorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (reply.type === 'failed') pending.reject(errorFromWorker(reply.error));
    else pending.resolve(reply);
  }
}

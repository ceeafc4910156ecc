import { startModuleWorker } from '../../../start-worker.js';
import { InferenceWorkerError } from './errors.js';
import { WorkerRpc, type DistributiveOmit, type WorkerFactory } from '../../../worker-rpc.js';
import { ORT_WORKER_NAME, type OrtWorkerReply, type OrtWorkerRequest } from './protocol.js';

/** Creates the inference worker; injectable so bundlers or tests can supply their own. */
export type OrtWorkerFactory = WorkerFactory;

/**
 * The worker module next to this one. Served from sources (the test runner's dev server compiles
 * `.ts` on request) this module's URL ends in `.ts` and so must the worker's; built, both are
 * `.js` and the worker is its own bundle beside this one (scripts/workers.mjs).
 */
export const defaultOrtWorker: OrtWorkerFactory = () => {
  const file = import.meta.url.endsWith('.ts') ? './ort-session.worker.ts' : './ort-session.worker.js';
  return startModuleWorker(new URL(file, import.meta.url), ORT_WORKER_NAME);
};

/** Which reply answers which request. */
interface ReplyTo {
  init: 'ready';
  create: 'created';
  run: 'ran';
  release: 'released';
}

/** A request without its `id` (the connection numbers them). */
export type RequestBody<K extends keyof ReplyTo> = DistributiveOmit<Extract<OrtWorkerRequest, { type: K }>, 'id'>;

/** The reply that answers a request of type `K`. */
export type ReplyFor<K extends keyof ReplyTo> = Extract<OrtWorkerReply, { type: ReplyTo[K] }>;

/**
 * One running inference worker: numbered requests, each settled by its reply. When the worker
 * fails or is stopped every pending request is rejected at once, so nothing waits forever.
 */
export class OrtWorkerConnection {
  readonly #rpc: WorkerRpc<OrtWorkerRequest, OrtWorkerReply>;

  /** Starts a worker; throws an `InferenceWorkerError` when the browser refuses to. */
  constructor(createWorker: OrtWorkerFactory) {
    this.#rpc = new WorkerRpc(createWorker, {
      description: 'inference worker',
      failure: (message, cause) => new InferenceWorkerError(message, cause === undefined ? {} : { cause }),
    });
  }

  /** Why the worker is gone, or `undefined` while it runs. */
  get failure(): InferenceWorkerError | undefined {
    return this.#rpc.failure as InferenceWorkerError | undefined;
  }

  /** Sends a request; resolves with its reply, or rejects with the worker's error for it. */
  call<K extends keyof ReplyTo>(body: { readonly type: K } & RequestBody<K>, transfer: Transferable[] = []): Promise<ReplyFor<K>> {
    return this.#rpc.call<ReplyFor<K>>(body as DistributiveOmit<OrtWorkerRequest, 'id'>, { transfer });
  }

  /** Terminates the worker (freeing everything it held) and rejects what is pending with `reason`. */
  stop(reason?: InferenceWorkerError): void {
    this.#rpc.stop(reason);
  }
}

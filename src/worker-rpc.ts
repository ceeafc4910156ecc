/**
 * The one way the page talks to a worker of ours (inference sessions, downloads, UMAP, the
 * playground's training). Requests are numbered; the worker answers each `id` with exactly one
 * reply, after any number of `progress` replies; a `failed` reply carries the error as
 * {@link WireError} and rejects with the same class on the page. When the worker crashes, sends
 * something unreadable or is stopped, every pending call is rejected at once: nothing waits forever.
 */
import { AbortError, fromWire, toWire, type WireError } from './errors.js';

/** Starts a worker; injectable so bundlers or tests can supply their own. */
export type WorkerFactory = () => Worker;

/** Replies every worker of ours may send besides its answers. */
export type RpcReply<Progress = never> =
  | { readonly type: 'progress'; readonly id: number; readonly progress: Progress }
  /** `id: null`: a failure of a request that expects no answer. */
  | { readonly type: 'failed'; readonly id: number | null; readonly error: WireError };

/** The shape of every message: a `type`, and the `id` of the request it answers (if any). */
interface Message {
  readonly type: string;
  readonly id?: number | null;
}

/** How one connection behaves. */
export interface WorkerRpcOptions<Reply> {
  /** Names the worker in failure messages, e.g. `"inference worker"`. */
  readonly description: string;
  /** The error a crash, an unreadable message or a stop rejects pending calls with. */
  readonly failure: (message: string, cause?: unknown) => Error;
  /** Messages that answer no pending call (unsolicited progress, failures of `send`s). */
  readonly onMessage?: (message: Reply) => void;
  /** Called once when the worker is gone, with why. */
  readonly onStop?: (reason: Error) => void;
  /**
   * How an aborted call stops the worker's work: `'message'` posts `{ type: 'abort', id }`
   * (the worker stops that request), `'terminate'` stops the whole worker (work that cannot
   * be interrupted from inside). Either way the call rejects with an `AbortError` at once.
   */
  readonly abort?: 'message' | 'terminate';
  /** Stop the worker after this long with nothing pending (default: never). */
  readonly idleStopMs?: number;
}

/** Per-call hooks. */
export interface CallOptions<Progress> {
  readonly transfer?: Transferable[];
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
}

interface Pending {
  resolve(reply: Message): void;
  reject(error: Error): void;
  onProgress: ((progress: unknown) => void) | undefined;
}

/** A running worker and its pending calls. */
export class WorkerRpc<Request extends Message, Reply extends Message> {
  readonly #worker: Worker;
  readonly #options: WorkerRpcOptions<Reply>;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  /** Starts the worker; throws `options.failure(…)` when the browser refuses to. */
  constructor(createWorker: WorkerFactory, options: WorkerRpcOptions<Reply>) {
    this.#options = options;
    try {
      this.#worker = createWorker();
    } catch (cause) {
      throw options.failure(`could not start the ${options.description}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
    this.#worker.addEventListener('message', (event: MessageEvent<Reply>) => this.#receive(event.data));
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault(); // reported through the rejected calls, not as an uncaught page error
      this.stop(options.failure(`the ${options.description} failed: ${event.message || 'its script could not be loaded'}`));
    });
    this.#worker.addEventListener('messageerror', () => this.stop(options.failure(`the ${options.description} sent a message that could not be read`)));
  }

  /** Why the worker is gone, or `undefined` while it runs. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /**
   * Sends a request (numbered here) and resolves with the reply of its `id`; the caller knows
   * which reply type answers which request.
   */
  call<Answer extends Reply>(body: DistributiveOmit<Request, 'id'>, options: CallOptions<ProgressOf<Reply>> = {}): Promise<Answer> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (options.signal?.aborted) return Promise.reject(new AbortError());
    clearTimeout(this.#idleTimer);
    const id = this.#nextId++;
    const { signal } = options;
    return new Promise<Answer>((resolve, reject) => {
      const onAbort = () => {
        if (this.#options.abort === 'terminate') return this.stop(new AbortError());
        this.#settled(id);
        this.#worker.postMessage({ type: 'abort', id });
        reject(new AbortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.#pending.set(id, {
        resolve: (reply) => (done(), resolve(reply as Answer)),
        reject: (error) => (done(), reject(error)),
        onProgress: options.onProgress as ((progress: unknown) => void) | undefined,
      });
      try {
        this.#worker.postMessage({ ...body, id }, options.transfer ?? []);
      } catch (cause) {
        this.#settled(id);
        done();
        reject(this.#options.failure(`could not send a "${body.type}" request to the ${this.#options.description}: ${cause instanceof Error ? cause.message : String(cause)}`, cause));
      }
    });
  }

  /** Sends a request that expects no answer (its failure, if any, comes to `onMessage`). */
  send(body: Request, transfer: Transferable[] = []): void {
    if (this.#failure) throw this.#failure;
    this.#worker.postMessage(body, transfer);
  }

  /** Terminates the worker (freeing what it held) and rejects everything pending with `reason`. */
  stop(reason: Error = this.#options.failure(`the ${this.#options.description} was stopped`)): void {
    if (this.#failure) return;
    this.#failure = reason;
    clearTimeout(this.#idleTimer);
    this.#worker.terminate();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) call.reject(reason);
    this.#options.onStop?.(reason);
  }

  #receive(reply: Reply): void {
    const pending = reply.id == null ? undefined : this.#pending.get(reply.id);
    if (!pending) {
      if (reply.id == null) this.#options.onMessage?.(reply);
      return; // else: an answer to a call aborted meanwhile
    }
    const known = reply as unknown as RpcReply<unknown>;
    if (known.type === 'progress') return pending.onProgress?.(known.progress);
    this.#settled(reply.id!);
    if (known.type === 'failed') pending.reject(fromWire(known.error));
    else pending.resolve(reply);
  }

  #settled(id: number): void {
    this.#pending.delete(id);
    const idle = this.#options.idleStopMs;
    if (idle !== undefined && this.#pending.size === 0 && !this.#failure) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = setTimeout(() => this.stop(), idle);
    }
  }
}

/** `Omit` applied to each member of a union (plain `Omit` would merge them). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The progress payload a reply union carries, if any. */
type ProgressOf<Reply> = Reply extends { readonly type: 'progress'; readonly progress: infer P } ? P : never;

/** The parts of a worker's global scope that {@link serveRequests} uses. */
export interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** What a worker's request handler gets besides the request. */
export interface RequestContext<Progress> {
  /** Aborted when the page aborts this request (`abort: 'message'`). */
  readonly signal: AbortSignal;
  /** Posts a `progress` reply for this request. */
  progress(progress: Progress): void;
}

/**
 * The worker's side: answers each numbered request with what `handle` returns (a reply and what
 * to transfer), or with a `failed` reply carrying the error through {@link toWire}; `abort`
 * messages abort the named request's signal.
 */
export function serveRequests<Request extends { readonly type: string; readonly id: number }, Reply, Progress = never>(
  scope: WorkerScope,
  handle: (request: Request, context: RequestContext<Progress>) => Promise<readonly [Reply, Transferable[]]> | readonly [Reply, Transferable[]],
): void {
  const running = new Map<number, AbortController>();
  scope.addEventListener('message', (event: MessageEvent<Request | { type: 'abort'; id: number }>) => {
    const request = event.data;
    if (request.type === 'abort') {
      running.get(request.id)?.abort();
      return;
    }
    const { id } = request as Request;
    const controller = new AbortController();
    running.set(id, controller);
    const context: RequestContext<Progress> = { signal: controller.signal, progress: (progress) => scope.postMessage({ type: 'progress', id, progress }) };
    new Promise<readonly [Reply, Transferable[]]>((resolve) => resolve(handle(request as Request, context)))
      .then(
        ([reply, transfer]) => scope.postMessage(reply, transfer),
        (error: unknown) => scope.postMessage({ type: 'failed', id, error: toWire(error) } satisfies RpcReply),
      )
      .finally(() => running.delete(id));
  });
}

/**
 * Main-thread handle on the UMAP worker: promise-returning `fit` and `transform`, progress
 * callbacks, abort by terminating the worker (a fit cannot be interrupted from inside).
 */
import { AbortError, LatentExplorablesError } from '../../errors.js';
import type { UmapOptions, UmapProgress } from './fit-umap.js';
import type { UmapRequest, UmapResponse } from './protocol.js';

/** Creates the worker; injectable so bundlers or tests can supply their own. */
export type UmapWorkerFactory = () => Worker;

/** The worker module next to this file (bundlers recognise the `new URL(…, import.meta.url)` form). */
export const defaultUmapWorker: UmapWorkerFactory = () => new Worker(new URL('./umap.worker.js', import.meta.url), { type: 'module' });

/** The worker failed to start or to load its code. */
export class UmapWorkerError extends LatentExplorablesError {
  constructor(message: string, field?: string) {
    super('umap-worker', message, field ? { field } : {});
  }
}

interface Pending {
  resolve(points: Float32Array): void;
  reject(error: Error): void;
  onProgress: ((progress: UmapProgress) => void) | undefined;
}

/** One worker holding at most one fitted layout. */
export class UmapWorkerClient {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(private readonly createWorker: UmapWorkerFactory = defaultUmapWorker) {}

  /** Fits a layout of unit rows; resolves with interleaved x, y. */
  fit(units: Float32Array, dimensions: number, options: UmapOptions = {}, hooks: { onProgress?: (p: UmapProgress) => void; signal?: AbortSignal } = {}): Promise<Float32Array> {
    return this.#send({ type: 'fit', id: this.#nextId++, units: units.slice(), dimensions, options }, hooks);
  }

  /** Places new unit rows into the last fitted layout. */
  transform(units: Float32Array, dimensions: number, hooks: { signal?: AbortSignal } = {}): Promise<Float32Array> {
    return this.#send({ type: 'transform', id: this.#nextId++, units: units.slice(), dimensions }, hooks);
  }

  /** Stops the worker; pending calls reject with AbortError. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#failAll(new AbortError('The UMAP worker was stopped.'));
  }

  #send(request: UmapRequest, hooks: { onProgress?: (p: UmapProgress) => void; signal?: AbortSignal }): Promise<Float32Array> {
    if (hooks.signal?.aborted) return Promise.reject(new AbortError());
    const worker = this.#ensureWorker();
    return new Promise<Float32Array>((resolve, reject) => {
      this.#pending.set(request.id, { resolve, reject, onProgress: hooks.onProgress });
      hooks.signal?.addEventListener('abort', () => this.terminate(), { once: true });
      worker.postMessage(request, [request.units.buffer]);
    });
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    let worker: Worker;
    try {
      worker = this.createWorker();
    } catch (cause) {
      throw new UmapWorkerError(`could not start the UMAP worker: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    worker.addEventListener('message', (event: MessageEvent<UmapResponse>) => this.#receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#worker?.terminate();
      this.#worker = undefined;
      this.#failAll(new UmapWorkerError(`the UMAP worker failed: ${event.message || 'its script could not be loaded'}`));
    });
    this.#worker = worker;
    return worker;
  }

  #receive(message: UmapResponse): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') return pending.onProgress?.(message.progress);
    this.#pending.delete(message.id);
    if (message.type === 'points') pending.resolve(message.points);
    else pending.reject(new UmapWorkerError(message.message, message.field));
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

/**
 * Main-thread handle on the UMAP worker: promise-returning `fit` and `transform`, progress
 * callbacks, abort by terminating the worker (a fit cannot be interrupted from inside).
 */
import { startModuleWorker } from '../../start-worker.js';
import { AbortError, LatentExplorablesError, registerErrorClass } from '../../errors.js';
import { WorkerRpc, type WorkerFactory } from '../../worker-rpc.js';
import type { UmapOptions, UmapProgress } from './fit-umap.js';
import type { UmapRequest, UmapResponse } from './protocol.js';

/** Creates the worker; injectable so bundlers or tests can supply their own. */
export type UmapWorkerFactory = WorkerFactory;

/** The worker module next to this file (bundlers recognise the `new URL(…, import.meta.url)` form). */
export const defaultUmapWorker: UmapWorkerFactory = () => startModuleWorker(new URL('./umap.worker.js', import.meta.url));

/** The worker failed to start or to load its code. */
export class UmapWorkerError extends LatentExplorablesError {
  constructor(message: string, field?: string) {
    super('umap-worker', message, field ? { field } : {});
  }
}

registerErrorClass(UmapWorkerError, 'umap-worker');

type Points = Extract<UmapResponse, { type: 'points' }>;

/** One worker holding at most one fitted layout. */
export class UmapWorkerClient {
  #rpc: WorkerRpc<UmapRequest, UmapResponse> | undefined;

  constructor(private readonly createWorker: UmapWorkerFactory = defaultUmapWorker) {}

  /** Fits a layout of unit rows; resolves with interleaved x, y. */
  fit(units: Float32Array, dimensions: number, options: UmapOptions = {}, hooks: { onProgress?: (p: UmapProgress) => void; signal?: AbortSignal } = {}): Promise<Float32Array> {
    const copy = units.slice();
    return this.#call({ type: 'fit', units: copy, dimensions, options }, copy, hooks);
  }

  /** Places new unit rows into the last fitted layout. */
  transform(units: Float32Array, dimensions: number, hooks: { signal?: AbortSignal } = {}): Promise<Float32Array> {
    const copy = units.slice();
    return this.#call({ type: 'transform', units: copy, dimensions }, copy, hooks);
  }

  /** Stops the worker; pending calls reject with AbortError. */
  terminate(): void {
    this.#rpc?.stop(new AbortError('The UMAP worker was stopped.'));
    this.#rpc = undefined;
  }

  async #call(
    body: Parameters<WorkerRpc<UmapRequest, UmapResponse>['call']>[0],
    units: Float32Array,
    hooks: { onProgress?: (p: UmapProgress) => void; signal?: AbortSignal },
  ): Promise<Float32Array> {
    if (hooks.signal?.aborted) throw new AbortError();
    if (!this.#rpc || this.#rpc.failure) {
      this.#rpc = new WorkerRpc(this.createWorker, {
        description: 'UMAP worker',
        failure: (message) => new UmapWorkerError(message),
        abort: 'terminate',
      });
    }
    const reply = await this.#rpc.call<Points>(body, { transfer: [units.buffer], ...hooks });
    return reply.points;
  }
}

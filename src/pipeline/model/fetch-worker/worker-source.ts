import { httpSource, type HttpSourceOptions } from '../http-source.js';
import type { ModelSource, ReadOptions } from '../source.js';
import { FetchWorkerConnection, FetchWorkerFailure, defaultFetchWorker, type FetchWorkerFactory } from './fetch-connection.js';

/** Options of `workerHttpSource`: `httpSource`'s, and how to start the worker. */
export interface WorkerHttpSourceOptions extends HttpSourceOptions {
  /** Starts the download worker; default the bundled `model-fetch.worker.js` beside this module. */
  readonly createWorker?: FetchWorkerFactory;
}

/** The running worker of each factory: every source of the page shares it. */
const pageWorkers = new Map<FetchWorkerFactory, FetchWorkerConnection>();
/** Factories whose worker failed: their sources read in the page from then on. */
const brokenFactories = new Set<FetchWorkerFactory>();

function connectionFor(createWorker: FetchWorkerFactory): FetchWorkerConnection {
  const running = pageWorkers.get(createWorker);
  if (running && !running.failure) return running;
  const connection = new FetchWorkerConnection(createWorker, () => {
    if (pageWorkers.get(createWorker) === connection) pageWorkers.delete(createWorker);
  });
  pageWorkers.set(createWorker, connection);
  return connection;
}

/**
 * `httpSource` with the downloading done in a worker, so large model files never block the
 * page: the same URLs, progress, Cache API caching and errors (`ModelLoadError` naming the
 * file, `AbortError`). Where workers are unavailable or the worker fails, it reads in the page
 * and warns once why; with an injected `fetch` (which cannot travel to a worker) it always does.
 */
export function workerHttpSource(baseUrl: string, options: WorkerHttpSourceOptions = {}): ModelSource {
  const { createWorker = defaultFetchWorker, ...httpOptions } = options;
  const inPage = httpSource(baseUrl, httpOptions);
  if (httpOptions.fetch || typeof Worker === 'undefined') return inPage;
  const folder = {
    base: inPage.id,
    ...(httpOptions.cacheName !== undefined ? { cacheName: httpOptions.cacheName } : {}),
    ...(httpOptions.connectTimeoutMs !== undefined ? { connectTimeoutMs: httpOptions.connectTimeoutMs } : {}),
    ...(httpOptions.idleTimeoutMs !== undefined ? { idleTimeoutMs: httpOptions.idleTimeoutMs } : {}),
  };

  /** Runs `inWorker`, or `fallback` in the page when the worker cannot serve. */
  async function viaWorker<T>(inWorker: (connection: FetchWorkerConnection) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (brokenFactories.has(createWorker)) return fallback();
    try {
      return await inWorker(connectionFor(createWorker));
    } catch (error) {
      if (!(error instanceof FetchWorkerFailure)) throw error;
      brokenFactories.add(createWorker);
      console.warn(`latent-explorables: downloading model files in the page instead (${error.message})`);
      return fallback();
    }
  }

  return {
    id: inPage.id,
    read(path: string, readOptions: ReadOptions = {}) {
      return viaWorker(
        async (connection) => {
          const limit = {
            ...(readOptions.maxBytes !== undefined ? { maxBytes: readOptions.maxBytes } : {}),
            ...(readOptions.maxBytesOption !== undefined ? { maxBytesOption: readOptions.maxBytesOption } : {}),
          };
          return (await connection.request({ type: 'read', path, ...folder, ...limit }, readOptions)).bytes;
        },
        () => inPage.read(path, readOptions),
      );
    },
    exists(path: string, existsOptions: { signal?: AbortSignal } = {}) {
      return viaWorker(
        async (connection) => (await connection.request({ type: 'exists', path, ...folder }, existsOptions)).exists,
        () => inPage.exists(path, existsOptions),
      );
    },
  };
}

import { createWebBackend, type WebBackendOptions } from '../io/web-backend.js';
import type { DiffusionModel } from './diffusion-model.js';
import { httpSource, type HttpSourceOptions } from './http-source.js';
import { workerHttpSource } from './fetch-worker/worker-source.js';
import type { FetchWorkerFactory } from './fetch-worker/fetch-connection.js';
import { loadModel, type LoadModelOptions } from './load-model.js';
import { assetUrl } from '../../assets.js';

/** Browser options: `loadModel`'s, plus where the CLIP vocabulary is served and how to cache. */
export interface WebLoadOptions extends Partial<LoadModelOptions>, HttpSourceOptions {
  /** URL of the folder holding `bpe_simple_vocab_16e6.txt.gz`; default the package's `assets/tokenizers/clip/`. */
  readonly clipAssetsUrl?: string;
  /** Settings for the default backend (ignored when `backend` is given). */
  readonly web?: WebBackendOptions;
  /**
   * Starts the worker that downloads the files (default the bundled `model-fetch.worker.js`),
   * or `false` to download in the page, where large files cost long main-thread tasks.
   */
  readonly downloadWorker?: FetchWorkerFactory | false;
}

/** The package's bundled CLIP vocabulary folder, resolved against this module's URL. */
export function defaultClipAssetsUrl(): string {
  return assetUrl('tokenizers/clip/');
}

/**
 * Browser: loads a model folder from a URL with onnxruntime-web (WebGPU, else WASM), caching
 * every file with the Cache API so a reload does not download it again. Files are downloaded
 * in a worker and sessions run in another, so the page stays responsive throughout.
 */
export function loadModelFromUrl(url: string, options: WebLoadOptions = {}): Promise<DiffusionModel> {
  const http: HttpSourceOptions = {
    ...(options.cacheName !== undefined ? { cacheName: options.cacheName } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  };
  const source = (folder: string) =>
    options.downloadWorker === false ? httpSource(folder, http) : workerHttpSource(folder, { ...http, ...(options.downloadWorker ? { createWorker: options.downloadWorker } : {}) });
  return loadModel(source(url), {
    clipAssets: source(options.clipAssetsUrl ?? defaultClipAssetsUrl()),
    ...options,
    backend: options.backend ?? createWebBackend(options.web),
  });
}

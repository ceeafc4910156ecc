import { loadModelFromUrl, type WebLoadOptions } from '../../pipeline/model/web.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { ModelRegistry } from './model-context.js';
import { POCKET_MODEL_PATH, assetUrl } from '../../assets.js';

/** Page-wide model settings: where onnxruntime's WASM files are served, providers, caching, the download worker. */
export type PageModelSettings = Pick<WebLoadOptions, 'web' | 'providers' | 'cacheName' | 'clipAssetsUrl' | 'backend' | 'downloadWorker'>;

let settings: PageModelSettings = {};

/**
 * Sets how the page's elements load models (call before the first element loads one):
 * e.g. `configurePageModels({ web: { wasmBase: 'https://example.org/ort/' } })`.
 */
export function configurePageModels(next: PageModelSettings): void {
  settings = { ...settings, ...next };
}

/**
 * The page's shared diffusion models: every element that names a model URL takes a lease
 * here, so a page with a player, a guidance grid and a token view on the pocket model
 * downloads and initialises it once.
 */
export const pageModels = new ModelRegistry<DiffusionModel>((url, { onProgress, signal }) =>
  loadModelFromUrl(url, {
    ...settings,
    signal,
    onProgress: (progress) => onProgress({ phase: 'download', loaded: progress.loaded, total: progress.total ?? 0, item: progress.file }),
  }),
);

/**
 * The shipped pocket model, resolved against this module so it works from the source tree,
 * the docs bundle (`/build/…` → `/assets/…`) and the published package alike.
 */
export const DEFAULT_MODEL_URL = assetUrl(POCKET_MODEL_PATH);

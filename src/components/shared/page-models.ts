import type { WebLoadOptions } from '../../pipeline/model/web.js';
import { loadModelOnFasterProvider } from '../../pipeline/run/faster-provider.js';
import { describeChoice, type ChoiceStore, type ProviderChoice } from '../../pipeline/io/backend-choice.js';
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

/** This origin's `localStorage`, where it can be used (not in private modes that refuse it). */
function originStore(): ChoiceStore | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** How each page model's provider was chosen, for the figures' status line. */
const choices = new WeakMap<DiffusionModel, ProviderChoice>();

/**
 * The page's shared diffusion models: every element that names a model URL takes a lease
 * here, so a page with a player, a guidance grid and a token view on the pocket model
 * downloads and initialises it once, on whichever of WebGPU and WASM ran its first steps faster
 * on this device (timed once per model and device, remembered in this origin's localStorage).
 */
export const pageModels = new ModelRegistry<DiffusionModel>(async (url, { onProgress, signal }) => {
  const { model, choice } = await loadModelOnFasterProvider(url, {
    ...settings,
    signal,
    store: originStore(),
    onProgress: (progress) => onProgress({ phase: 'download', loaded: progress.loaded, total: progress.total ?? 0, item: progress.file }),
  });
  choices.set(model, choice);
  return model;
});

/**
 * Which backend runs a model, for a figure's status: e.g. "WASM (24.1 ms/step; WebGPU 80.3)"
 * when the choice was timed now, "WebGPU (chosen earlier on this device)", or the UNet's
 * provider for a model the page passed in.
 */
export function describeModelBackend(model: DiffusionModel): string {
  const choice = choices.get(model);
  return describeChoice(choice ?? { provider: model.providers.unet ?? 'wasm', medians: {}, remembered: false });
}

/**
 * The shipped pocket model, resolved against this module so it works from the source tree,
 * the docs bundle (`/build/…` → `/assets/…`) and the published package alike.
 */
export const DEFAULT_MODEL_URL = assetUrl(POCKET_MODEL_PATH);

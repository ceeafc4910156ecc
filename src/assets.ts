/**
 * Where the package's shipped files (models, embedding tables, tokenizer data, onnxruntime's
 * WASM) live, resolved from this module's URL. Every bundle we build sits exactly one folder
 * below the folder holding `assets/` (`src/`, `dist/`, `docs/build/`, the CDN's `js/`), so
 * `../assets/` is right in the sources, the npm package, the site and the CDN bundle alike.
 * Pages can point elsewhere by setting `globalThis.LATENT_EXPLORABLES_ASSETS` (a URL) before
 * loading the library.
 */
export function assetUrl(path: string): string {
  const override = (globalThis as { LATENT_EXPLORABLES_ASSETS?: string }).LATENT_EXPLORABLES_ASSETS;
  const base = override ? new URL(override.endsWith('/') ? override : `${override}/`, globalThis.location?.href) : new URL('../assets/', import.meta.url);
  return new URL(path, base).href;
}

/** The shipped pocket model's folder, relative to `assets/` (the CLI's default, the elements' default, the README's example). */
export const POCKET_MODEL_PATH = 'models/pocket/';

/** How recordings and messages name the shipped pocket model, wherever it was loaded from. */
export const POCKET_MODEL_ID = 'latent-explorables/pocket';

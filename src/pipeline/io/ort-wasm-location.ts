/**
 * Where a page finds onnxruntime-web's WASM binary when it does not say (`wasmBase`). The npm
 * package carries no copy: onnxruntime-web, its dependency, holds the file in its `dist/`, and
 * JS and WASM must come from the same release. So the default follows the URL of this package's
 * `assets/` folder.
 */

/** The onnxruntime-web release this package is built and pinned against (package.json). */
export const ORT_WEB_VERSION = '1.30.0';

/**
 * The folder URL (ending in `/`) to load the WASM binary from, given the URL of the package's
 * `assets/` folder:
 * - `…/node_modules/latent-explorables/assets/` (a page or dev server serving `node_modules` as
 *   npm installed it): `…/node_modules/onnxruntime-web/dist/`, the dependency beside it;
 * - `…/latent-explorables@<version>/assets/` (an npm CDN such as jsDelivr or unpkg):
 *   `…/onnxruntime-web@<ORT_WEB_VERSION>/dist/` on the same CDN;
 * - anywhere else (a copy on your own host): `assets/ort/`, where you put the file.
 */
export function defaultWasmBase(assetsBase: string): string {
  const assets = new URL(assetsBase.endsWith('/') ? assetsBase : `${assetsBase}/`);
  const packageFolder = new URL('../', assets);
  const segments = packageFolder.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const name = segments.at(-1);
  const parent = segments.at(-2);
  if (name === 'latent-explorables' && parent === 'node_modules') return new URL('../onnxruntime-web/dist/', packageFolder).href;
  if (name?.startsWith('latent-explorables@')) return new URL(`../onnxruntime-web@${ORT_WEB_VERSION}/dist/`, packageFolder).href;
  return new URL('ort/', assets).href;
}

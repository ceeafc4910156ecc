/**
 * `latent-explorables`: everything — the diffusion pipeline, the embedding explorers and the
 * element classes (import `latent-explorables/define` to register the `lx-` tags).
 */
export * from './pipeline/index.js';
export * from './explorers/index.js';
export * from './components/index.js';
export { assetUrl } from './assets.js';
export { LatentExplorablesError, InvalidOptionError, AbortError, type ErrorCode } from './errors.js';

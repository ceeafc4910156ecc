/**
 * `latent-explorables/node`: everything in the main entry that runs outside a browser, plus the
 * Node-only pieces: the Node runtimes (onnxruntime-node when installed, else onnxruntime-web's
 * WASM), model folders and recordings on disk, the full GloVe table. Importing it starts nothing.
 */
export * from './pipeline/index.js';
export * from './explorers/index.js';
export { createNodeBackend, selectNodeBackend, type NodeBackendChoice } from './pipeline/io/node-backend.js';
export { createNodeWasmBackend } from './pipeline/io/node-wasm-backend.js';
export { loadModelInNode, CLIP_ASSETS_DIR, type NodeLoadOptions } from './pipeline/model/node.js';
export { fileSource } from './pipeline/model/file-source.js';
export { readTrajectoryFile, writeTrajectoryFile } from './pipeline/trajectory/node.js';
export { readGlovePackage, gloveJsonPath, GLOVE_SOURCE } from './explorers/node/read-glove-package.js';
export { main as runCli } from './cli/main.js';
export { assetUrl } from './assets.js';
export { LatentExplorablesError, InvalidOptionError, AbortError, MissingDependencyError, type ErrorCode } from './errors.js';

import { fileURLToPath } from 'node:url';
import { selectNodeBackend } from '../io/node-backend.js';
import type { DiffusionModel } from './diffusion-model.js';
import { fileSource } from './file-source.js';
import { httpSource, isHttpUrl, type HttpSourceOptions } from './http-source.js';
import { loadModel, type LoadModelOptions } from './load-model.js';
import { assetUrl } from '../../assets.js';

/** The bundled CLIP vocabulary folder, next to this package's sources. */
export const CLIP_ASSETS_DIR = fileURLToPath(assetUrl('tokenizers/clip/'));

/** Node options: `loadModel`'s, plus the HTTP timeouts for a folder given by URL. */
export type NodeLoadOptions = Partial<LoadModelOptions> & Pick<HttpSourceOptions, 'connectTimeoutMs' | 'idleTimeoutMs'>;

/**
 * Node: loads a model folder from a directory path or an http(s) URL with onnxruntime-node, or
 * with onnxruntime-web's WASM where onnxruntime-node is not installed (see `selectNodeBackend`),
 * unless another backend is given.
 */
export async function loadModelInNode(location: string, options: NodeLoadOptions = {}): Promise<DiffusionModel> {
  const { connectTimeoutMs, idleTimeoutMs } = options;
  const http = { cacheName: false as const, ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }), ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }) };
  const source = isHttpUrl(location) ? httpSource(location, http) : fileSource(location);
  return loadModel(source, { clipAssets: fileSource(CLIP_ASSETS_DIR), ...options, backend: options.backend ?? (await selectNodeBackend()) });
}

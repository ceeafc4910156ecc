import { ModelLoadError } from './errors.js';

/** Progress of one file of a model download (or read). */
export interface LoadProgress {
  /** Path inside the model folder, e.g. `"unet/model.onnx"`. */
  readonly file: string;
  /** Bytes received so far. */
  readonly loaded: number;
  /** Total bytes, or null when the server did not say. */
  readonly total: number | null;
  /** True when the bytes came from the browser's Cache API instead of the network. */
  readonly fromCache: boolean;
  /** True on the file's last event. */
  readonly done: boolean;
}

/** Options for reading one file. */
export interface ReadOptions {
  readonly onProgress?: (progress: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * Where a model folder's files come from: a URL (browser, with caching) or a directory (Node).
 * `read` rejects with a `ModelLoadError` naming the file when it is missing.
 */
export interface ModelSource {
  /** A stable name for the folder (its URL or path), used as the model id. */
  readonly id: string;
  read(path: string, options?: ReadOptions): Promise<Uint8Array>;
  /** Whether the folder has the file (optional files such as `vae_encoder/model.onnx`). */
  exists(path: string, options?: { signal?: AbortSignal }): Promise<boolean>;
}

/** Reads and parses a JSON file of a model folder. */
export async function readJson(source: ModelSource, path: string, options?: ReadOptions): Promise<unknown> {
  const bytes = await source.read(path, options);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (cause) {
    throw new ModelLoadError(path, 'is not valid JSON', { cause });
  }
}

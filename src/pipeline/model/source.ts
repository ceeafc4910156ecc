import { ModelLoadError } from './errors.js';
import { DEFAULT_MODEL_LIMITS, formatByteCount } from './limits.js';

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
  /**
   * Largest file accepted, in bytes as read (after any HTTP decompression); a larger one is
   * refused with a `ModelLoadError` before it is held whole. Default `DEFAULT_MODEL_LIMITS.fileBytes`.
   */
  readonly maxBytes?: number;
  /** The option that raises `maxBytes`, named in the error (e.g. `"limits.jsonBytes"`). */
  readonly maxBytesOption?: string;
}

/** The byte limit of a read. */
export function maxBytesOf(options: ReadOptions): number {
  return options.maxBytes ?? DEFAULT_MODEL_LIMITS.fileBytes;
}

/** The error for a file over its read's byte limit. */
export function tooLargeError(file: string, options: ReadOptions, size?: number): ModelLoadError {
  const limit = maxBytesOf(options);
  const has = size === undefined ? `is larger than ${formatByteCount(limit)}` : `is ${formatByteCount(size)}, more than ${formatByteCount(limit)}`;
  return new ModelLoadError(file, `${has}, the most a model file of this kind may be (raise ${options.maxBytesOption ?? 'limits.fileBytes'} to accept it)`);
}

/**
 * Where a model folder's files come from: a URL (browser, with caching) or a directory (Node).
 * `read` rejects with a `ModelLoadError` naming the file when it is missing, larger than the
 * read's `maxBytes`, or outside the folder (a directory's symlinks are followed and checked;
 * a URL must stay on the folder's origin and under its path).
 */
export interface ModelSource {
  /** A stable name for the folder (its URL or path), used as the model id. */
  readonly id: string;
  read(path: string, options?: ReadOptions): Promise<Uint8Array>;
  /** Whether the folder has the file (optional files such as `vae_encoder/model.onnx`). */
  exists(path: string, options?: { signal?: AbortSignal }): Promise<boolean>;
}

/** Reads and parses a JSON file of a model folder (at most `DEFAULT_MODEL_LIMITS.jsonBytes` unless `options` say otherwise). */
export async function readJson(source: ModelSource, path: string, options: ReadOptions = {}): Promise<unknown> {
  const bytes = await source.read(path, { maxBytes: DEFAULT_MODEL_LIMITS.jsonBytes, maxBytesOption: 'limits.jsonBytes', ...options });
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (cause) {
    throw new ModelLoadError(path, 'is not valid JSON', { cause });
  }
}

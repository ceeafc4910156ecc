/**
 * Loads `.lxemb` assets in the browser with byte progress, once per URL per page: every
 * element asking for the same URL shares one download and one decoded table.
 */
import { EmbeddingLoadError } from '../errors.js';
import { decodeAsset } from './asset-codec.js';
import type { EmbeddingTable } from './embedding-table.js';
import { assetUrl } from '../../assets.js';

/** The shipped GloVe asset (50 000 most frequent words and the article's rarer example words, int8). */
export const DEFAULT_EMBEDDINGS_URL = assetUrl('embeddings/glove-6b-100d-50k.int8.lxemb');

/** Byte progress of a download (`total` is 0 when the server does not say). */
export interface LoadProgress {
  readonly loaded: number;
  readonly total: number;
}

interface Entry {
  readonly table: Promise<EmbeddingTable>;
  readonly listeners: Set<(progress: LoadProgress) => void>;
  last: LoadProgress | undefined;
}

const entries = new Map<string, Entry>();

/**
 * The table at `url`, downloading and decoding it the first time. `onProgress` is called for
 * this caller even if the download was started by another (with the latest figure first).
 * A failed load is forgotten so that a later call retries.
 */
export function loadEmbeddings(url: string = DEFAULT_EMBEDDINGS_URL, onProgress?: (progress: LoadProgress) => void): Promise<EmbeddingTable> {
  const key = new URL(url, globalThis.location?.href).href;
  let entry = entries.get(key);
  if (!entry) {
    const listeners = new Set<(progress: LoadProgress) => void>();
    const created: Entry = {
      listeners,
      last: undefined,
      table: download(key, (progress) => {
        created.last = progress;
        for (const listener of listeners) listener(progress);
      }).then((bytes) => decodeAsset(bytes, key)),
    };
    created.table.catch(() => entries.delete(key));
    entries.set(key, created);
    entry = created;
  }
  if (onProgress) {
    const listener = onProgress;
    entry.listeners.add(listener);
    if (entry.last) listener(entry.last);
    const remove = () => entry!.listeners.delete(listener);
    entry.table.then(remove, remove);
  }
  return entry.table;
}

/** Forgets every cached table (tests; or to free memory on a page that is done with them). */
export function clearEmbeddingCache(): void {
  entries.clear();
}

async function download(url: string, onProgress: (progress: LoadProgress) => void): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new EmbeddingLoadError(url, 'the download failed (network error)', { cause });
  }
  if (!response.ok) throw new EmbeddingLoadError(url, `the server answered ${response.status} ${response.statusText}`.trim());
  const total = Number(response.headers.get('content-length') ?? 0) || 0;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress({ loaded, total });
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

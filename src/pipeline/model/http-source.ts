import { AbortError } from '../../errors.js';
import { ModelLoadError } from './errors.js';
import type { LoadProgress, ModelSource, ReadOptions } from './source.js';

/** Options for reading a model folder over HTTP. */
export interface HttpSourceOptions {
  /**
   * Cache API cache to keep downloaded files in, so a reload does not download them again;
   * `false` to always use the network. Default `"latent-explorables-models"` where the Cache API
   * exists (browsers in secure contexts).
   */
  readonly cacheName?: string | false;
  /** The fetch to use (tests inject one); default the global fetch. */
  readonly fetch?: typeof fetch;
}

/** The default Cache API cache for model files. */
export const MODEL_CACHE_NAME = 'latent-explorables-models';

/** Reads a model folder from a base URL (absolute, or relative to the page), with per-file progress and Cache API caching. */
export function httpSource(baseUrl: string, options: HttpSourceOptions = {}): ModelSource {
  // Relative URLs (e.g. "/models/pocket/") resolve against the page, as fetch would.
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href).href;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const cacheName = options.cacheName ?? MODEL_CACHE_NAME;
  const openCache = async (): Promise<Cache | null> => {
    if (cacheName === false || typeof caches === 'undefined') return null;
    try {
      return await caches.open(cacheName);
    } catch {
      return null; // e.g. an insecure context: work without the cache
    }
  };
  // `exists` asks with a GET (browsers report every HEAD request as aborted, which pages and
  // tests rightly treat as a failed load) and keeps the response for the `read` that follows.
  const answered = new Map<string, Response>();
  return {
    id: base,
    async read(path: string, readOptions: ReadOptions = {}): Promise<Uint8Array> {
      const url = new URL(path, base).href;
      const cache = await openCache();
      const cached = await cache?.match(url);
      if (cached) return readBody(cached, path, true, readOptions);
      let response: Response;
      try {
        response = answered.get(url) ?? (await doFetch(url, readOptions.signal ? { signal: readOptions.signal } : {}));
        answered.delete(url);
      } catch (cause) {
        if (readOptions.signal?.aborted) throw new AbortError();
        throw new ModelLoadError(path, `could not be fetched from ${url}`, { cause });
      }
      if (!response.ok) throw new ModelLoadError(path, `is missing (HTTP ${response.status} for ${url})`);
      const bytes = await readBody(response, path, false, readOptions);
      if (cache) {
        await cache.put(url, new Response(bytes as BlobPart, { headers: { 'content-length': String(bytes.length) } })).catch(() => {
          // A full quota only costs the next visit a download.
        });
      }
      return bytes;
    },
    async exists(path: string, existsOptions: { signal?: AbortSignal } = {}): Promise<boolean> {
      const url = new URL(path, base).href;
      if (await (await openCache())?.match(url)) return true;
      try {
        const response = await doFetch(url, existsOptions.signal ? { signal: existsOptions.signal } : {});
        if (response.ok) answered.set(url, response);
        else await response.body?.cancel();
        return response.ok;
      } catch {
        if (existsOptions.signal?.aborted) throw new AbortError();
        return false;
      }
    },
  };
}

/** Reads a response body chunk by chunk, reporting progress, into one byte array. */
async function readBody(response: Response, file: string, fromCache: boolean, options: ReadOptions): Promise<Uint8Array> {
  const header = Number(response.headers.get('content-length'));
  const total = Number.isFinite(header) && header > 0 ? header : null;
  const report = (loaded: number, done: boolean) => {
    const event: LoadProgress = { file, loaded, total: done ? loaded : total, fromCache, done };
    options.onProgress?.(event);
  };
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    report(bytes.length, true);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  report(0, false);
  try {
    for (;;) {
      if (options.signal?.aborted) throw new AbortError();
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      report(loaded, false);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof AbortError || options.signal?.aborted) throw new AbortError();
    throw new ModelLoadError(file, 'download failed', { cause: error });
  }
  const bytes = concatenate(chunks, loaded);
  report(bytes.length, true);
  return bytes;
}

function concatenate(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

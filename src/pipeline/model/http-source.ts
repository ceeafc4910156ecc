import { AbortError } from '../../errors.js';
import { ModelLoadError } from './errors.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';
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

/** Bytes read between two yields to the event loop. */
const YIELD_EVERY_BYTES = 1 << 20;

/**
 * Reads a response body chunk by chunk, reporting progress, into one byte array. With a
 * Content-Length the array is allocated up front and each chunk copied in as it arrives (a
 * 13 MB concatenation at the end was one task long enough to block a page). Chunks the
 * stream already holds are handed over without a task boundary, so on a fast connection the
 * loop yields to the event loop every megabyte.
 */
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
  const body = new BodyBuffer(total);
  report(0, false);
  let nextYield = YIELD_EVERY_BYTES;
  try {
    for (;;) {
      if (options.signal?.aborted) throw new AbortError();
      const { done, value } = await reader.read();
      if (done) break;
      body.append(value);
      report(body.length, false);
      if (body.length >= nextYield) {
        nextYield = body.length + YIELD_EVERY_BYTES;
        await yieldToEventLoop();
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof AbortError || options.signal?.aborted) throw new AbortError();
    throw new ModelLoadError(file, 'download failed', { cause: error });
  }
  const bytes = body.bytes();
  report(bytes.length, true);
  return bytes;
}

/**
 * Collects a body's chunks: into one array of the announced size while they fit it, as a list
 * of chunks when there is no size or the body outgrows it (a compressed transfer announces its
 * compressed size, and the stream yields the decompressed bytes).
 */
class BodyBuffer {
  #whole: Uint8Array | null;
  #chunks: Uint8Array[] = [];
  length = 0;

  constructor(expected: number | null) {
    this.#whole = expected ? allocate(expected) : null;
  }

  append(chunk: Uint8Array): void {
    if (this.#whole && this.length + chunk.length <= this.#whole.length) this.#whole.set(chunk, this.length);
    else {
      if (this.#whole) this.#chunks.push(this.#whole.subarray(0, this.length));
      this.#whole = null;
      this.#chunks.push(chunk);
    }
    this.length += chunk.length;
  }

  /** The whole body as one array (its own buffer when the announced size was right). */
  bytes(): Uint8Array {
    if (this.#whole) return this.length === this.#whole.length ? this.#whole : this.#whole.slice(0, this.length);
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** A zeroed array of `length` bytes, or null when that much cannot be had (a bogus Content-Length). */
function allocate(length: number): Uint8Array | null {
  try {
    return new Uint8Array(length);
  } catch {
    return null; // collected chunk by chunk instead, and a real shortage fails there
  }
}

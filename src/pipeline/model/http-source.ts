import { AbortError, InvalidOptionError } from '../../errors.js';
import { ModelLoadError } from './errors.js';
import { describeCause, IDLE_PROGRESS_BYTES, readBody } from './http-body.js';
import { formatByteCount } from './limits.js';
import { RequestWatch } from './request-watch.js';
import type { ModelSource, ReadOptions } from './source.js';

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
  /** Longest wait for a server's response (its headers), in milliseconds; default 30 000. */
  readonly connectTimeoutMs?: number;
  /**
   * Longest wait for the next 64 KiB of a file (or its end), in milliseconds; default 30 000.
   * A stalled download, or one trickling slower than about 2 kB/s, fails instead of hanging.
   */
  readonly idleTimeoutMs?: number;
}

/** The default Cache API cache for model files. */
export const MODEL_CACHE_NAME = 'latent-explorables-models';
/** Defaults of `connectTimeoutMs` and `idleTimeoutMs`. */
export const DEFAULT_HTTP_TIMEOUTS = Object.freeze({ connectTimeoutMs: 30_000, idleTimeoutMs: 30_000 });

/** Whether `location` is an http(s) URL (any letter case), not a path. */
export function isHttpUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

function timeout(options: HttpSourceOptions, key: keyof typeof DEFAULT_HTTP_TIMEOUTS): number {
  const value = options[key] ?? DEFAULT_HTTP_TIMEOUTS[key];
  if (typeof value !== 'number' || !(value > 0)) throw new InvalidOptionError(key, `must be a positive number of milliseconds, got ${String(value)}`);
  return value;
}

/**
 * Reads a model folder from a base URL (absolute, or relative to the page), with per-file
 * progress, Cache API caching, byte limits and timeouts. Every file must stay on the folder's
 * origin and under its path.
 */
export function httpSource(baseUrl: string, options: HttpSourceOptions = {}): ModelSource {
  // Relative URLs (e.g. "/models/pocket/") resolve against the page, as fetch would.
  const baseLocation = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href);
  const base = baseLocation.href;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const cacheName = options.cacheName ?? MODEL_CACHE_NAME;
  const connectMs = timeout(options, 'connectTimeoutMs');
  const idleMs = timeout(options, 'idleTimeoutMs');
  const openCache = async (): Promise<Cache | null> => {
    if (cacheName === false || typeof caches === 'undefined') return null;
    try {
      return await caches.open(cacheName);
    } catch {
      return null; // e.g. an insecure context: work without the cache
    }
  };
  /** The file's URL, which must stay on the folder's origin and under its path. */
  const urlOf = (path: string): string => {
    const url = new URL(path, base);
    if (url.origin !== baseLocation.origin || !url.pathname.startsWith(baseLocation.pathname) || /%(2f|5c)/i.test(url.pathname)) {
      throw new ModelLoadError(path, `resolves to ${url.href}, outside the model folder ${base}`);
    }
    return url.href;
  };
  const stoppedError = (watch: RequestWatch, path: string, url: string): Error => {
    if (watch.reason === 'connect') {
      return new ModelLoadError(path, `no response from ${url} within ${connectMs / 1000} s (raise connectTimeoutMs to wait longer)`);
    }
    if (watch.reason === 'idle') {
      return new ModelLoadError(
        path,
        `the download from ${url} stalled: less than ${formatByteCount(IDLE_PROGRESS_BYTES)} arrived in ${idleMs / 1000} s (raise idleTimeoutMs to wait longer)`,
      );
    }
    return new AbortError();
  };
  /** Fetches `url`, failing when the headers take longer than the connect timeout. */
  const fetchWatched = async (path: string, url: string, watch: RequestWatch): Promise<Response> => {
    watch.arm('connect', connectMs);
    try {
      const response = await Promise.race([
        doFetch(url, { signal: watch.signal }),
        // An injected fetch may ignore the signal: the watch settles the wait either way.
        new Promise<never>((_, reject) => watch.onStop(() => reject(stoppedError(watch, path, url)))),
      ]);
      watch.arm('connect', Infinity);
      return response;
    } catch (cause) {
      if (watch.reason) throw stoppedError(watch, path, url);
      throw new ModelLoadError(path, `could not be fetched from ${url} (${describeCause(cause)})`, { cause });
    }
  };
  // `exists` asks with a GET (browsers report every HEAD request as aborted, which pages and
  // tests rightly treat as a failed load) and keeps the response for the `read` that follows.
  const answered = new Map<string, Response>();
  return {
    id: base,
    async read(path: string, readOptions: ReadOptions = {}): Promise<Uint8Array> {
      const url = urlOf(path);
      if (readOptions.signal?.aborted) throw new AbortError();
      const watch = new RequestWatch(readOptions.signal);
      const bodyRead = (fromCache: boolean) => ({ file: path, fromCache, options: readOptions, watch, idleTimeoutMs: idleMs, stopped: () => stoppedError(watch, path, url) });
      try {
        const cache = await openCache();
        const cached = await cache?.match(url);
        if (cached) return await readBody(cached, bodyRead(true));
        const kept = answered.get(url);
        answered.delete(url);
        const response = kept ?? (await fetchWatched(path, url, watch));
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          throw new ModelLoadError(path, `is missing (HTTP ${response.status} for ${url})`);
        }
        const bytes = await readBody(response, bodyRead(false));
        if (cache) {
          await cache.put(url, new Response(bytes as BlobPart, { headers: { 'content-length': String(bytes.length) } })).catch(() => {
            // A full quota only costs the next visit a download.
          });
        }
        return bytes;
      } finally {
        watch.dispose();
      }
    },
    async exists(path: string, existsOptions: { signal?: AbortSignal } = {}): Promise<boolean> {
      const url = urlOf(path);
      if (await (await openCache())?.match(url)) return true;
      const watch = new RequestWatch(existsOptions.signal);
      try {
        const response = await fetchWatched(path, url, watch);
        if (response.ok) answered.set(url, response);
        else await response.body?.cancel().catch(() => undefined);
        return response.ok;
      } catch (error) {
        if (error instanceof AbortError || watch.reason) throw error; // aborted or timed out: not an answer
        return false;
      } finally {
        watch.dispose();
      }
    },
  };
}

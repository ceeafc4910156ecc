import { AbortError } from '../../errors.js';
import type { ProgressDetail } from './events.js';

/**
 * A per-page registry of loaded models, so two elements on one page that name the same
 * model URL download and initialise it once. Each element holds a lease; the model is
 * disposed when the last lease is released (or the load is aborted if nobody waits any more).
 */

/** Anything the registry can share: it must free its resources on `dispose()`. */
export interface DisposableModel {
  dispose(): void | Promise<void>;
}

/** Loads one model from a URL, reporting progress and honouring the signal. */
export type ModelLoader<M extends DisposableModel> = (
  url: string,
  options: { onProgress: (progress: ProgressDetail) => void; signal: AbortSignal },
) => Promise<M>;

/** One element's hold on a shared model. `release()` is idempotent. */
export interface ModelLease<M> {
  readonly url: string;
  readonly model: Promise<M>;
  release(): void;
}

interface Entry<M extends DisposableModel> {
  readonly model: Promise<M>;
  readonly abort: AbortController;
  readonly listeners: Set<(progress: ProgressDetail) => void>;
  lastProgress: ProgressDetail | undefined;
  holders: number;
}

/** Reference-counted models keyed by URL; one registry per loader (per page). */
export class ModelRegistry<M extends DisposableModel> {
  readonly #entries = new Map<string, Entry<M>>();
  /** How many times a model was actually loaded (not served from the registry): for tests and benches. */
  loadCount = 0;

  constructor(private readonly loader: ModelLoader<M>) {}

  /** Number of leases currently held on `url`. */
  holders(url: string): number {
    return this.#entries.get(normalizeUrl(url))?.holders ?? 0;
  }

  /** Takes a lease on the model at `url`, starting the load when nobody holds it yet. */
  acquire(url: string, onProgress?: (progress: ProgressDetail) => void): ModelLease<M> {
    const key = normalizeUrl(url);
    const entry = this.#entries.get(key) ?? this.#start(key);
    entry.holders += 1;
    if (onProgress) {
      entry.listeners.add(onProgress);
      // A late joiner sees where the shared download already is.
      if (entry.lastProgress) onProgress(entry.lastProgress);
    }
    let released = false;
    return {
      url: key,
      model: entry.model,
      release: () => {
        if (released) return;
        released = true;
        if (onProgress) entry.listeners.delete(onProgress);
        this.#release(key, entry);
      },
    };
  }

  #start(key: string): Entry<M> {
    const abort = new AbortController();
    const listeners = new Set<(progress: ProgressDetail) => void>();
    const entry: Entry<M> = {
      abort,
      listeners,
      lastProgress: undefined,
      holders: 0,
      model: this.loader(key, {
        signal: abort.signal,
        onProgress: (progress) => {
          entry.lastProgress = progress;
          for (const listener of listeners) listener(progress);
        },
      }),
    };
    this.loadCount += 1;
    // A failed load must not poison the registry: the next acquire retries.
    entry.model.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    this.#entries.set(key, entry);
    return entry;
  }

  #release(key: string, entry: Entry<M>): void {
    entry.holders -= 1;
    if (entry.holders > 0) return;
    if (this.#entries.get(key) === entry) this.#entries.delete(key);
    entry.abort.abort(new AbortError('Model load abandoned: no element uses it any more.'));
    entry.model.then(
      (model) => model.dispose(),
      () => undefined,
    );
  }
}

/** Resolves relative URLs against the page so "./m/" and "/m/" name one model. */
export function normalizeUrl(url: string): string {
  const base = typeof document === 'undefined' ? 'http://localhost/' : document.baseURI;
  const resolved = new URL(url, base).href;
  return resolved.endsWith('/') ? resolved : `${resolved}/`;
}

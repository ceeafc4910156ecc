import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit, type ProgressDetail } from '../events.js';
import { normalizeUrl, type DisposableModel, type ModelLease, type ModelRegistry } from '../model-context.js';

/**
 * The model side of an element: either an instance the page passed in (never disposed by us),
 * or a lease from the page's shared registry, taken on first use and released when the URL
 * changes or the element leaves the page. Download progress is re-emitted as `lx-progress`
 * and kept in `progress` for the element's progress bar.
 */
export class ModelController<M extends DisposableModel> implements ReactiveController {
  /** The latest download progress, or undefined when nothing is loading. */
  progress: ProgressDetail | undefined;
  #lease: ModelLease<M> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly registry: ModelRegistry<M>,
  ) {
    host.addController(this);
  }

  /** Whether a lease is held (for tests of resource release). */
  get holdsLease(): boolean {
    return this.#lease !== undefined;
  }

  /** The model to use: the given instance, or the shared one at `url` (loaded once per page). */
  async get(url: string, instance: M | undefined): Promise<M> {
    if (instance) {
      this.release();
      return instance;
    }
    if (this.#lease && this.#lease.url !== normalizeUrl(url)) this.release();
    this.#lease ??= this.registry.acquire(url, (progress) => this.#onProgress(progress));
    const lease = this.#lease;
    try {
      return await lease.model;
    } catch (error) {
      // Drop a failed lease so a retry (another URL, or the same one fixed) loads afresh.
      if (this.#lease === lease) this.release();
      throw error;
    } finally {
      this.progress = undefined;
      this.host.requestUpdate();
    }
  }

  /** Gives the shared model back; the registry disposes it when no element holds it. */
  release(): void {
    this.#lease?.release();
    this.#lease = undefined;
  }

  hostDisconnected(): void {
    this.release();
    this.progress = undefined;
  }

  #onProgress(progress: ProgressDetail): void {
    this.progress = progress;
    emit(this.host, 'lx-progress', progress);
    this.host.requestUpdate();
  }
}

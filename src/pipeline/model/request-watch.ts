/** Why a watched request was stopped. */
export type StopReason = 'aborted' | 'connect' | 'idle';

/**
 * Watches one HTTP request: stops it when the caller aborts or when the server keeps it
 * waiting too long (for the response, or between two pieces of the body). Stopping aborts the
 * fetch's signal and calls every `onStop` hook (a body reader cancels itself there, which also
 * works for bodies no signal reaches: cached responses, injected fetches).
 */
export class RequestWatch {
  /** Pass to `fetch` so stopping also ends the connection. */
  readonly signal: AbortSignal;
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.stop('aborted');
  readonly #hooks = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reason: StopReason | null = null;

  constructor(caller?: AbortSignal) {
    this.signal = this.#controller.signal;
    this.#caller = caller;
    if (caller?.aborted) this.stop('aborted');
    else caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  /** Why the request was stopped, or null while it may go on. */
  get reason(): StopReason | null {
    return this.#reason;
  }

  /** Stops the request with `reason` unless `ms` pass first or `arm` is called again. */
  arm(reason: Exclude<StopReason, 'aborted'>, ms: number): void {
    clearTimeout(this.#timer);
    if (Number.isFinite(ms)) this.#timer = setTimeout(() => this.stop(reason), ms);
  }

  /** Runs `hook` when the request is stopped (at once if it already is); returns its removal. */
  onStop(hook: () => void): () => void {
    if (this.#reason) hook();
    else this.#hooks.add(hook);
    return () => this.#hooks.delete(hook);
  }

  stop(reason: StopReason): void {
    if (this.#reason) return;
    this.#reason = reason;
    clearTimeout(this.#timer);
    this.#controller.abort();
    for (const hook of this.#hooks) hook();
    this.#hooks.clear();
  }

  /** Ends the watch (timers and listeners); the request itself is left as it is. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#hooks.clear();
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}

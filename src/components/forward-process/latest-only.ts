/**
 * Runs an async task for the latest request only: at most one run is in flight, and requests
 * made meanwhile collapse into one pending run with the newest input. Dragging a slider
 * therefore costs at most two decodes (the one running and the last position), never a queue.
 */
export class LatestOnly<I> {
  #running = false;
  #pending: { input: I } | undefined;
  #idle: Promise<void> = Promise.resolve();
  #settle: (() => void) | undefined;
  #generation = 0;

  /** `task` does the work; a rejection goes to `onError` and does not stop later requests. */
  constructor(
    private readonly task: (input: I) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Asks for a run with `input`; it replaces any request that has not started yet. */
  request(input: I): void {
    this.#pending = { input };
    if (this.#running) return;
    this.#idle = new Promise((resolve) => (this.#settle = resolve));
    void this.#drain();
  }

  /** Resolves once no run is in flight or pending. */
  get idle(): Promise<void> {
    return this.#idle;
  }

  /** Drops the pending request and ignores the failure of the run in flight, if any. */
  cancel(): void {
    this.#pending = undefined;
    this.#generation += 1;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#pending) {
        const { input } = this.#pending;
        this.#pending = undefined;
        const generation = this.#generation;
        try {
          await this.task(input);
        } catch (error) {
          if (generation === this.#generation) this.onError(error);
        }
      }
    } finally {
      this.#running = false;
      this.#settle?.();
    }
  }
}

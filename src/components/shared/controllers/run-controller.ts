import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AbortError } from '../../../errors.js';
import { emit, type ProgressDetail } from '../events.js';

/** Where an element's run is: the Generate/Stop buttons and the spinner follow this alone. */
export type RunStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

/**
 * One cancellable task at a time (a generation, loading a recording), with the status,
 * error and progress the element renders. Guarantees the event order `lx-progress`* →
 * `lx-step`* (emitted by the task) → `lx-complete` | `lx-error`, and that the status always
 * leaves `running` however the task ends, so no spinner is ever stuck.
 */
export class RunController implements ReactiveController {
  status: RunStatus = 'idle';
  error: Error | undefined;
  /** Work progress of the current task (steps done of total), for the progress bar. */
  progress: ProgressDetail | undefined;
  #abort: AbortController | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /**
   * Runs `task`, stopping any task already running. `task` returns the `lx-complete` detail.
   * Resolves when the task has ended (never rejects: failures become `lx-error`).
   */
  async start<T>(task: (signal: AbortSignal) => Promise<T>): Promise<void> {
    this.stop();
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'running';
    this.error = undefined;
    this.progress = undefined;
    this.host.requestUpdate();
    try {
      const detail = await task(abort.signal);
      if (this.#abort !== abort) return; // superseded by a newer task
      abort.signal.throwIfAborted();
      this.status = 'done';
      emit(this.host, 'lx-complete', detail);
    } catch (error) {
      if (this.#abort !== abort) return;
      if (abort.signal.aborted) this.status = 'stopped';
      else this.fail(error);
    } finally {
      if (this.#abort === abort) {
        this.#abort = undefined;
        this.progress = undefined;
        this.host.requestUpdate();
      }
    }
  }

  /** Reports work progress (also emitted as `lx-progress`). */
  report(progress: ProgressDetail): void {
    this.progress = progress;
    emit(this.host, 'lx-progress', progress);
    this.host.requestUpdate();
  }

  /** Aborts the running task through its AbortSignal. */
  stop(): void {
    this.#abort?.abort(new AbortError('Stopped.'));
  }

  /** Shows `error` in the element and emits `lx-error`; used for bad attributes too. */
  fail(error: unknown): void {
    this.status = 'error';
    this.error = error instanceof Error ? error : new Error(String(error));
    emit(this.host, 'lx-error', { error: this.error });
    this.host.requestUpdate();
  }

  /** Clears a shown error (e.g. once a bad attribute was corrected). */
  clearError(): void {
    if (this.status === 'error') this.status = 'idle';
    this.error = undefined;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }
}

import type { LatentExplorablesError } from '../../errors.js';

/**
 * Every event our elements fire is prefixed `lx-`, bubbles and is composed, so a page can
 * listen on any ancestor (or on `document`) even across shadow roots.
 */
export function emit<T>(target: EventTarget, type: `lx-${string}`, detail: T): CustomEvent<T> {
  const event = new CustomEvent<T>(type, { detail, bubbles: true, composed: true });
  target.dispatchEvent(event);
  return event;
}

/** Detail of `lx-progress`: bytes or work units done out of a total (total 0 = unknown). */
export interface ProgressDetail {
  readonly phase: string;
  readonly loaded: number;
  readonly total: number;
  /** The file or item being worked on, when there is one. */
  readonly item?: string;
}

/** Detail of `lx-error`: the typed error, also shown inside the element. */
export interface ErrorDetail {
  readonly error: LatentExplorablesError | Error;
}

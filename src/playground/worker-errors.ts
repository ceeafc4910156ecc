import { InvalidOptionError, LatentExplorablesError } from '../errors.js';
import type { ErrorMessage } from './protocol.js';

/**
 * Errors cross the worker boundary as plain data (structured cloning drops the class), and are
 * rebuilt on the page side as the same typed errors, field and code intact.
 */

/** Flattens any thrown value into an `error` message. */
export function errorMessage(error: unknown, id: number | null): ErrorMessage {
  if (error instanceof LatentExplorablesError) return { type: 'error', id, code: error.code, field: error.field, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'error', id, code: 'worker-failed', field: undefined, message };
}

/** Rebuilds the typed error from an `error` message. */
export function errorFromMessage(message: ErrorMessage): LatentExplorablesError {
  if (message.code === 'invalid-option' && message.field !== undefined) {
    // InvalidOptionError prefixes the field itself; strip the copy already in the message.
    const prefix = `${message.field}: `;
    const text = message.message.startsWith(prefix) ? message.message.slice(prefix.length) : message.message;
    return new InvalidOptionError(message.field, text);
  }
  return new LatentExplorablesError(message.code, message.message, message.field === undefined ? {} : { field: message.field });
}

import { toWire } from '../errors.js';
import type { ErrorMessage } from './protocol.js';

/**
 * Flattens any thrown value into a `failed` message (`toWire`); the page rebuilds the same
 * typed error, code and field intact, with `fromWire`. Errors that are not the library's own
 * arrive as `worker-failed`.
 */
export function errorMessage(error: unknown, id: number | null): ErrorMessage {
  const wire = toWire(error);
  return { type: 'failed', id, error: wire.code === undefined ? { ...wire, code: 'worker-failed' } : wire };
}

import { LatentExplorablesError } from '../errors.js';
import { SchedulerConfigError } from '../pipeline/math/schedulers/errors.js';
import { EXIT_CODES } from './io.js';
import { textForTerminal } from './terminal-text.js';

/** Error codes that mean the user's input was wrong, not that running failed. */
const BAD_INPUT_CODES: ReadonlySet<string> = new Set(['usage', 'invalid-option', 'trajectory-format', 'model-load', 'read-failed']);

/** The exit status for an error (see `EXIT_CODES`). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof LatentExplorablesError && error.code === 'aborted') return EXIT_CODES.interrupted;
  if (error instanceof SchedulerConfigError) return EXIT_CODES.usage;
  if (error instanceof LatentExplorablesError && BAD_INPUT_CODES.has(error.code)) return EXIT_CODES.usage;
  return EXIT_CODES.failure;
}

/**
 * The error as one line (messages never span lines, so scripts can grep them), safe for a
 * terminal: messages may quote names from a model folder or a recording.
 */
export function oneLineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return textForTerminal(message.replace(/\s*\n\s*/g, ' ').trim()) || 'unknown error';
}

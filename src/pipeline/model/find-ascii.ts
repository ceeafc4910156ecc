import { AbortError } from '../../errors.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/** How `containsAscii` shares the thread while it scans. */
export interface ScanOptions {
  /** Bytes scanned between two pauses; default 1 MiB (1–2.3 ms here: `npx tsx bench/model-download.bench.ts`). */
  readonly sliceBytes?: number;
  /** Lets other work run between slices; default `yieldToEventLoop`. */
  readonly pause?: () => Promise<void>;
  readonly signal?: AbortSignal;
}

/**
 * Whether `bytes` contain the ASCII string `text`, scanned in slices with a pause between
 * them: a model graph with its weights inside is many megabytes, and one scan of it in a single
 * task would block a page for tens of milliseconds.
 */
export async function containsAscii(bytes: Uint8Array, text: string, options: ScanOptions = {}): Promise<boolean> {
  const sliceBytes = Math.max(1, options.sliceBytes ?? 1 << 20);
  const pause = options.pause ?? yieldToEventLoop;
  const codes = Uint8Array.from(text, (char) => char.charCodeAt(0));
  const first = codes[0]!;
  const last = bytes.length - codes.length; // the last index where a match can start
  let sliceEnd = sliceBytes;
  for (let candidate = bytes.indexOf(first); candidate >= 0 && candidate <= last; candidate = bytes.indexOf(first, candidate + 1)) {
    if (candidate >= sliceEnd) {
      await pause();
      if (options.signal?.aborted) throw new AbortError();
      sliceEnd = candidate + sliceBytes;
    }
    if (matchesAt(bytes, codes, candidate)) return true;
  }
  return false;
}

function matchesAt(bytes: Uint8Array, codes: Uint8Array, start: number): boolean {
  for (let j = 1; j < codes.length; j++) if (bytes[start + j] !== codes[j]) return false;
  return true;
}

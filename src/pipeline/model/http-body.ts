import { AbortError } from '../../errors.js';
import { ModelLoadError } from './errors.js';
import type { RequestWatch } from './request-watch.js';
import { maxBytesOf, tooLargeError, type LoadProgress, type ReadOptions } from './source.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/** Bytes read between two yields to the event loop. */
const YIELD_EVERY_BYTES = 1 << 20;
/** A body must bring this many more bytes (or end) within the idle timeout to count as alive. */
export const IDLE_PROGRESS_BYTES = 64 * 1024;

/** How one body is read: its file, where it came from, and the watch that stops a stalled one. */
export interface BodyRead {
  readonly file: string;
  readonly fromCache: boolean;
  readonly options: ReadOptions;
  readonly watch: RequestWatch;
  /** Longest wait for the next `IDLE_PROGRESS_BYTES` of the body, in milliseconds. */
  readonly idleTimeoutMs: number;
  /** Turns the watch's stop into the error to throw (timeouts name the URL and the option). */
  stopped(): Error;
}

/**
 * Reads a response body chunk by chunk, reporting progress, into one byte array, refusing it
 * once it passes the read's `maxBytes` (counted as decoded, so a compressed bomb stops at the
 * limit) and stopping it when it stalls. With a Content-Length the array is allocated up front
 * and each chunk copied in as it arrives (a 13 MB concatenation at the end was one task long
 * enough to block a page). Chunks the stream already holds are handed over without a task
 * boundary, so on a fast connection the loop yields to the event loop every megabyte.
 */
export async function readBody(response: Response, read: BodyRead): Promise<Uint8Array> {
  const { file, fromCache, options, watch } = read;
  const limit = maxBytesOf(options);
  const header = Number(response.headers.get('content-length'));
  const total = Number.isFinite(header) && header > 0 ? header : null;
  const report = (loaded: number, done: boolean) => {
    const event: LoadProgress = { file, loaded, total: done ? loaded : total, fromCache, done };
    options.onProgress?.(event);
  };
  // The limit counts the bytes that arrive, not the announced size (some servers announce
  // nonsense), so a larger body fails as it passes the limit, before it is held whole.
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > limit) throw tooLargeError(file, options);
    report(bytes.length, true);
    return bytes;
  }
  const reader = response.body.getReader();
  const cancelOnStop = watch.onStop(() => void reader.cancel().catch(() => undefined));
  const body = new BodyBuffer(total !== null && total <= limit ? total : null);
  report(0, false);
  let nextYield = YIELD_EVERY_BYTES;
  let alive = 0; // the length when the idle timer was last set
  watch.arm('idle', read.idleTimeoutMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (watch.reason) throw read.stopped();
      if (done) break;
      if (body.length + value.length > limit) throw tooLargeError(file, options);
      body.append(value);
      report(body.length, false);
      if (body.length - alive >= IDLE_PROGRESS_BYTES) {
        alive = body.length;
        watch.arm('idle', read.idleTimeoutMs);
      }
      if (body.length >= nextYield) {
        nextYield = body.length + YIELD_EVERY_BYTES;
        await yieldToEventLoop();
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (watch.reason) throw read.stopped();
    if (error instanceof ModelLoadError || error instanceof AbortError) throw error;
    throw new ModelLoadError(file, `download failed (${describeCause(error)})`, { cause: error });
  } finally {
    cancelOnStop();
  }
  const bytes = body.bytes();
  report(bytes.length, true);
  return bytes;
}

/** An error and its causes as one line, e.g. `fetch failed: connect ECONNREFUSED 127.0.0.1:9`. */
export function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let at: unknown = error; at !== undefined && at !== null && parts.length < 4; at = (at as { cause?: unknown }).cause) {
    const message = at instanceof Error ? at.message : String(at);
    if (message && !parts.includes(message)) parts.push(message);
    if (!(at instanceof Error)) break;
  }
  return parts.join(': ') || 'unknown error';
}

/**
 * Collects a body's chunks: into one array of the announced size while they fit it, as a list
 * of chunks when there is no size or the body outgrows it (a compressed transfer announces its
 * compressed size, and the stream yields the decompressed bytes).
 */
class BodyBuffer {
  #whole: Uint8Array | null;
  #chunks: Uint8Array[] = [];
  length = 0;

  constructor(expected: number | null) {
    this.#whole = expected ? allocate(expected) : null;
  }

  append(chunk: Uint8Array): void {
    if (this.#whole && this.length + chunk.length <= this.#whole.length) this.#whole.set(chunk, this.length);
    else {
      if (this.#whole) this.#chunks.push(this.#whole.subarray(0, this.length));
      this.#whole = null;
      this.#chunks.push(chunk);
    }
    this.length += chunk.length;
  }

  /** The whole body as one array (its own buffer when the announced size was right). */
  bytes(): Uint8Array {
    if (this.#whole) return this.length === this.#whole.length ? this.#whole : this.#whole.slice(0, this.length);
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** A zeroed array of `length` bytes, or null when that much cannot be had (a bogus Content-Length). */
function allocate(length: number): Uint8Array | null {
  try {
    return new Uint8Array(length);
  } catch {
    return null; // collected chunk by chunk instead, and a real shortage fails there
  }
}

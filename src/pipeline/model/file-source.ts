import { constants, type Stats } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { AbortError } from '../../errors.js';
import { ModelLoadError } from './errors.js';
import { maxBytesOf, tooLargeError, type ModelSource, type ReadOptions } from './source.js';

/** Bytes read from disk per call; also how often a read checks its signal. */
const CHUNK_BYTES = 4 << 20;
/** Never wait on a FIFO's writer: opening one for reading would block until a writer appears. */
const NONBLOCKING = constants.O_NONBLOCK ?? 0;

const hasCode = (error: unknown, ...codes: string[]): boolean => codes.includes((error as { code?: string } | null)?.code ?? '');

/**
 * Reads a model folder from a directory (Node only: imports node:fs). Every file must resolve
 * inside the folder after symlinks are followed, and be a regular file (not a device, FIFO or
 * socket); it is read in chunks up to the read's `maxBytes`, so neither an endless file nor a
 * huge one is ever held whole.
 */
export function fileSource(directory: string): ModelSource {
  const root = resolve(directory);
  let realRoot: Promise<string> | undefined;
  /** The file's real path, checked to lie inside the folder's real path. */
  const locate = async (file: string): Promise<string> => {
    const full = resolve(root, file);
    // Paths come from configs; never let one climb out of the model folder.
    if (!full.startsWith(root + sep)) throw new ModelLoadError(file, 'points outside the model folder');
    const inside = (await (realRoot ??= realpath(root))) + sep;
    const real = await realpath(full);
    if (!real.startsWith(inside)) throw new ModelLoadError(file, `is a link to ${real}, outside the model folder`);
    return real;
  };
  const checkRegular = (file: string, stats: Stats): void => {
    if (!stats.isFile()) throw new ModelLoadError(file, 'is not a regular file (a device, FIFO, socket or folder)');
  };
  return {
    id: root,
    async read(file: string, options: ReadOptions = {}): Promise<Uint8Array> {
      if (options.signal?.aborted) throw new AbortError();
      let bytes: Uint8Array;
      try {
        const real = await locate(file);
        checkRegular(file, await stat(real));
        bytes = await readBounded(file, real, options);
      } catch (cause) {
        if (options.signal?.aborted) throw new AbortError();
        if (cause instanceof ModelLoadError || cause instanceof AbortError) throw cause;
        if (hasCode(cause, 'ENOENT', 'ENOTDIR')) throw new ModelLoadError(file, `is missing from ${root}`, { cause });
        throw new ModelLoadError(file, `could not be read from ${root} (${(cause as Error).message})`, { cause });
      }
      options.onProgress?.({ file, loaded: bytes.length, total: bytes.length, fromCache: false, done: true });
      return bytes;
    },
    async exists(file: string): Promise<boolean> {
      let real: string;
      try {
        real = await locate(file);
      } catch (error) {
        if (hasCode(error, 'ENOENT', 'ENOTDIR')) return false;
        if (error instanceof ModelLoadError) throw error; // present, but not ours to read: say so
        throw new ModelLoadError(file, `could not be checked in ${root} (${(error as Error).message})`, { cause: error });
      }
      checkRegular(file, await stat(real));
      return true;
    },
  };
}

/** Reads a regular file in chunks, refusing it once it passes the read's byte limit. */
async function readBounded(file: string, path: string, options: ReadOptions): Promise<Uint8Array> {
  const limit = maxBytesOf(options);
  const handle = await open(path, constants.O_RDONLY | NONBLOCKING);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ModelLoadError(file, 'is not a regular file (a device, FIFO, socket or folder)');
    if (stats.size > limit) throw tooLargeError(file, options, stats.size);
    // Read into one array of the stated size, then on until the end: the size is only a hint
    // (a file may grow while read, and some, like those in /proc, state 0).
    const whole = new Uint8Array(stats.size);
    let filled = 0;
    while (filled < whole.length) {
      if (options.signal?.aborted) throw new AbortError();
      const { bytesRead } = await handle.read(whole, filled, Math.min(CHUNK_BYTES, whole.length - filled), null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const chunks: Uint8Array[] = [whole.subarray(0, filled)];
    let total = filled;
    for (;;) {
      if (options.signal?.aborted) throw new AbortError();
      const chunk = new Uint8Array(Math.min(CHUNK_BYTES, limit - total + 1));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw tooLargeError(file, options);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return chunks.length === 1 ? chunks[0]! : joinChunks(chunks, total);
  } finally {
    await handle.close();
  }
}

function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { AbortError, InvalidOptionError, LatentExplorablesError } from '../errors.js';
import { encodePng } from '../pipeline/image/png.js';
import type { RgbaImage } from '../pipeline/image/rgba-image.js';

/**
 * Outputs are written whole or not at all: into a new file beside the target, renamed over it
 * once complete. So an interrupted run leaves the previous file as it was and no partial one,
 * and a symbolic link at the target is replaced by the new file, never followed: the file it
 * points to is left alone.
 */

/** A fresh, unguessable name beside `path` for the file being written. */
function partialPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
}

const reason = (error: unknown): string => (error as Error).message ?? String(error);

/**
 * Checks, before a run starts, that `path` can be written: its folder exists and takes a new
 * file, and the path itself is not a folder. Leaves nothing behind.
 * @throws InvalidOptionError naming `field` (the option that gave the path).
 */
export async function checkOutputPath(path: string, field = '--output'): Promise<void> {
  const folder = dirname(path);
  const folderStats = await stat(folder).catch((error: unknown) => {
    throw new InvalidOptionError(field, `${path}: the folder ${folder} cannot be used (${reason(error)})`, { cause: error });
  });
  if (!folderStats.isDirectory()) throw new InvalidOptionError(field, `${path}: ${folder} is not a folder`);
  const existing = await lstat(path).catch(() => null);
  if (existing?.isDirectory()) throw new InvalidOptionError(field, `${path} is a folder; give a file name`);
  // Creating a file is the one reliable test (read-only mounts, permissions, quotas).
  const probe = partialPath(path);
  try {
    await (await open(probe, 'wx')).close();
  } catch (error) {
    throw new InvalidOptionError(field, `${path}: cannot write in ${folder} (${reason(error)})`, { cause: error });
  }
  await unlink(probe).catch(() => undefined);
}

/**
 * Writes bytes to `path` atomically (see above), turning a file-system failure into an error
 * naming the path. An abort before the rename removes the partial file and throws `AbortError`.
 */
export async function writeOutput(path: string, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new AbortError();
  const partial = partialPath(path);
  try {
    // `wx`: never opens an existing file (or a link planted under the partial name).
    const handle = await open(partial, 'wx', 0o666);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (signal?.aborted) throw new AbortError();
    await rename(partial, path);
  } catch (cause) {
    await rm(partial, { force: true }).catch(() => undefined);
    if (cause instanceof AbortError) throw cause;
    throw new LatentExplorablesError('write-failed', `${path}: ${reason(cause)}`, { field: path, cause });
  }
}

/** Writes an image as a deflate-compressed PNG. */
export function writePng(path: string, image: RgbaImage, signal?: AbortSignal): Promise<void> {
  return writeOutput(path, encodePng(image, (raw) => deflateSync(raw, { level: 9 })), signal);
}

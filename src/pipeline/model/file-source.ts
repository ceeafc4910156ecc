import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { AbortError } from '../../errors.js';
import { ModelLoadError } from './errors.js';
import type { ModelSource, ReadOptions } from './source.js';

/** Reads a model folder from a directory (Node only: imports node:fs). */
export function fileSource(directory: string): ModelSource {
  const root = resolve(directory);
  const pathOf = (file: string): string => {
    const full = resolve(root, file);
    // Paths come from configs; never let one climb out of the model folder.
    if (!full.startsWith(root + sep)) throw new ModelLoadError(file, 'points outside the model folder');
    return full;
  };
  return {
    id: root,
    async read(file: string, options: ReadOptions = {}): Promise<Uint8Array> {
      if (options.signal?.aborted) throw new AbortError();
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(pathOf(file), options.signal ? { signal: options.signal } : {}));
      } catch (cause) {
        if (options.signal?.aborted) throw new AbortError();
        if (cause instanceof ModelLoadError) throw cause;
        throw new ModelLoadError(file, `is missing from ${root}`, { cause });
      }
      options.onProgress?.({ file, loaded: bytes.length, total: bytes.length, fromCache: false, done: true });
      return bytes;
    },
    async exists(file: string): Promise<boolean> {
      try {
        return (await stat(pathOf(file))).isFile();
      } catch {
        return false;
      }
    },
  };
}

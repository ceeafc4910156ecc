import { writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { LatentExplorablesError } from '../errors.js';
import { encodePng } from '../pipeline/image/png.js';
import type { RgbaImage } from '../pipeline/image/rgba-image.js';

/** Writes bytes, turning a file-system failure into an error naming the path. */
export async function writeOutput(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (cause) {
    throw new LatentExplorablesError('write-failed', `${path}: ${(cause as Error).message}`, { field: path, cause });
  }
}

/** Writes an image as a deflate-compressed PNG. */
export function writePng(path: string, image: RgbaImage): Promise<void> {
  return writeOutput(path, encodePng(image, (raw) => deflateSync(raw, { level: 9 })));
}

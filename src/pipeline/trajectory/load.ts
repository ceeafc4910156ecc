import { AbortError, LatentExplorablesError } from '../../errors.js';
import { readTrajectory, type Trajectory } from './reader.js';

/** Reads a recording from a Blob or File (an `<input type=file>` pick, a drag-and-drop). */
export async function readTrajectoryBlob(blob: Blob): Promise<Trajectory> {
  return readTrajectory(await blob.arrayBuffer());
}

/**
 * Downloads and decodes a recording, e.g. one embedded next to a blog post. A failed
 * request is a `LatentExplorablesError` with code `"fetch-failed"` naming the URL.
 */
export async function fetchTrajectory(url: string | URL, options: { signal?: AbortSignal } = {}): Promise<Trajectory> {
  let response: Response;
  try {
    response = await fetch(url, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    if (options.signal?.aborted) throw new AbortError();
    throw new LatentExplorablesError('fetch-failed', `${url}: ${(error as Error).message}`, { field: String(url), cause: error });
  }
  if (!response.ok) {
    throw new LatentExplorablesError('fetch-failed', `${url}: HTTP ${response.status} ${response.statusText}`, { field: String(url) });
  }
  return readTrajectory(await response.arrayBuffer());
}

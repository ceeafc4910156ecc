/** Node-only file helpers for recordings (kept apart so browser bundles never see node:fs). */
import { readFile, writeFile } from 'node:fs/promises';
import { readTrajectory, type Trajectory } from './reader.js';

/** Writes a recording's bytes to `path`. */
export async function writeTrajectoryFile(path: string, bytes: Uint8Array): Promise<void> {
  await writeFile(path, bytes);
}

/** Reads and decodes the recording at `path`. */
export async function readTrajectoryFile(path: string): Promise<Trajectory> {
  return readTrajectory(await readFile(path));
}

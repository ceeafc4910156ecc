import { ModelLoadError, shownValue } from './errors.js';

/**
 * The rules for a path that a model folder's own files give (a `model_index.json` entry, an
 * ONNX graph's external-data location): relative, inside the folder, and the same file
 * whether it is read from a directory or resolved as a URL. So no `..` or `.` segments, no
 * empty segments (`//host`, a leading `/`), no scheme or drive (`http:`, `C:`), nothing a URL
 * would read differently (`?`, `#`, `%`-escapes, `\`) and no control characters.
 */
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"\\|?*%#]/u;
/** Longest path accepted (every file system's limit is higher, no real export comes close). */
const MAX_PATH_LENGTH = 1024;

/** Why `name` is not a plain file name (one segment), or null when it is one. */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name === '.' || name === '..') return `"${name}" is not a file name`;
  if (name.includes('/')) return 'it has a "/" (only a file name is allowed)';
  const bad = FORBIDDEN.exec(name);
  if (bad) return `it has the character ${JSON.stringify(bad[0])}`;
  if (name.length > 255) return 'it is longer than 255 characters';
  return null;
}

/** Why `path` is not a relative path inside the folder, or null when it is one. */
export function folderPathProblem(path: string): string | null {
  if (path.length === 0) return 'it is empty';
  if (path.length > MAX_PATH_LENGTH) return `it is longer than ${MAX_PATH_LENGTH} characters`;
  if (path.startsWith('/')) return 'it is absolute';
  for (const segment of path.split('/')) {
    if (segment === '') return 'it has an empty segment ("//")';
    const problem = fileNameProblem(segment);
    if (problem) return problem;
  }
  return null;
}

/** `path` when it is a relative path inside the folder; a `ModelLoadError` naming `field` otherwise. */
export function checkFolderPath(path: unknown, field: string): string {
  if (typeof path !== 'string') throw new ModelLoadError(field, `must be a path inside the model folder, got ${shownValue(path)}`);
  const problem = folderPathProblem(path);
  if (problem) throw new ModelLoadError(field, `must be a path inside the model folder, got ${shownValue(path)}: ${problem}`);
  return path;
}

import { LatentExplorablesError } from '../errors.js';
import type { DiffusionModel } from '../pipeline/model/diffusion-model.js';
import type { NodeLoadOptions } from '../pipeline/model/node.js';

/** Where the CLI writes: a subset of a Node stream, so tests can capture it. */
export interface CliStream {
  write(text: string): unknown;
  /** True for an interactive terminal: progress is drawn as a bar, not printed as lines. */
  readonly isTTY?: boolean;
  /** Terminal width in characters, when known. */
  readonly columns?: number;
}

/** Everything the CLI touches outside its arguments, injectable for in-process tests. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** Aborts a running command (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Loads a model folder or URL; default `loadModelInNode` (onnxruntime-node, or onnxruntime-web's WASM without it). */
  readonly loadModel?: (location: string, options: NodeLoadOptions) => Promise<DiffusionModel>;
}

/** Exit statuses, documented in `--help`. */
export const EXIT_CODES = {
  ok: 0,
  /** Something failed while running: the model, a file write, an unexpected error. */
  failure: 1,
  /** Bad input: an unknown command or option, a bad value, an unusable model folder or recording. */
  usage: 2,
  /** Interrupted (Ctrl-C), as shells report SIGINT. */
  interrupted: 130,
} as const;

/** A command line that cannot be run as written; `field` names the option or argument. */
export class UsageError extends LatentExplorablesError {
  constructor(field: string, message: string) {
    super('usage', message, { field });
  }
}

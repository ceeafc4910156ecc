/** Captured streams for calling the CLI's `main` in-process. */
import type { CliIo } from '../../src/cli/io.js';

export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** An io whose stdout/stderr are collected; `tty` makes stderr look like a terminal. */
export function captureIo(cwd: string, options: { tty?: boolean; signal?: AbortSignal } = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    cwd,
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text), isTTY: options.tty ?? false, columns: 100 },
    ...(options.signal ? { signal: options.signal } : {}),
    out: () => out,
    err: () => err,
  };
}

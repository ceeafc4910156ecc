import type { CliStream } from './io.js';

/** Reports progress of one task of `total` units. */
export interface Progress {
  /** `done` units finished; `detail` is a short note (e.g. `t=801`). */
  update(done: number, detail?: string): void;
  /** Ends the task's display (a newline after a bar). */
  finish(): void;
}

const BAR_WIDTH = 24;

/** `[#########...............]` for a fraction in 0…1. */
export function progressBar(fraction: number, width = BAR_WIDTH): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/**
 * A terminal redraws one line in place with a bar; anything else (a pipe, a CI log) gets
 * one plain line per update, so logs stay readable. `quiet` reports nothing.
 */
export function createProgress(stream: CliStream, label: string, total: number, quiet = false): Progress {
  if (quiet) return { update() {}, finish() {} };
  if (!stream.isTTY) {
    return {
      update(done, detail) {
        stream.write(`${label} ${done}/${total}${detail ? ` ${detail}` : ''}\n`);
      },
      finish() {},
    };
  }
  let drawn = false;
  return {
    update(done, detail) {
      const line = `${label} ${progressBar(total > 0 ? done / total : 1)} ${done}/${total}${detail ? ` ${detail}` : ''}`;
      const width = stream.columns ?? 80;
      // \r returns to the line start; \x1b[K clears what a longer previous line left behind.
      stream.write(`\r${line.slice(0, Math.max(10, width - 1))}\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** Bytes as `12.3 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

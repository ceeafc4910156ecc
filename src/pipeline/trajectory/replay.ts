import { AbortError } from '../../errors.js';
import type { StepRecord } from '../math/step-record.js';
import type { Trajectory } from './reader.js';

/** How a replay is paced. */
export interface ReplayOptions {
  /** Stops the replay before the next step. */
  readonly signal?: AbortSignal;
  /** Pause between steps, so an embedded run can animate like a live one (default 0). */
  readonly stepDelayMs?: number;
}

const pause = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Plays a recording back as the same async stream of step records that `generate()`
 * yields, so a widget can show a recorded run exactly as it shows a live one — no model.
 */
export async function* replayTrajectory(trajectory: Trajectory, options: ReplayOptions = {}): AsyncGenerator<StepRecord> {
  const { signal, stepDelayMs = 0 } = options;
  for (const [i, step] of trajectory.steps.entries()) {
    if (signal?.aborted) throw new AbortError();
    if (i > 0 && stepDelayMs > 0) await pause(stepDelayMs, signal);
    yield step;
  }
}

import type { SampledMessage } from '../src/playground/protocol.js';

/** The final points of a sampling run as the worker sends it. */
export function finalFrameOf(run: SampledMessage): Float32Array {
  const frameSize = run.count * 2;
  return run.trajectory.subarray(run.trajectory.length - frameSize);
}

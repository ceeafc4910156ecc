import type { Mlp } from './mlp-layout.js';
import { createWorkspace, mlpForward, type MlpWorkspace } from './mlp.js';

/**
 * The trained network as a plain function: ε̂(points, t, label) for any number of points,
 * run in chunks through one reusable workspace.
 */
export interface NoisePredictor {
  readonly model: Mlp;
  /** Predicts the noise at every x,y pair for one timestep and one label (null: no label). */
  predict(points: Float32Array, timestep: number, label: number | null): Float32Array;
}

/** Wraps a model; `chunk` rows are evaluated at a time. */
export function createNoisePredictor(model: Mlp, chunk = 512): NoisePredictor {
  const workspace: MlpWorkspace = createWorkspace(model, chunk);
  const timesteps = new Float32Array(chunk);
  const labels = new Int32Array(chunk);
  return {
    model,
    predict(points, timestep, label) {
      const count = points.length / 2;
      const out = new Float32Array(points.length);
      timesteps.fill(timestep);
      labels.fill(label === null ? model.config.classCount : label);
      for (let start = 0; start < count; start += chunk) {
        const rows = Math.min(chunk, count - start);
        const slice = points.subarray(2 * start, 2 * (start + rows));
        out.set(mlpForward(model, workspace, rows, slice, timesteps, labels).subarray(0, 2 * rows), 2 * start);
      }
      return out;
    },
  };
}

import { schemeTableau10 } from 'd3';
import type { PlottedPath } from '../shared/render/render-trajectories.js';
import type { TrajectoryRows } from './trajectory-rows.js';

/** The colour of run `index` on the plot and in its legend. */
export function runColor(index: number): string {
  return schemeTableau10[index % 10]!;
}

/**
 * Cuts the projected points (interleaved x, y, one pair per row of `stacked`) back into one
 * path per run and kind: solid for the latents, dashed for the x̂₀ predictions.
 */
export function splitPaths(labels: readonly string[], stacked: TrajectoryRows, points: Float32Array): PlottedPath[] {
  const paths: PlottedPath[] = [];
  labels.forEach((label, index) => {
    for (const kind of ['latent', 'prediction'] as const) {
      const rows = stacked.origins.flatMap((origin, row) => (origin.run === index && origin.kind === kind ? [row] : []));
      if (rows.length === 0) continue;
      paths.push({
        label: kind === 'latent' ? label : `${label} x̂₀`,
        color: runColor(index),
        style: kind === 'latent' ? 'solid' : 'dashed',
        points: Float32Array.from(rows.flatMap((row) => [points[row * 2]!, points[row * 2 + 1]!])),
        steps: rows.map((row) => stacked.origins[row]!.step),
      });
    }
  });
  return paths;
}

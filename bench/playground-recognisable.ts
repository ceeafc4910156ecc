import { placedSheep } from '../src/playground/datasets.js';
import { chamferDistance } from '../src/playground/metrics.js';
import { shareInside } from '../src/playground/polygon.js';

/**
 * When samples "look like a sheep", as numbers: at least 85% of the samples fall inside the
 * sheep silhouette, and their Chamfer distance to 600 held-out sheep points is at most 0.13
 * (two independent 600-point draws of the data score about 0.09 against each other, so this
 * also rules out samples piled into one part of the shape). Shared by the Node and browser benches.
 */
export const recognisable = { minShareInside: 0.85, maxChamfer: 0.13 } as const;

/** Scores samples of the sheep preset. */
export function scoreSheep(samples: Float32Array, heldOut: Float32Array): { shareInside: number; chamfer: number; recognisable: boolean } {
  const share = shareInside(placedSheep, samples);
  const chamfer = chamferDistance(samples, heldOut);
  return { shareInside: share, chamfer, recognisable: share >= recognisable.minShareInside && chamfer <= recognisable.maxChamfer };
}

/**
 * Prompts on the plane: PCA of their pooled vectors, drawn with the embedding map's renderer.
 * PCA is fitted to the raw pooled vectors (not unit-length ones) because the arithmetic result
 * is a raw combination of them, and a linear map places it exactly: each arrow is one term.
 */
import { InvalidOptionError } from '../../errors.js';
import { EmbeddingTable } from '../../explorers/table/embedding-table.js';
import { fitPcaAuto } from '../../explorers/projection/wide-pca.js';
import { projectPoint, projectRows } from '../../explorers/projection/linear-map.js';
import { neighbourPreservation } from '../../explorers/projection/neighbour-preservation.js';
import type { MapLayout, MapOverlay } from '../shared/map/map-layout.js';
import type { PromptCombination } from './prompt-arithmetic.js';

/** A fitted prompt map: the layout, and the pooled vectors as a table for nearest-prompt search. */
export interface PromptMap {
  readonly layout: MapLayout;
  readonly table: EmbeddingTable;
}

/** Projects `pooled` (`prompts.length × dimensions`) with PCA; needs at least three prompts. */
export function promptLayout(prompts: readonly string[], pooled: Float32Array, dimensions: number): PromptMap {
  if (prompts.length < 3) throw new InvalidOptionError('prompts', `a map needs at least 3 different prompts, got ${prompts.length}`);
  const table = EmbeddingTable.fromVectors(prompts, pooled, dimensions, { name: 'pooled text-encoder states' });
  const pca = fitPcaAuto(pooled, dimensions);
  const points = projectRows(pca, pooled, dimensions);
  const percent = Math.round(100 * (pca.explained[0] + pca.explained[1]));
  const layout: MapLayout = {
    words: table.labels,
    rows: prompts.map((_, i) => i),
    points,
    projection: 'pca',
    preservation: neighbourPreservation(table.units, dimensions, points, Math.min(5, prompts.length - 1)),
    note: `PCA keeps ${percent}% of these prompts' variance.`,
    linear: pca,
  };
  return { layout, table };
}

/** The arrows (one per term, as running sums) and the ring at the combination, on a fitted map. */
export function combinationOverlay(layout: MapLayout, combination: PromptCombination): MapOverlay {
  const linear = layout.linear!;
  const sum = new Float64Array(combination.pooled.length);
  const path = combination.terms.map((term) => {
    for (let i = 0; i < sum.length; i++) sum[i]! += term.weight * term.pooled[i]!;
    return projectPoint(linear, sum);
  });
  return { path, result: projectPoint(linear, combination.pooled), exact: true };
}

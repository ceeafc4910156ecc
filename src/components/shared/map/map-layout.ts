import { UnknownWordError } from '../../../explorers/errors.js';
import { evaluateExpression } from '../../../explorers/expression/evaluate.js';
import type { EmbeddingTable } from '../../../explorers/table/embedding-table.js';
import { closestSpellings } from '../../../explorers/table/spelling.js';
import { fitPca } from '../../../explorers/projection/pca.js';
import { customAxes } from '../../../explorers/projection/custom-axes.js';
import { projectPoint, projectRows, type LinearMap2D } from '../../../explorers/projection/linear-map.js';
import { neighbourPreservation, type NeighbourPreservation } from '../../../explorers/projection/neighbour-preservation.js';
import { UmapWorkerError, type UmapWorkerClient } from '../../../explorers/umap/umap-client.js';
import type { UmapProgress } from '../../../explorers/umap/fit-umap.js';

/** The projections the map offers. */
export type ProjectionKind = 'pca' | 'axes' | 'umap';

/** Custom axes as four expressions: x runs from `xFrom` to `xTo`, y from `yFrom` to `yTo`. */
export interface AxisExpressions {
  readonly xFrom: string;
  readonly xTo: string;
  readonly yFrom: string;
  readonly yTo: string;
}

/** Words placed on the plane, with how faithful the placement is. */
export interface MapLayout {
  readonly words: readonly string[];
  /** Row of each word in the table. */
  readonly rows: readonly number[];
  /** Interleaved x, y. */
  readonly points: Float32Array;
  readonly projection: ProjectionKind;
  readonly preservation: NeighbourPreservation;
  /** One line about the projection itself (variance kept, axis angle, seed). */
  readonly note: string;
  /** The linear map, for PCA and custom axes (absent for UMAP, which is not linear). */
  readonly linear?: LinearMap2D;
}

/** Looks every word up, failing on the first unknown one with spelling suggestions. */
export function resolveWords(table: EmbeddingTable, words: readonly string[]): number[] {
  const rows: number[] = [];
  let position = 0;
  for (const word of words) {
    const row = table.indexOf(word);
    if (row < 0) throw new UnknownWordError(word, { start: position, end: position + word.length }, closestSpellings(word, table.labels));
    if (!rows.includes(row)) rows.push(row);
    position += word.length + 2;
  }
  return rows;
}

/** Lays out words with PCA or custom axes (both exact and instant). */
export function linearLayout(table: EmbeddingTable, words: readonly string[], projection: 'pca' | 'axes', axes: AxisExpressions): MapLayout {
  const rows = resolveWords(table, words);
  const subset = table.subset(rows);
  if (projection === 'pca') {
    const pca = fitPca(subset.units, table.dimensions);
    const percent = Math.round(100 * (pca.explained[0] + pca.explained[1]));
    return finish(subset, rows, projectRows(pca, subset.units, table.dimensions), 'pca', `PCA keeps ${percent}% of these words' variance.`, pca);
  }
  const at = (source: string) => evaluateExpression(source, table).vector;
  const map = customAxes({ from: at(axes.xFrom), to: at(axes.xTo) }, { from: at(axes.yFrom), to: at(axes.yTo) });
  const note = `x: ${axes.xFrom} → ${axes.xTo}; y: ${axes.yFrom} → ${axes.yTo}; the axes are ${Math.round(map.angleDegrees)}° apart.`;
  return finish(subset, rows, projectRows(map, subset.units, table.dimensions), 'axes', note, map);
}

/** UMAP's knobs as the map passes them: neighbourhood size and how tightly points may pack. */
export interface UmapKnobs {
  readonly seed: number;
  readonly nNeighbors: number;
  readonly minDist: number;
}

/**
 * Lays out words with UMAP in the worker (seeded; exact neighbour graph). A neighbourhood
 * larger than the word list allows is cut to one less than the number of words, and the
 * note says so.
 */
export async function umapLayout(
  table: EmbeddingTable,
  words: readonly string[],
  client: UmapWorkerClient,
  options: UmapKnobs & { onProgress: (progress: UmapProgress) => void; signal: AbortSignal },
): Promise<MapLayout> {
  const rows = resolveWords(table, words);
  const subset = table.subset(rows);
  const nNeighbors = Math.max(2, Math.min(options.nNeighbors, rows.length - 1));
  const points = await client.fit(subset.units, table.dimensions, { seed: options.seed, nNeighbors, minDist: options.minDist }, options);
  const cut = nNeighbors < options.nNeighbors ? ` (${options.nNeighbors} asked; ${rows.length} words allow ${nNeighbors})` : '';
  const note = `UMAP, ${nNeighbors} neighbours${cut}, min-dist ${options.minDist}, seed ${options.seed}: distances between clusters mean little.`;
  return finish(subset, rows, points, 'umap', note);
}

function finish(subset: EmbeddingTable, rows: number[], points: Float32Array, projection: ProjectionKind, note: string, linear?: LinearMap2D): MapLayout {
  const preservation = neighbourPreservation(subset.units, subset.dimensions, points, Math.min(5, rows.length - 1));
  return { words: subset.labels, rows, points, projection, preservation, note, ...(linear ? { linear } : {}) };
}

/** An arithmetic result drawn over a map. */
export interface MapOverlay {
  /** Cumulative sums of the expression's terms, projected; empty when the projection is not linear. */
  readonly path: readonly (readonly [number, number])[];
  /** Where the result vector lands: exact for linear maps, placed by UMAP `transform` otherwise. */
  readonly result: readonly [number, number];
  /** Whether `result` is an exact projection. */
  readonly exact: boolean;
}

/**
 * Places the result of an expression on a map. On a linear map every partial sum is projected,
 * so each arrow is exactly one term; on UMAP only the end point can be placed (`transform`
 * positions it among its neighbours), and no arrows are drawn because none would be true.
 */
export async function arithmeticOverlay(table: EmbeddingTable, layout: MapLayout, expression: string, client?: UmapWorkerClient): Promise<MapOverlay> {
  const { terms, vector } = evaluateExpression(expression, table);
  if (layout.linear) {
    const sum = new Float64Array(table.dimensions);
    const path = terms.map((term) => {
      const row = table.unit(term.index);
      for (let i = 0; i < sum.length; i++) sum[i]! += term.weight * row[i]!;
      return projectPoint(layout.linear!, sum);
    });
    return { path, result: projectPoint(layout.linear, vector), exact: true };
  }
  if (!client) throw new UmapWorkerError('a UMAP map needs its worker to place new points');
  const length = Math.hypot(...vector);
  const placed = await client.transform(vector.map((value) => value / length), table.dimensions);
  return { path: [], result: [placed[0]!, placed[1]!], exact: false };
}

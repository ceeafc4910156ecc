import { UnknownWordError } from '../../explorers/errors.js';
import { evaluateExpression } from '../../explorers/expression/evaluate.js';
import type { EmbeddingTable } from '../../explorers/table/embedding-table.js';
import { closestSpellings } from '../../explorers/table/spelling.js';
import { fitPca } from '../../explorers/projection/pca.js';
import { customAxes } from '../../explorers/projection/custom-axes.js';
import { projectRows } from '../../explorers/projection/linear-map.js';
import { neighbourPreservation, type NeighbourPreservation } from '../../explorers/projection/neighbour-preservation.js';
import type { UmapWorkerClient } from '../../explorers/umap/umap-client.js';
import type { UmapProgress } from '../../explorers/umap/fit-umap.js';

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
    return finish(subset, rows, projectRows(pca, subset.units, table.dimensions), 'pca', `PCA keeps ${percent}% of these words' variance.`);
  }
  const at = (source: string) => evaluateExpression(source, table).vector;
  const map = customAxes({ from: at(axes.xFrom), to: at(axes.xTo) }, { from: at(axes.yFrom), to: at(axes.yTo) });
  const note = `x: ${axes.xFrom} → ${axes.xTo}; y: ${axes.yFrom} → ${axes.yTo}; the axes are ${Math.round(map.angleDegrees)}° apart.`;
  return finish(subset, rows, projectRows(map, subset.units, table.dimensions), 'axes', note);
}

/** Lays out words with UMAP in the worker (seeded; exact neighbour graph). */
export async function umapLayout(
  table: EmbeddingTable,
  words: readonly string[],
  client: UmapWorkerClient,
  options: { seed: number; onProgress: (progress: UmapProgress) => void; signal: AbortSignal },
): Promise<MapLayout> {
  const rows = resolveWords(table, words);
  const subset = table.subset(rows);
  const nNeighbors = Math.max(2, Math.min(15, rows.length - 1));
  const points = await client.fit(subset.units, table.dimensions, { seed: options.seed, nNeighbors }, options);
  return finish(subset, rows, points, 'umap', `UMAP, ${nNeighbors} neighbours, seed ${options.seed}: distances between clusters mean little.`);
}

function finish(subset: EmbeddingTable, rows: number[], points: Float32Array, projection: ProjectionKind, note: string): MapLayout {
  const preservation = neighbourPreservation(subset.units, subset.dimensions, points, Math.min(5, rows.length - 1));
  return { words: subset.labels, rows, points, projection, preservation, note };
}

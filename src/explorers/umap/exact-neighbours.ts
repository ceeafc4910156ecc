/**
 * Exact k-nearest-neighbour graph of unit rows, in the shape umap-js's `setPrecomputedKNN`
 * expects (each point's own index first, at distance 0). For unit vectors Euclidean distance
 * is √(2 − 2·cos), so this is also the cosine neighbourhood. Brute force is O(n²·d) but has no
 * approximation error and, at map sizes, is faster than building random-projection trees.
 */
import { dotRowsInto } from '../table/vector-math.js';
import { TopK } from '../table/top-k.js';

/** Neighbour indices and Euclidean distances per point, nearest first. */
export interface NeighbourGraph {
  readonly indices: number[][];
  readonly distances: number[][];
}

/** Builds the graph; `onRow(done, total)` is called every 256 rows for progress. */
export function exactNeighbours(units: Float32Array, dimensions: number, k: number, onRow?: (done: number, total: number) => void): NeighbourGraph {
  const count = units.length / dimensions;
  const indices: number[][] = [];
  const distances: number[][] = [];
  const dots = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const best = new TopK(Math.min(k, count));
    const row = Float64Array.from(units.subarray(i * dimensions, (i + 1) * dimensions));
    best.push(i, Infinity); // itself, first, as nearest-neighbour descent reports it
    dotRowsInto(row, units, 0, count, dots);
    for (let j = 0; j < count; j++) if (j !== i && dots[j]! > best.threshold) best.push(j, dots[j]!);
    indices.push(Array.from(best.indices));
    distances.push(Array.from(best.scores, (cos, rank) => (rank === 0 ? 0 : Math.sqrt(Math.max(0, 2 - 2 * cos)))));
    if (onRow && (i % 256 === 255 || i === count - 1)) onRow(i + 1, count);
  }
  return { indices, distances };
}

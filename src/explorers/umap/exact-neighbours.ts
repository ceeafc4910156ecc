/**
 * Exact k-nearest-neighbour graph of unit rows (each point's own index first, at distance 0,
 * as UMAP's fuzzy graph expects). For unit vectors Euclidean distance is √(2 − 2·cos), so this
 * is also the cosine neighbourhood. Brute force has no approximation error; on larger sets each
 * row's search goes through the int8 index (integer SIMD scan, exact rescoring), whose answers
 * are the plain scan's.
 */
import { dotRowsInto } from '../table/vector-math.js';
import { TopK } from '../table/top-k.js';
import { Int8SearchIndex } from '../table/int8-search.js';

/** Neighbour indices and Euclidean distances, `count × k` row-major, nearest first. */
export interface NeighbourGraph {
  readonly k: number;
  readonly indices: Int32Array;
  readonly distances: Float64Array;
}

/** Below this many rows a plain scan per row is as quick as building the int8 copy. */
const INDEX_MIN_ROWS = 1024;

/** Builds the graph; `onRow(done, total)` is called every 256 rows for progress. */
export function exactNeighbours(units: Float32Array, dimensions: number, k: number, onRow?: (done: number, total: number) => void): NeighbourGraph {
  const count = units.length / dimensions;
  const width = Math.min(k, count);
  const indices = new Int32Array(count * width);
  const distances = new Float64Array(count * width);
  const index = count >= INDEX_MIN_ROWS ? new Int8SearchIndex(units, dimensions) : undefined;
  const dots = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const best = new TopK(width);
    const row = Float64Array.from(units.subarray(i * dimensions, (i + 1) * dimensions));
    best.push(i, Infinity); // itself, first, as nearest-neighbour descent reports it
    const candidates = index?.candidates(row, width - 1, new Set([i]));
    if (candidates) {
      for (const j of candidates) {
        if (j === i) continue;
        dotRowsInto(row, units, j, 1, dots);
        if (dots[0]! > best.threshold) best.push(j, dots[0]!);
      }
    } else {
      dotRowsInto(row, units, 0, count, dots);
      for (let j = 0; j < count; j++) if (j !== i && dots[j]! > best.threshold) best.push(j, dots[j]!);
    }
    for (let rank = 0; rank < width; rank++) {
      indices[i * width + rank] = best.indices[rank]!;
      distances[i * width + rank] = rank === 0 ? 0 : Math.sqrt(Math.max(0, 2 - 2 * best.scores[rank]!));
    }
    if (onRow && (i % 256 === 255 || i === count - 1)) onRow(i + 1, count);
  }
  return { k: width, indices, distances };
}

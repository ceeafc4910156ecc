/**
 * How honest is a 2-D picture? For each point, the share of its k true nearest neighbours
 * (cosine, in the full space) that are also among its k nearest on the plane. 1 means the
 * map keeps every neighbourhood; a random layout scores about k / n.
 */
import { InvalidOptionError } from '../../errors.js';
import { dotRow } from '../table/vector-math.js';
import { TopK } from '../table/top-k.js';

/** Per-point and mean neighbour preservation. */
export interface NeighbourPreservation {
  readonly k: number;
  readonly mean: number;
  /** Share kept for each point, in [0, 1]. */
  readonly perPoint: Float32Array;
}

/**
 * Compares `units` (unit rows, `dimensions` wide) with their 2-D positions `points`
 * (interleaved x, y). O(n²): meant for the few hundred to few thousand words on a map.
 */
export function neighbourPreservation(units: Float32Array, dimensions: number, points: Float32Array, k = 10): NeighbourPreservation {
  const count = units.length / dimensions;
  if (points.length !== count * 2) throw new InvalidOptionError('points', `expected ${count} x, y pairs, got ${points.length / 2}`);
  const neighbours = Math.min(k, count - 1);
  if (neighbours < 1) throw new InvalidOptionError('k', 'need at least two points and k ≥ 1');
  const perPoint = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const high = new TopK(neighbours);
    const low = new TopK(neighbours);
    const row = units.subarray(i * dimensions, (i + 1) * dimensions);
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      high.push(j, dotRow(row, units, j * dimensions));
      low.push(j, -Math.hypot(points[2 * j]! - points[2 * i]!, points[2 * j + 1]! - points[2 * i + 1]!));
    }
    const kept = new Set(high.indices);
    let shared = 0;
    for (const j of low.indices) if (kept.has(j)) shared++;
    perPoint[i] = shared / neighbours;
  }
  const mean = perPoint.reduce((sum, value) => sum + value, 0) / count;
  return { k: neighbours, mean, perPoint };
}

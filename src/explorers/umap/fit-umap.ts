/**
 * UMAP through umap-js, with a fixed seed and (by default) an exact neighbour graph. The
 * layout loop is driven step by step so progress can be reported without umap-js's
 * per-epoch timers (which browsers clamp to ≥ 4 ms each).
 */
import { UMAP } from 'umap-js';
import { InvalidOptionError } from '../../errors.js';
import { exactNeighbours } from './exact-neighbours.js';
import { seededRandom } from './seeded-random.js';

/** Options of {@link fitUmap}. */
export interface UmapOptions {
  /** Seed of the layout's random generator (default 42). */
  readonly seed?: number;
  /** Neighbourhood size (default 15). */
  readonly nNeighbors?: number;
  /** How tightly points may pack (default 0.1). */
  readonly minDist?: number;
  /** Layout epochs (default: umap-js's choice by size, 200–500); rounded up to a multiple of 3. */
  readonly nEpochs?: number;
  /** `'exact'` (default): our brute-force graph. `'approximate'`: umap-js's own nearest-neighbour descent. */
  readonly neighbours?: 'exact' | 'approximate';
}

/** Progress of a fit: first the neighbour graph, then the layout epochs. */
export interface UmapProgress {
  readonly phase: 'neighbours' | 'layout';
  readonly done: number;
  readonly total: number;
}

/** A fitted layout that can also place new vectors (e.g. the result of arithmetic). */
export interface UmapLayout {
  /** Interleaved x, y per input row. */
  readonly points: Float32Array;
  /** Places new unit rows into the existing layout (umap-js `transform`; approximate by nature). */
  transform(units: Float32Array): Float32Array;
}

/** Fits a 2-D UMAP layout to unit rows (`dimensions` wide). */
export function fitUmap(units: Float32Array, dimensions: number, options: UmapOptions = {}, onProgress?: (progress: UmapProgress) => void): UmapLayout {
  const { seed = 42, nNeighbors = 15, minDist = 0.1, nEpochs = 0, neighbours = 'exact' } = options;
  const count = units.length / dimensions;
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2) throw new InvalidOptionError('nNeighbors', `expected an integer ≥ 2, got ${nNeighbors}`);
  if (count <= nNeighbors) throw new InvalidOptionError('words', `UMAP needs more than ${nNeighbors} points, got ${count}`);
  // umap-js's transform runs nEpochs / 3 epochs and stops only on equality, so a count that is
  // not a multiple of 3 would loop forever: round up.
  const epochCount = Math.ceil(nEpochs / 3) * 3;
  const umap = new UMAP({ nComponents: 2, nNeighbors, minDist, nEpochs: epochCount, random: seededRandom(seed) });
  const rows = toNestedRows(units, dimensions);
  if (neighbours === 'exact') {
    const graph = exactNeighbours(units, dimensions, nNeighbors, (done, total) => onProgress?.({ phase: 'neighbours', done, total }));
    umap.setPrecomputedKNN(graph.indices, graph.distances);
  }
  const epochs = umap.initializeFit(rows);
  for (let epoch = 0; epoch < epochs; ) {
    epoch = umap.step();
    if (epoch % 10 === 0 || epoch === epochs) onProgress?.({ phase: 'layout', done: epoch, total: epochs });
  }
  return {
    points: Float32Array.from(umap.getEmbedding().flat()),
    transform: (more) => Float32Array.from(umap.transform(toNestedRows(more, dimensions)).flat()),
  };
}

function toNestedRows(units: Float32Array, dimensions: number): number[][] {
  return Array.from({ length: units.length / dimensions }, (_, row) => Array.from(units.subarray(row * dimensions, (row + 1) * dimensions)));
}

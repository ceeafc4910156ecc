/**
 * UMAP on typed arrays: an exact neighbour graph (int8-accelerated), the fuzzy graph and the
 * layout's gradient descent all on flat arrays, seeded so the same rows and options give the
 * same layout. It follows umap-js step by step (and needs none of it at run time); umap-js keeps
 * one array per point and is several times slower (bench/embeddings-*.bench.ts).
 */
import { InvalidOptionError } from '../../errors.js';
import { exactNeighbours } from './exact-neighbours.js';
import { fuzzyEdges, smoothDistances } from './fuzzy-graph.js';
import { optimiseLayout, type LayoutCurve } from './optimise-layout.js';
import { fitCurve } from './curve-fit.js';
import { seededRandom } from './seeded-random.js';
import { dotRowsInto } from '../table/vector-math.js';
import { TopK } from '../table/top-k.js';

/** Options of {@link fitUmap}. */
export interface UmapOptions {
  /** Seed of the layout's random generator (default 42). */
  readonly seed?: number;
  /** Neighbourhood size (default 15): larger keeps more of the global shape, smaller more local detail. */
  readonly nNeighbors?: number;
  /** How tightly points may pack, in (0, 1] (default 0.1). */
  readonly minDist?: number;
  /** Layout epochs (default by size, as umap-js: 500 up to 2 500 points … 200 above 10 000); rounded up to a multiple of 3. */
  readonly nEpochs?: number;
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
  /** Places new unit rows into the existing layout (approximate by nature). */
  transform(units: Float32Array): Float32Array;
}

const SPREAD = 1;
/** a, b per min-dist (a small curve fit, worth keeping for live re-fits). */
const curves = new Map<number, LayoutCurve>();

/** Default epochs by point count, as umap-js chooses them. */
export function defaultEpochs(count: number): number {
  return count <= 2500 ? 500 : count <= 5000 ? 400 : count <= 7500 ? 300 : 200;
}

/** Fits a 2-D UMAP layout to unit rows (`dimensions` wide). */
export function fitUmap(units: Float32Array, dimensions: number, options: UmapOptions = {}, onProgress?: (progress: UmapProgress) => void): UmapLayout {
  const { seed = 42, nNeighbors = 15, minDist = 0.1 } = options;
  const count = units.length / dimensions;
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2) throw new InvalidOptionError('nNeighbors', `expected an integer ≥ 2, got ${nNeighbors}`);
  if (!(minDist > 0 && minDist <= SPREAD)) throw new InvalidOptionError('minDist', `expected a number in (0, ${SPREAD}], got ${minDist}`);
  if (count <= nNeighbors) throw new InvalidOptionError('words', `UMAP needs more than ${nNeighbors} points, got ${count}`);
  // Placing new points runs a third of the epochs, so keep the count a multiple of 3.
  const epochs = Math.ceil((options.nEpochs || defaultEpochs(count)) / 3) * 3;
  const random = seededRandom(seed);
  const curve = curves.get(minDist) ?? fitCurve(minDist, SPREAD);
  curves.set(minDist, curve);

  const graph = exactNeighbours(units, dimensions, nNeighbors, (done, total) => onProgress?.({ phase: 'neighbours', done, total }));
  const edges = fuzzyEdges(graph);
  const positions = Float64Array.from({ length: 2 * count }, () => random() * 20 - 10);
  optimiseLayout(positions, edges, curve, {
    epochs,
    random,
    moveTail: true,
    onEpoch: (done) => {
      if (done % 10 === 0 || done === epochs) onProgress?.({ phase: 'layout', done, total: epochs });
    },
  });
  return {
    points: Float32Array.from(positions),
    transform: (more) => placeNewPoints(more, units, dimensions, positions, { nNeighbors, epochs: epochs / 3, curve, random }),
  };
}

/**
 * New rows join the fitted layout the way UMAP's `transform` does it: start at the weighted
 * mean of their nearest fitted points, then a third of the epochs pulling them towards those
 * neighbours and away from random fitted points, the fitted layout held still.
 */
function placeNewPoints(
  more: Float32Array,
  units: Float32Array,
  dimensions: number,
  fitted: Float64Array,
  options: { nNeighbors: number; epochs: number; curve: LayoutCurve; random: () => number },
): Float32Array {
  const count = units.length / dimensions;
  const newCount = more.length / dimensions;
  const k = Math.min(options.nNeighbors, count);
  const indices = new Int32Array(newCount * k);
  const distances = new Float64Array(newCount * k);
  const dots = new Float64Array(count);
  for (let i = 0; i < newCount; i++) {
    dotRowsInto(Float64Array.from(more.subarray(i * dimensions, (i + 1) * dimensions)), units, 0, count, dots);
    const best = new TopK(k);
    for (let j = 0; j < count; j++) best.push(j, dots[j]!);
    for (let r = 0; r < k; r++) {
      indices[i * k + r] = best.indices[r]!;
      distances[i * k + r] = Math.sqrt(Math.max(0, 2 - 2 * best.scores[r]!));
    }
  }
  const { sigmas } = smoothDistances(distances, k, 0);
  const positions = new Float64Array(newCount * 2);
  const head = new Int32Array(newCount * k);
  const weights = new Float64Array(newCount * k);
  for (let i = 0; i < newCount; i++) {
    let total = 0;
    for (let r = 0; r < k; r++) total += weights[i * k + r] = Math.exp(-distances[i * k + r]! / sigmas[i]!);
    for (let r = 0; r < k; r++) {
      const j = indices[i * k + r]!;
      const share = total > 0 ? weights[i * k + r]! / total : 1 / k;
      positions[2 * i] += share * fitted[2 * j]!;
      positions[2 * i + 1] += share * fitted[2 * j + 1]!;
      head[i * k + r] = i;
    }
  }
  optimiseLayout(positions, { head, tail: indices, weights }, options.curve, {
    epochs: options.epochs,
    random: options.random,
    moveTail: false,
    tailPositions: fitted,
  });
  return Float32Array.from(positions);
}

/**
 * UMAP's fuzzy neighbourhood graph on typed arrays (McInnes, Healy & Melville, 2018, §3): each
 * point's distances to its k neighbours are rescaled so that its nearest neighbour is at 0 (ρ)
 * and the memberships sum to log₂ k (σ, found by bisection); the directed memberships are then
 * joined by the fuzzy union w + wᵀ − w·wᵀ into one symmetric weighted edge list.
 */
import type { NeighbourGraph } from './exact-neighbours.js';

const BISECTION_STEPS = 64;
const TOLERANCE = 1e-5;
/** σ never falls below this share of the mean neighbour distance (as in the reference code). */
const MIN_SIGMA_SCALE = 1e-3;

/** Undirected edges, each listed in both directions, with their weights in (0, 1]. */
export interface FuzzyEdges {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly weights: Float64Array;
}

/**
 * ρ and σ of every row of a k-NN graph. `localConnectivity` 1 puts each point's nearest
 * (non-self) neighbour at membership 1; 0 (for placing new points) puts ρ at 0.
 */
export function smoothDistances(distances: Float64Array, k: number, localConnectivity = 1): { rhos: Float64Array; sigmas: Float64Array } {
  const count = distances.length / k;
  const target = Math.log2(k);
  const rhos = new Float64Array(count);
  const sigmas = new Float64Array(count);
  let meanAll = 0;
  for (const d of distances) meanAll += d;
  meanAll /= distances.length;
  for (let i = 0; i < count; i++) {
    const row = distances.subarray(i * k, (i + 1) * k);
    if (localConnectivity >= 1) for (const d of row) if (d > 0) { rhos[i] = d; break; }
    const rho = rhos[i]!;
    let [low, high, sigma] = [0, Infinity, 1];
    for (let step = 0; step < BISECTION_STEPS; step++) {
      let sum = 0;
      for (let j = 1; j < k; j++) {
        const d = row[j]! - rho;
        sum += d > 0 ? Math.exp(-d / sigma) : 1;
      }
      if (Math.abs(sum - target) < TOLERANCE) break;
      if (sum > target) {
        high = sigma;
        sigma = (low + high) / 2;
      } else {
        low = sigma;
        sigma = high === Infinity ? sigma * 2 : (low + high) / 2;
      }
    }
    let meanRow = 0;
    for (const d of row) meanRow += d;
    meanRow /= k;
    sigmas[i] = Math.max(sigma, MIN_SIGMA_SCALE * (rho > 0 ? meanRow : meanAll));
  }
  return { rhos, sigmas };
}

/** The symmetric fuzzy graph of a k-NN graph, each undirected edge listed in both directions. */
export function fuzzyEdges(graph: NeighbourGraph): FuzzyEdges {
  const { k, indices, distances } = graph;
  const count = indices.length / k;
  const { rhos, sigmas } = smoothDistances(distances, k);
  const directed = new Float64Array(count * k);
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < k; r++) {
      if (indices[i * k + r] === i) continue;
      const d = distances[i * k + r]! - rhos[i]!;
      directed[i * k + r] = d <= 0 ? 1 : Math.exp(-d / sigmas[i]!);
    }
  }
  // The weight j gives i (0 when i is not among j's neighbours): a scan of j's k neighbours.
  const weightBack = (i: number, j: number): number => {
    for (let r = 0; r < k; r++) if (indices[j * k + r] === i) return directed[j * k + r]!;
    return 0;
  };
  const head: number[] = [];
  const tail: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < k; r++) {
      const j = indices[i * k + r]!;
      const w = directed[i * k + r]!;
      if (j === i || w === 0) continue;
      const back = weightBack(i, j);
      const union = w + back - w * back;
      head.push(i);
      tail.push(j);
      weights.push(union);
      // A mutual pair is met again from j's side; a one-sided one needs its reverse now.
      if (back === 0) {
        head.push(j);
        tail.push(i);
        weights.push(union);
      }
    }
  }
  return { head: Int32Array.from(head), tail: Int32Array.from(tail), weights: Float64Array.from(weights) };
}

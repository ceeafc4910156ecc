/**
 * How close samples are to the data, as numbers a test can hold a threshold against.
 * Both take x,y pairs and cost O(n·m), fine for the thousand-odd points of the playground.
 */

/** Squared distance between point i of `a` and point j of `b`. */
function squaredDistance(a: Float32Array, i: number, b: Float32Array, j: number): number {
  const dx = a[2 * i]! - b[2 * j]!;
  const dy = a[2 * i + 1]! - b[2 * j + 1]!;
  return dx * dx + dy * dy;
}

/** Mean distance from each point of `from` to its nearest point in `to`. */
function meanNearestDistance(from: Float32Array, to: Float32Array): number {
  const n = from.length / 2;
  const m = to.length / 2;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < m; j++) best = Math.min(best, squaredDistance(from, i, to, j));
    total += Math.sqrt(best);
  }
  return total / n;
}

/**
 * Symmetric Chamfer distance: the mean nearest-neighbour distance from samples to data plus
 * from data to samples. The first term punishes samples off the shape; the second, parts of
 * the shape no sample reached (mode dropping).
 */
export function chamferDistance(samples: Float32Array, data: Float32Array): number {
  return meanNearestDistance(samples, data) + meanNearestDistance(data, samples);
}

/** Mean of the Gaussian kernel exp(−|a−b|²/(2h²)) over all pairs (i, j). */
function meanKernel(a: Float32Array, b: Float32Array, bandwidth: number): number {
  const n = a.length / 2;
  const m = b.length / 2;
  const scale = -1 / (2 * bandwidth * bandwidth);
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) total += Math.exp(scale * squaredDistance(a, i, b, j));
  return total / (n * m);
}

/**
 * Squared maximum mean discrepancy with a Gaussian kernel of width `bandwidth` (biased
 * estimator): 0 when both sets are the same distribution, growing as they differ.
 */
export function maximumMeanDiscrepancy(samples: Float32Array, data: Float32Array, bandwidth = 0.2): number {
  return meanKernel(samples, samples, bandwidth) + meanKernel(data, data, bandwidth) - 2 * meanKernel(samples, data, bandwidth);
}

/**
 * UMAP's layout optimisation (stochastic gradient descent on the fuzzy cross-entropy, with
 * negative sampling) on typed arrays, specialised to 2-D: positions live in one Float64Array
 * (x, y interleaved) and the edges in flat arrays, where umap-js keeps an array per point and
 * calls helpers per coordinate; d^b comes from a table (./power-table.ts), not Math.pow.
 * Each edge is sampled in proportion to its weight; every sample pulls its two ends together
 * and pushes the moving end away from a few random points.
 */
import { powerTable } from './power-table.js';

const CLIP = 4;
const NEGATIVE_SAMPLE_RATE = 5;
const REPULSION = 1;
const LEARNING_RATE = 1;

/** Edges to sample: `head[e]` moves towards `tail[e]`, `weights[e]` in (0, 1]. */
export interface LayoutEdges {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly weights: Float64Array;
}

/** The curve 1 / (1 + a·d^(2b)) that stands for "near" on the page (from min-dist and spread). */
export interface LayoutCurve {
  readonly a: number;
  readonly b: number;
}

/** Options of {@link optimiseLayout}. */
export interface OptimiseOptions {
  readonly epochs: number;
  readonly random: () => number;
  /** Whether the tail end moves too (fitting); false when placing new points against a fixed layout. */
  readonly moveTail: boolean;
  /** Positions the tails index into when they are not `positions` (placing new points). */
  readonly tailPositions?: Float64Array;
  /** Called after each epoch with the number done; return false to stop early. */
  readonly onEpoch?: (done: number) => void;
}

const clip = (value: number) => (value > CLIP ? CLIP : value < -CLIP ? -CLIP : value);

/** Runs the epochs in place on `positions` (x, y per point). */
export function optimiseLayout(positions: Float64Array, edges: LayoutEdges, curve: LayoutCurve, options: OptimiseOptions): void {
  const { epochs, random, moveTail, onEpoch } = options;
  const tails = options.tailPositions ?? positions;
  const vertices = tails.length / 2;
  const { head, tail } = edges;
  const { a, b } = curve;
  const pow = powerTable(b);
  // Edges whose weight is under max / epochs would never be sampled: drop them up front.
  let heaviest = 0;
  for (const w of edges.weights) heaviest = Math.max(heaviest, w);
  const kept: number[] = [];
  edges.weights.forEach((w, e) => {
    if (w >= heaviest / epochs) kept.push(e);
  });
  const edgeCount = kept.length;
  const from = Int32Array.from(kept, (e) => head[e]!);
  const to = Int32Array.from(kept, (e) => tail[e]!);
  const period = Float64Array.from(kept, (e) => heaviest / edges.weights[e]!);
  const negativePeriod = period.map((p) => p / NEGATIVE_SAMPLE_RATE);
  const nextSample = period.slice();
  const nextNegative = negativePeriod.slice();
  let alpha = LEARNING_RATE;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let e = 0; e < edgeCount; e++) {
      if (nextSample[e]! > epoch) continue;
      const j = from[e]!;
      const k = to[e]!;
      let dx = positions[2 * j]! - tails[2 * k]!;
      let dy = positions[2 * j + 1]! - tails[2 * k + 1]!;
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const power = pow(d2);
        const pull = (-2 * a * b * power) / d2 / (a * power + 1);
        const gx = clip(pull * dx) * alpha;
        const gy = clip(pull * dy) * alpha;
        positions[2 * j] += gx;
        positions[2 * j + 1] += gy;
        if (moveTail) {
          tails[2 * k] -= gx;
          tails[2 * k + 1] -= gy;
        }
      }
      nextSample[e] += period[e]!;
      const negatives = Math.floor((epoch - nextNegative[e]!) / negativePeriod[e]!);
      for (let n = 0; n < negatives; n++) {
        const other = Math.floor(random() * vertices);
        dx = positions[2 * j]! - tails[2 * other]!;
        dy = positions[2 * j + 1]! - tails[2 * other + 1]!;
        d2 = dx * dx + dy * dy;
        if (d2 > 0) {
          const push = (2 * REPULSION * b) / ((0.001 + d2) * (a * pow(d2) + 1));
          positions[2 * j] += clip(push * dx) * alpha;
          positions[2 * j + 1] += clip(push * dy) * alpha;
        } else if (j !== other) {
          positions[2 * j] += CLIP * alpha;
          positions[2 * j + 1] += CLIP * alpha;
        }
      }
      nextNegative[e] += negatives * negativePeriod[e]!;
    }
    alpha = LEARNING_RATE * (1 - epoch / epochs);
    onEpoch?.(epoch + 1);
  }
}

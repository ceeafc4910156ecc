import { InvalidOptionError } from '../errors.js';
import { placeShape, sampleInShape, type Shape } from './polygon.js';
import { PlaygroundRandom } from './random.js';
import { motorcycle, sheep } from './silhouettes.js';

/**
 * The playground's data sets: seeded 2D point samplers. Coordinates are chosen so the data
 * has a spread of about 1 — the scale the unit-variance noise of the forward process expects.
 */

/** The built-in data sets; `sheep-and-motorcycle` is the labelled one used for guidance. */
export const presetNames = ['sheep', 'motorcycle', 'two-moons', 'spiral', 'blobs', 'sheep-and-motorcycle'] as const;
export type PresetName = (typeof presetNames)[number];

/** A 2D data set: points as x,y pairs, and for labelled sets one class index per point. */
export interface Dataset {
  readonly points: Float32Array;
  /** Class index per point, or null for an unlabelled set. */
  readonly labels: Int32Array | null;
  /** Class names, indexed by label; empty for an unlabelled set. */
  readonly classNames: readonly string[];
  /** The silhouette of each class (or of the whole set), for "share inside" metrics. */
  readonly shapes: readonly Shape[];
}

/** How large the silhouettes are drawn: a unit-frame shape becomes this many data units across. */
const silhouetteScale = 1.8;
/** In the labelled preset the two shapes sit side by side at ±this x offset, smaller. */
const pairOffset = 1.15;
const pairScale = 1.05;

/** The silhouettes as placed in data coordinates. */
export const placedSheep = placeShape(sheep, silhouetteScale, 0, 0);
export const placedMotorcycle = placeShape(motorcycle, silhouetteScale, 0, 0);
const pairSheep = placeShape(sheep, pairScale, -pairOffset, 0);
const pairMotorcycle = placeShape(motorcycle, pairScale, pairOffset, 0);

/** Draws `count` points of a preset with a seeded generator (same seed, same points). */
export function samplePreset(preset: PresetName, count: number, seed: number): Dataset {
  if (!Number.isInteger(count) || count < 1) throw new InvalidOptionError('count', `expected a positive integer, got ${count}`);
  const random = new PlaygroundRandom(seed);
  switch (preset) {
    case 'sheep':
      return unlabelled(sampleInShape(placedSheep, count, random), [placedSheep]);
    case 'motorcycle':
      return unlabelled(sampleInShape(placedMotorcycle, count, random), [placedMotorcycle]);
    case 'two-moons':
      return unlabelled(sampleTwoMoons(count, random), []);
    case 'spiral':
      return unlabelled(sampleSpiral(count, random), []);
    case 'blobs':
      return unlabelled(sampleBlobs(count, random), []);
    case 'sheep-and-motorcycle':
      return samplePair(count, random);
    default:
      throw new InvalidOptionError('preset', `expected one of ${presetNames.join(', ')}, got "${String(preset)}"`);
  }
}

/** Wraps reader-drawn points as an unlabelled data set (typed error on odd length or NaN). */
export function datasetFromPoints(points: Float32Array): Dataset {
  if (points.length === 0 || points.length % 2 !== 0) {
    throw new InvalidOptionError('points', `expected a non-empty list of x,y pairs, got ${points.length} numbers`);
  }
  if (!points.every(Number.isFinite)) throw new InvalidOptionError('points', 'every coordinate must be a finite number');
  return unlabelled(points, []);
}

function unlabelled(points: Float32Array, shapes: Shape[]): Dataset {
  return { points, labels: null, classNames: [], shapes };
}

/** Two interleaved half circles with a little Gaussian jitter. */
function sampleTwoMoons(count: number, random: PlaygroundRandom): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const upper = i % 2 === 0;
    const angle = Math.PI * random.uniform();
    const x = upper ? Math.cos(angle) : 1 - Math.cos(angle);
    const y = upper ? Math.sin(angle) : 0.5 - Math.sin(angle);
    // Centre the pair on the origin and stretch it to about ±1.6.
    out[2 * i] = 1.1 * (x - 0.5) + 0.06 * random.normal();
    out[2 * i + 1] = 1.1 * (y - 0.25) + 0.06 * random.normal();
  }
  return out;
}

/** An Archimedean spiral of one and a half turns, denser points towards the outside. */
function sampleSpiral(count: number, random: PlaygroundRandom): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    // √u makes the density per unit length roughly even along the growing arm.
    const turn = 0.15 + Math.sqrt(random.uniform()) * 0.85;
    const angle = 3 * Math.PI * turn;
    const radius = 1.7 * turn;
    out[2 * i] = radius * Math.cos(angle) + 0.05 * random.normal();
    out[2 * i + 1] = radius * Math.sin(angle) + 0.05 * random.normal();
  }
  return out;
}

/** A 3×3 grid of small round Gaussian blobs. */
function sampleBlobs(count: number, random: PlaygroundRandom): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const cell = random.integer(9);
    out[2 * i] = 1.1 * ((cell % 3) - 1) + 0.1 * random.normal();
    out[2 * i + 1] = 1.1 * (Math.floor(cell / 3) - 1) + 0.1 * random.normal();
  }
  return out;
}

/** Half sheep (label 0, left), half motorcycle (label 1, right). */
function samplePair(count: number, random: PlaygroundRandom): Dataset {
  const sheepCount = Math.ceil(count / 2);
  const sheepPoints = sampleInShape(pairSheep, sheepCount, random);
  const motorcyclePoints = sampleInShape(pairMotorcycle, count - sheepCount, random);
  const points = new Float32Array(count * 2);
  points.set(sheepPoints, 0);
  points.set(motorcyclePoints, sheepPoints.length);
  const labels = new Int32Array(count);
  labels.fill(1, sheepCount);
  return { points, labels, classNames: ['sheep', 'motorcycle'], shapes: [pairSheep, pairMotorcycle] };
}

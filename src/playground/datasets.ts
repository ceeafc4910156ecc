import { InvalidOptionError } from '../errors.js';
import { bandAround, disc, solidShape } from './curve-regions.js';
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
  /**
   * The silhouette of each class (or of the whole set), for "share inside" metrics; for the
   * curve and blob presets, the band or discs holding their data (see curve-regions.ts).
   */
  readonly shapes: readonly Shape[];
}

/** How large the silhouettes are drawn: a unit-frame shape becomes this many data units across. */
const silhouetteScale = 1.8;
/** In the labelled preset the two shapes sit side by side at ±this x offset, smaller. */
const pairOffset = 1.4;
const pairScale = 1.3;

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
      return unlabelled(sampleTwoMoons(count, random), [twoMoonsRegion]);
    case 'spiral':
      return unlabelled(sampleSpiral(count, random), [spiralRegion]);
    case 'blobs':
      return unlabelled(sampleBlobs(count, random), [blobsRegion]);
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

/** Jitter (standard deviation) of the curve and blob presets. */
const moonJitter = 0.06;
const spiralJitter = 0.05;
const blobSpread = 0.1;
/** Regions hold the data within this many standard deviations of its curve or centre. */
const regionWidth = 3.3;

/** A point of one moon for angle a in [0, π], centred on the origin and stretched to about ±1.6. */
function moon(upper: boolean, angle: number): [number, number] {
  const x = upper ? Math.cos(angle) : 1 - Math.cos(angle);
  const y = upper ? Math.sin(angle) : 0.5 - Math.sin(angle);
  return [1.1 * (x - 0.5), 1.1 * (y - 0.25)];
}

/** A point of the spiral at `turn` in [0.15, 1]: one and a half turns, the radius growing. */
function spiralPoint(turn: number): [number, number] {
  const angle = 3 * Math.PI * turn;
  const radius = 1.7 * turn;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

/** Centre of blob `cell` of the 3×3 grid. */
function blobCentre(cell: number): [number, number] {
  return [1.1 * ((cell % 3) - 1), 1.1 * (Math.floor(cell / 3) - 1)];
}

/** Two interleaved half circles with a little Gaussian jitter. */
function sampleTwoMoons(count: number, random: PlaygroundRandom): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const [x, y] = moon(i % 2 === 0, Math.PI * random.uniform());
    out[2 * i] = x + moonJitter * random.normal();
    out[2 * i + 1] = y + moonJitter * random.normal();
  }
  return out;
}

/** An Archimedean spiral of one and a half turns, denser points towards the outside. */
function sampleSpiral(count: number, random: PlaygroundRandom): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    // √u makes the density per unit length roughly even along the growing arm.
    const [x, y] = spiralPoint(0.15 + Math.sqrt(random.uniform()) * 0.85);
    out[2 * i] = x + spiralJitter * random.normal();
    out[2 * i + 1] = y + spiralJitter * random.normal();
  }
  return out;
}

/** A 3×3 grid of small round Gaussian blobs. */
function sampleBlobs(count: number, random: PlaygroundRandom): Float32Array {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const [x, y] = blobCentre(random.integer(9));
    out[2 * i] = x + blobSpread * random.normal();
    out[2 * i + 1] = y + blobSpread * random.normal();
  }
  return out;
}

// The bands run a little past each curve's ends, where the jitter spills over too.
const moonOverrun = (regionWidth * moonJitter) / 1.1;
const twoMoonsRegion = solidShape('two moons', [
  bandAround((a) => moon(true, a), -moonOverrun, Math.PI + moonOverrun, regionWidth * moonJitter),
  bandAround((a) => moon(false, a), -moonOverrun, Math.PI + moonOverrun, regionWidth * moonJitter),
]);
const spiralRegion = solidShape('spiral', [bandAround(spiralPoint, 0.13, 1.03, regionWidth * spiralJitter, 160)]);
const blobsRegion = solidShape('blobs', Array.from({ length: 9 }, (_, cell) => disc(...blobCentre(cell), regionWidth * blobSpread)));

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

/**
 * Custom axes in the manner of the TensorFlow Projector: the reader names two directions,
 * e.g. x from "man" to "woman" and y from "man" to "king". A point's x is how far along
 * from→to it lies, in units of that distance, so `from` reads 0 and `to` reads 1.
 */
import { InvalidOptionError } from '../../errors.js';
import type { LinearMap2D } from './linear-map.js';

/** A direction from one vector to another. */
export interface AxisEnds {
  readonly from: ArrayLike<number>;
  readonly to: ArrayLike<number>;
}

/** The fitted map plus the angle between the axes (they are not orthogonalised, so readers see it). */
export interface CustomAxes extends LinearMap2D {
  /** Angle between the two directions in degrees; far from 90° means x and y are entangled. */
  readonly angleDegrees: number;
}

/** Builds the projection from the two axis definitions. */
export function customAxes(x: AxisEnds, y: AxisEnds): CustomAxes {
  const dx = direction(x, 'x');
  const dy = direction(y, 'y');
  const cosine = dot(dx, dy) / Math.sqrt(dot(dx, dx) * dot(dy, dy));
  return {
    x: dx,
    y: dy,
    offset: [dot(Float64Array.from(x.from), dx), dot(Float64Array.from(y.from), dy)],
    angleDegrees: (Math.acos(Math.max(-1, Math.min(1, cosine))) * 180) / Math.PI,
  };
}

/** from→to scaled so that `to` projects exactly 1 further than `from`: d / |d|². */
function direction(ends: AxisEnds, axis: string): Float64Array {
  if (ends.from.length !== ends.to.length) throw new InvalidOptionError(axis, 'the two ends have different dimensions');
  const d = Float64Array.from(ends.to, (value, i) => value - ends.from[i]!);
  const squared = dot(d, d);
  if (!(squared > 1e-12)) throw new InvalidOptionError(axis, 'the two ends are the same point, so they define no direction');
  return d.map((value) => value / squared);
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

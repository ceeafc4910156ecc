/**
 * An affine projection to the plane: p(v) = (v·x − offset₀, v·y − offset₁). PCA and custom
 * axes are both of this form, which is why vector arithmetic survives them exactly:
 * p(a − b + c) = p(a) − p(b) + p(c) whenever the weights sum to 1, and every arrow "+ w·v"
 * is the same displacement wherever it is drawn.
 */
import { InvalidOptionError } from '../../errors.js';

/** The two axes (each of the source dimension) and the constant subtracted from each coordinate. */
export interface LinearMap2D {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly offset: readonly [number, number];
}

/** Projects one vector. */
export function projectPoint(map: LinearMap2D, vector: ArrayLike<number>): [number, number] {
  checkLength(map, vector.length);
  let x = 0;
  let y = 0;
  for (let i = 0; i < vector.length; i++) {
    x += vector[i]! * map.x[i]!;
    y += vector[i]! * map.y[i]!;
  }
  return [x - map.offset[0], y - map.offset[1]];
}

/** Projects `rows` (row-major, `dimensions` wide) to interleaved x, y pairs. */
export function projectRows(map: LinearMap2D, rows: Float32Array, dimensions: number): Float32Array {
  checkLength(map, dimensions);
  const count = rows.length / dimensions;
  const out = new Float32Array(count * 2);
  for (let row = 0; row < count; row++) {
    const [x, y] = projectPoint(map, rows.subarray(row * dimensions, (row + 1) * dimensions));
    out[row * 2] = x;
    out[row * 2 + 1] = y;
  }
  return out;
}

function checkLength(map: LinearMap2D, length: number): void {
  if (length !== map.x.length) throw new InvalidOptionError('vector', `expected ${map.x.length} dimensions, got ${length}`);
}

/**
 * The library's tensor: a flat Float32Array in row-major (C) order plus its shape.
 * Deliberately minimal: math works on the typed array, and shapes travel with it.
 */
export interface Tensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Wraps data and shape after checking they agree. */
export function tensor(data: Float32Array, shape: readonly number[]): Tensor {
  if (data.length !== sizeOf(shape)) {
    throw new RangeError(`tensor: ${data.length} values do not fill shape [${shape.join(', ')}]`);
  }
  return { data, shape: [...shape] };
}

import { floatTensor, intTensor, type GraphValue, type IoTensor } from '../io/tensors.js';

/**
 * The `timestep` input in the form the graph declares: integer or float dtype, and a scalar
 * (rank 0, newer optimum exports), a single value `[1]` that the UNet broadcasts, or one value
 * per batch row `[B]` (the diffusers export script and Olive).
 */
export function timestepFeed(meta: GraphValue, timestep: number, batch: number): IoTensor {
  const rank = meta.shape.length;
  const dims = rank === 0 ? [] : meta.shape[0] === 1 ? [1] : [batch];
  const count = dims.length === 0 ? 1 : dims[0]!;
  const values = new Float32Array(count).fill(timestep);
  switch (meta.dtype) {
    case 'int64':
    case 'int32':
      return intTensor(values, dims, meta.dtype);
    case 'float16':
    case 'float32':
      return floatTensor(values, dims, meta.dtype);
    default:
      throw new TypeError(`timestep dtype ${meta.dtype} cannot be fed`);
  }
}

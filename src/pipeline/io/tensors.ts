import { decodeFloat16Array, encodeFloat16Array } from '../math/float16.js';

/** Element types the runtime exchanges with ONNX graphs (everything SD-style exports use). */
export type IoDtype = 'float32' | 'float16' | 'int32' | 'int64';

/** The typed array behind each dtype; float16 travels as raw bit patterns. */
export type IoData = Float32Array | Uint16Array | Int32Array | BigInt64Array;

/**
 * A tensor on its way into or out of a graph, independent of which onnxruntime package runs it,
 * so nothing outside `io/` ever touches an onnxruntime type.
 */
export interface IoTensor {
  readonly dtype: IoDtype;
  readonly dims: readonly number[];
  readonly data: IoData;
}

/** What a session reports about one graph input or output. */
export interface GraphValue {
  readonly name: string;
  /** The element type, or the raw type string when it is not one the runtime exchanges. */
  readonly dtype: IoDtype | string;
  /** Dimensions: numbers when fixed, symbolic names (or -1) when dynamic; empty for scalars. */
  readonly shape: readonly (number | string)[];
}

/** Float data in the dtype a graph input wants (float32 or float16). */
export function floatTensor(values: Float32Array, dims: readonly number[], dtype: 'float32' | 'float16'): IoTensor {
  return { dtype, dims: [...dims], data: dtype === 'float16' ? encodeFloat16Array(values) : values };
}

/** Integer data (token ids, integer timesteps) in the dtype a graph input wants; fractions truncate, as numpy casts do. */
export function intTensor(values: ArrayLike<number>, dims: readonly number[], dtype: 'int32' | 'int64'): IoTensor {
  const data =
    dtype === 'int64'
      ? BigInt64Array.from(Array.from(values, (v) => BigInt(Math.trunc(v))))
      : Int32Array.from(values, (v) => Math.trunc(v));
  return { dtype, dims: [...dims], data };
}

/** A graph output as fresh float32 values, whatever float dtype the graph produced. */
export function readFloats(tensor: IoTensor): Float32Array {
  if (tensor.dtype === 'float16') return decodeFloat16Array(tensor.data as Uint16Array);
  if (tensor.dtype === 'float32') return Float32Array.from(tensor.data as Float32Array);
  throw new TypeError(`expected a float tensor, got ${tensor.dtype}`);
}

/** True when the dtype is one the runtime can exchange. */
export function isIoDtype(dtype: string): dtype is IoDtype {
  return dtype === 'float32' || dtype === 'float16' || dtype === 'int32' || dtype === 'int64';
}

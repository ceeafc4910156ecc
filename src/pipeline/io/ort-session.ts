import type { InferenceSession, Tensor, TypedTensor } from 'onnxruntime-common';
import type { ExecutionProvider, OnnxSession } from './backend.js';
import { isIoDtype, type GraphValue, type IoTensor } from './tensors.js';

/** The part of an onnxruntime package namespace (node or web) the session wrapper needs. */
export interface OrtNamespace {
  readonly Tensor: new (type: 'float32' | 'float16' | 'int32' | 'int64', data: IoTensor['data'], dims: readonly number[]) => Tensor;
}

/** Turns onnxruntime's metadata entry into the runtime's own description. */
export function describeValue(meta: InferenceSession.ValueMetadata): GraphValue {
  if (!meta.isTensor) return { name: meta.name, dtype: 'non-tensor', shape: [] };
  return { name: meta.name, dtype: meta.type, shape: [...meta.shape] };
}

/** Copies an onnxruntime output into a plain `IoTensor` the caller owns. */
export function fromOrtTensor(tensor: Tensor): IoTensor {
  const dims = [...tensor.dims];
  const type = tensor.type;
  if (!isIoDtype(type)) throw new TypeError(`graph output of unsupported type ${type}`);
  const raw = (tensor as TypedTensor<typeof type>).data as unknown;
  switch (type) {
    case 'float32':
      return { dtype: type, dims, data: Float32Array.from(raw as Float32Array) };
    case 'float16':
      // onnxruntime-web hands out a Float16Array where the platform has one, raw bits otherwise.
      return { dtype: type, dims, data: float16Bits(raw) };
    case 'int32':
      return { dtype: type, dims, data: Int32Array.from(raw as Int32Array) };
    case 'int64':
      return { dtype: type, dims, data: BigInt64Array.from(raw as BigInt64Array) };
  }
}

function float16Bits(raw: unknown): Uint16Array {
  if (raw instanceof Uint16Array) return Uint16Array.from(raw);
  const view = raw as { buffer: ArrayBuffer; byteOffset: number; length: number };
  return Uint16Array.from(new Uint16Array(view.buffer, view.byteOffset, view.length));
}

/**
 * Wraps an onnxruntime session (node or web: both share onnxruntime-common's interface) as an
 * `OnnxSession`. Output tensors are copied out and disposed at once, so no native or GPU memory
 * outlives a `run`.
 */
export function wrapOrtSession(ort: OrtNamespace, session: InferenceSession, provider: ExecutionProvider): OnnxSession {
  let released = false;
  return {
    inputs: session.inputMetadata.map(describeValue),
    outputs: session.outputMetadata.map(describeValue),
    provider,
    async run(feeds, outputs) {
      if (released) throw new Error('session already released');
      const ortFeeds: Record<string, Tensor> = {};
      for (const [name, value] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(value.dtype, value.data, value.dims);
      const results = await (outputs ? session.run(ortFeeds, [...outputs]) : session.run(ortFeeds));
      const out: Record<string, IoTensor> = {};
      for (const [name, value] of Object.entries(results)) {
        try {
          out[name] = fromOrtTensor(value as Tensor);
        } finally {
          (value as Tensor).dispose();
        }
      }
      return out;
    },
    async release() {
      if (released) return;
      released = true;
      await session.release();
    },
  };
}

/**
 * A minimal ONNX (protobuf) writer for hostile fixtures: graphs whose tensors name external
 * data files, placed wherever the format allows a tensor (initializers, node attributes,
 * subgraphs, sparse initializers, functions, training graphs). Field numbers from onnx.proto.
 */

type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) out.set(part, (at += part.length) - part.length);
  return out;
}

/** A varint field (wire type 0). */
export const int = (field: number, value: number | bigint): Field => Uint8Array.from([...varint(field << 3), ...varint(value)]);

/** A length-delimited field (wire type 2): bytes, a string or an embedded message. */
export function bytes(field: number, value: Uint8Array | string): Field {
  const body = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return concat([Uint8Array.from([...varint((field << 3) | 2), ...varint(body.length)]), body]);
}

/** An embedded message made of fields. */
export const message = (field: number, ...fields: Field[]): Field => bytes(field, concat(fields));

const FLOAT = 1;

/** A float tensor [n] whose data lives in the external file `location`. */
export function externalTensor(name: string, n: number, location: string, extra: { offset?: number } = {}): Field[] {
  return [
    int(1, n), // dims
    int(2, FLOAT), // data_type
    bytes(8, name),
    message(13, bytes(1, 'location'), bytes(2, location)),
    ...(extra.offset === undefined ? [] : [message(13, bytes(1, 'offset'), bytes(2, String(extra.offset)))]),
    message(13, bytes(1, 'length'), bytes(2, String(n * 4))),
    int(14, 1), // data_location: EXTERNAL
  ];
}

/** A float tensor [values.length] stored inside the graph. */
export function rawTensor(name: string, values: readonly number[]): Field[] {
  return [int(1, values.length), int(2, FLOAT), bytes(8, name), bytes(9, new Uint8Array(Float32Array.from(values).buffer))];
}

/** ValueInfoProto: a float tensor [n]. */
export function floatValue(field: number, name: string, n: number): Field {
  return message(field, bytes(1, name), message(2, message(1, int(1, FLOAT), message(2, message(1, int(1, n))))));
}

/** NodeProto. */
export function node(opType: string, inputs: readonly string[], outputs: readonly string[], ...attributes: Field[]): Field {
  return message(1, ...inputs.map((i) => bytes(1, i)), ...outputs.map((o) => bytes(2, o)), bytes(4, opType), ...attributes);
}

/** The graph of a model: `nodes`, `initializers` (TensorProto field lists), one float output [n]. */
export function graph(field: number, parts: { nodes: Field[]; initializers?: Field[][]; output: string; n: number; extra?: Field[] }): Field {
  return message(
    field,
    ...parts.nodes,
    bytes(2, 'g'),
    ...(parts.initializers ?? []).map((tensor) => message(5, ...tensor)),
    floatValue(12, parts.output, parts.n),
    ...(parts.extra ?? []),
  );
}

/** ModelProto: IR 8, opset 17, the given graph and any extra top-level fields. */
export function model(graphField: Field, ...extra: Field[]): Uint8Array {
  return concat([int(1, 8), message(8, bytes(1, ''), int(2, 17)), graphField, ...extra]);
}

/** `out = Identity(W)` with W [n] read from the external file `location`. */
export function identityOfExternal(location: string, n = 4): Uint8Array {
  return model(graph(7, { nodes: [node('Identity', ['W'], ['out'])], initializers: [externalTensor('W', n, location)], output: 'out', n }));
}

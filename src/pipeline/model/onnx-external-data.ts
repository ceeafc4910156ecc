import { AbortError } from '../../errors.js';
import { ModelLoadError, shownValue } from './errors.js';
import { fileNameProblem } from './folder-paths.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';

/**
 * Finds every external-data file an ONNX graph names, by walking its protobuf structure the
 * way onnxruntime parses it. A tensor marked `data_location: EXTERNAL` keeps its bytes in the
 * file its `location` entry names, which onnxruntime would otherwise look up next to the
 * model, or in the process's working directory for a graph given as bytes; so each name must
 * be a plain file name, and the caller reads those files from the model folder itself.
 *
 * Tensors live in initializers, node attributes (`Constant`, subgraphs of `If`/`Loop`/`Scan`),
 * sparse initializers, function bodies and training graphs: every one is visited, and every
 * occurrence of a field (protobuf merges repeated messages). Anything malformed, nested past
 * onnxruntime's own parsing depth or using protobuf groups is refused, never guessed at.
 */

/** Message types that can hold tensors, by field number of their message-typed fields. */
type Kind = 'model' | 'graph' | 'node' | 'attribute' | 'function' | 'training' | 'sparse' | 'tensor' | 'entry';
const CHILDREN: Readonly<Record<Exclude<Kind, 'tensor' | 'entry'>, Readonly<Record<number, Kind>>>> = {
  // ModelProto: graph 7, training_info 20, functions 25
  model: { 7: 'graph', 20: 'training', 25: 'function' },
  // GraphProto: node 1, initializer 5, sparse_initializer 15
  graph: { 1: 'node', 5: 'tensor', 15: 'sparse' },
  // NodeProto: attribute 5
  node: { 5: 'attribute' },
  // AttributeProto: t 5, g 6, tensors 10, graphs 11, sparse_tensor 22, sparse_tensors 23
  attribute: { 5: 'tensor', 6: 'graph', 10: 'tensor', 11: 'graph', 22: 'sparse', 23: 'sparse' },
  // FunctionProto: node 7, attribute_proto 11
  function: { 7: 'node', 11: 'attribute' },
  // TrainingInfoProto: initialization 1, algorithm 2
  training: { 1: 'graph', 2: 'graph' },
  // SparseTensorProto: values 1, indices 2
  sparse: { 1: 'tensor', 2: 'tensor' },
};
/** TensorProto: external_data 13 (StringStringEntryProto), data_location 14 (1 = EXTERNAL). */
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const EXTERNAL = 1;
/** protobuf's default recursion limit, which onnxruntime parses with. */
const MAX_DEPTH = 100;

/** How the walk shares the thread. */
export interface WalkOptions {
  /** Fields visited between two pauses; default 65 536. */
  readonly sliceFields?: number;
  /** Lets other work run between slices; default `yieldToEventLoop`. */
  readonly pause?: () => Promise<void>;
  readonly signal?: AbortSignal;
}

class Malformed extends Error {}

/** A protobuf reader over `bytes[start, end)`. */
class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public at: number,
    readonly end: number,
  ) {}

  /** A varint's low 32 bits as an int32: all an enum field keeps of a longer number. */
  int32(): number {
    let low = 0;
    for (let i = 0; i < 10; i++) {
      const byte = this.#next();
      if (i < 5) low |= (byte & 0x7f) << (7 * i); // bits past 32 fall off, as in protobuf
      if (byte < 0x80) return low | 0;
    }
    throw new Malformed(`a number longer than 10 bytes at byte ${this.at}`);
  }

  /** A tag or a length (exact up to 2^53; anything larger fails as a length anyway). */
  small(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.#next();
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) return value;
    }
    throw new Malformed(`a number longer than 10 bytes at byte ${this.at}`);
  }

  #next(): number {
    if (this.at >= this.end) throw new Malformed(`a number runs past the end of its message at byte ${this.at}`);
    return this.bytes[this.at++]!;
  }

  skip(length: number): void {
    if (length > this.end - this.at) throw new Malformed(`a field of ${length} bytes runs past the end of its message at byte ${this.at}`);
    this.at += length;
  }
}

interface Frame {
  readonly kind: Kind;
  readonly cursor: Cursor;
  /** Tensor frames: what they found so far. */
  external?: boolean;
  locations?: string[];
  /** Entry frames: the tensor they belong to, and their key/value. */
  parent?: Frame;
  key?: string;
  value?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The external-data file names of an ONNX graph, each once, in order of appearance; a
 * `ModelLoadError` naming `file` when the graph is malformed or a name is not a plain file
 * name beside it (`../x`, `/etc/x`, `a/b`, onnxruntime's in-memory address tags…).
 */
export async function externalDataFiles(graph: Uint8Array, file: string, options: WalkOptions = {}): Promise<string[]> {
  const sliceFields = Math.max(1, options.sliceFields ?? 1 << 16);
  const pause = options.pause ?? yieldToEventLoop;
  const found = new Set<string>();
  const stack: Frame[] = [{ kind: 'model', cursor: new Cursor(graph, 0, graph.length) }];
  let fields = 0;
  try {
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const { cursor } = frame;
      if (cursor.at >= cursor.end) {
        stack.pop();
        finish(frame, found, file);
        continue;
      }
      if (++fields % sliceFields === 0) {
        await pause();
        if (options.signal?.aborted) throw new AbortError();
      }
      const tagAt = cursor.at;
      const tag = cursor.small();
      const field = Math.floor(tag / 8);
      const wire = tag % 8;
      if (field === 0) throw new Malformed(`field number 0 at byte ${tagAt}`);
      if (wire === 0) {
        const value = cursor.int32();
        if (frame.kind === 'tensor' && field === TENSOR_DATA_LOCATION) frame.external = value === EXTERNAL;
      } else if (wire === 1) cursor.skip(8);
      else if (wire === 5) cursor.skip(4);
      else if (wire === 2) {
        const length = cursor.small();
        const start = cursor.at;
        cursor.skip(length);
        const child = childKind(frame.kind, field);
        if (child) {
          if (stack.length >= MAX_DEPTH) throw new Malformed(`messages nest deeper than ${MAX_DEPTH} levels`);
          stack.push({ kind: child, cursor: new Cursor(graph, start, start + length), ...(child === 'entry' ? { parent: frame } : {}) });
        } else if (frame.kind === 'entry' && (field === 1 || field === 2)) {
          let text: string;
          try {
            text = decoder.decode(graph.subarray(start, start + length));
          } catch {
            throw new Malformed(`an external-data entry is not UTF-8 text at byte ${start}`);
          }
          if (field === 1) frame.key = text;
          else frame.value = text;
        }
      } else throw new Malformed(`protobuf groups (wire type ${wire}) at byte ${tagAt}, which ONNX files never use`);
    }
  } catch (error) {
    if (error instanceof Malformed) throw new ModelLoadError(file, `is not a valid ONNX graph: ${error.message}`);
    throw error;
  }
  return [...found];
}

function childKind(kind: Kind, field: number): Kind | undefined {
  if (kind === 'tensor') return field === TENSOR_EXTERNAL_DATA ? 'entry' : undefined;
  if (kind === 'entry') return undefined;
  return CHILDREN[kind][field];
}

/** Closes a message: an entry hands its location to its tensor, a tensor reports its file. */
function finish(frame: Frame, found: Set<string>, file: string): void {
  if (frame.kind === 'entry' && frame.key === 'location' && frame.parent) {
    (frame.parent.locations ??= []).push(frame.value ?? '');
  }
  if (frame.kind !== 'tensor' || !frame.external) return;
  if (!frame.locations?.length) throw new ModelLoadError(file, 'a tensor is marked as external data but names no file');
  for (const location of frame.locations) {
    const problem = fileNameProblem(location);
    if (problem) {
      throw new ModelLoadError(file, `names external data ${shownValue(location)}, which is not a file beside the graph: ${problem}`);
    }
    found.add(location);
  }
}

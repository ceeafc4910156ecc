import type { StepRecord } from '../math/step-record.js';
import type { Tensor } from '../math/tensor.js';
import type { RgbaImage } from '../image/rgba-image.js';
import { readFloat32LE, readUint16LE } from './endian.js';
import { TrajectoryFormatError } from './errors.js';
import { decodeFloat16Array } from '../math/float16.js';
import { crc32 } from '../image/crc32.js';
import { PngDecodeError, decodePng } from '../image/png-decode.js';
import {
  DATA_ALIGNMENT,
  HEADER_CHECKSUM_BYTES,
  MAX_HEADER_BYTES,
  MAX_HEADER_DEPTH,
  PREAMBLE_BYTES,
  TRAJECTORY_MAGIC,
  type StepTensorName,
  type TensorTableEntry,
  type TrajectoryHeader,
} from './format.js';
import { validateHeader } from './header.js';
import { SD1_LATENT_RGB_FACTORS, type LatentRgbFactors } from '../image/latent-preview.js';
import { jsonNestingDepth } from './json-depth.js';

/** A decoded recording: its header, every step as the pipeline yielded it, and any pictures. */
export interface Trajectory {
  readonly header: TrajectoryHeader;
  /**
   * One record per recorded step, the same type `generate()` yields; a step whose decoded
   * picture was recorded carries it as `decodedImage`, as a live run with `decodeSteps` does.
   */
  readonly steps: readonly StepRecord[];
  /** `previews[i]` is step i's stored preview image, or null when none was recorded. */
  readonly previews: readonly (RgbaImage | null)[];
  /** `decoded[i]` is step i's stored VAE decode of x̂₀ (version 2), or null when none was recorded. */
  readonly decoded: readonly (RgbaImage | null)[];
  /**
   * The latent→RGB factors to preview this run's latents with: the recording model's own
   * (`header.latentRgb`), or SD 1.x's published ones for recordings made without them.
   */
  readonly latentRgb: LatentRgbFactors;
}

const REQUIRED: readonly StepTensorName[] = ['latentIn', 'noisePredCond', 'noisePred', 'predictedOriginal', 'latentOut'];

function asBytes(input: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TrajectoryFormatError('invalid-header', 'input', 'expected an ArrayBuffer or a typed array');
}

/** Finds and parses the JSON header; returns it with the data section's bytes. */
function splitRecording(bytes: Uint8Array): { header: unknown; data: Uint8Array } {
  if (bytes.length < PREAMBLE_BYTES) {
    throw new TrajectoryFormatError('truncated', 'preamble', `${bytes.length} bytes is shorter than the ${PREAMBLE_BYTES}-byte preamble`);
  }
  if (!TRAJECTORY_MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw new TrajectoryFormatError('bad-magic', 'magic', 'the file does not start with the .lxt signature');
  }
  const headerBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(TRAJECTORY_MAGIC.length, true);
  if (headerBytes > MAX_HEADER_BYTES) {
    throw new TrajectoryFormatError('header-too-large', 'header', `declares ${headerBytes} bytes, more than the ${MAX_HEADER_BYTES} allowed`);
  }
  const headerEnd = PREAMBLE_BYTES + headerBytes;
  if (headerEnd > bytes.length) {
    throw new TrajectoryFormatError('truncated', 'header', `declares ${headerBytes} bytes but only ${bytes.length - PREAMBLE_BYTES} follow`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE_BYTES, headerEnd));
  } catch {
    throw new TrajectoryFormatError('invalid-header-encoding', 'header', 'is not valid UTF-8');
  }
  if (jsonNestingDepth(text, MAX_HEADER_DEPTH) > MAX_HEADER_DEPTH) {
    throw new TrajectoryFormatError('nesting-too-deep', 'header', `nests deeper than ${MAX_HEADER_DEPTH} levels`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new TrajectoryFormatError('invalid-json', 'header', `is not JSON (${(error as Error).message})`);
  }
  // Only version 2 has a header checksum; other versions than 1 and 2 are refused by validateHeader.
  const checked = (header as { version?: unknown } | null)?.version === 2;
  const checksumEnd = headerEnd + (checked ? HEADER_CHECKSUM_BYTES : 0);
  if (checksumEnd > bytes.length) {
    throw new TrajectoryFormatError('truncated', 'header checksum', 'the file ends before the header\'s CRC-32');
  }
  if (checked) {
    const stored = new DataView(bytes.buffer, bytes.byteOffset + headerEnd, HEADER_CHECKSUM_BYTES).getUint32(0, true);
    const actual = crc32(bytes.subarray(PREAMBLE_BYTES, headerEnd));
    if (stored !== actual) {
      throw new TrajectoryFormatError('checksum-mismatch', 'header', `its CRC-32 is ${hex(actual)}, but the file says ${hex(stored)} (the header is damaged)`);
    }
  }
  const dataStart = Math.ceil(checksumEnd / DATA_ALIGNMENT) * DATA_ALIGNMENT;
  if (dataStart > bytes.length) {
    throw new TrajectoryFormatError('truncated', 'data', 'the file ends inside the header padding');
  }
  return { header, data: bytes.subarray(dataStart) };
}

const hex = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`;

/** Version 2: the entry's bytes must have the CRC-32 its table row states. */
function verifyChecksum(data: Uint8Array, entry: TensorTableEntry, index: number): void {
  if (entry.crc32 === undefined) return;
  const actual = crc32(data.subarray(entry.offset, entry.offset + entry.byteLength));
  if (actual !== entry.crc32) {
    throw new TrajectoryFormatError(
      'checksum-mismatch',
      `header.tensors[${index}]`,
      `step ${entry.step} ${entry.name}: its bytes have CRC-32 ${hex(actual)}, the table says ${hex(entry.crc32)} (the data is damaged)`,
    );
  }
}

function decodePicture(data: Uint8Array, entry: TensorTableEntry, index: number): RgbaImage {
  const [height, width] = entry.shape as [number, number, number];
  try {
    return decodePng(data.subarray(entry.offset, entry.offset + entry.byteLength), width, height);
  } catch (error) {
    if (!(error instanceof PngDecodeError)) throw error;
    throw new TrajectoryFormatError('invalid-image', `header.tensors[${index}]`, `step ${entry.step} decoded picture: ${error.message}`);
  }
}

function decodeTensor(data: Uint8Array, entry: TensorTableEntry): Tensor {
  const count = entry.byteLength / (entry.dtype === 'float16' ? 2 : 4);
  const values =
    entry.dtype === 'float16'
      ? decodeFloat16Array(readUint16LE(data, entry.offset, count))
      : readFloat32LE(data, entry.offset, count);
  return { data: values, shape: entry.shape };
}

function decodePreview(data: Uint8Array, entry: TensorTableEntry): RgbaImage {
  const [height, width] = entry.shape as [number, number, number];
  return { width, height, data: new Uint8ClampedArray(data.slice(entry.offset, entry.offset + entry.byteLength).buffer) };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/** Puts each step's tensors together, insisting every required one is there with one shape. */
function assembleStep(header: TrajectoryHeader, index: number, tensors: Map<string, Tensor>): StepRecord {
  const field = `step ${index}`;
  for (const name of REQUIRED) {
    if (!tensors.has(name)) throw new TrajectoryFormatError('invalid-header', `header.tensors`, `${field} has no ${name}`);
  }
  const get = (name: StepTensorName): Tensor => tensors.get(name) as Tensor;
  const shape = get('latentIn').shape;
  for (const [name, tensor] of tensors) {
    if (!sameShape(tensor.shape, shape)) {
      throw new TrajectoryFormatError('invalid-header', `header.tensors`, `${field} ${name} is [${tensor.shape.join(', ')}], latentIn is [${shape.join(', ')}]`);
    }
  }
  const scalars = header.steps[index]!;
  return {
    index,
    totalSteps: header.settings.steps,
    timestep: scalars.timestep,
    sigma: scalars.sigma,
    alphaCumprod: scalars.alphaCumprod,
    guidanceScale: scalars.guidanceScale,
    latentIn: get('latentIn'),
    noisePredUncond: tensors.get('noisePredUncond') ?? null,
    noisePredCond: get('noisePredCond'),
    noisePred: get('noisePred'),
    predictedOriginal: get('predictedOriginal'),
    latentOut: get('latentOut'),
  };
}

/** The factors to preview with, checked against the recorded latents' channel count. */
function previewFactors(header: TrajectoryHeader, steps: readonly StepRecord[]): LatentRgbFactors {
  const recorded = header.latentRgb;
  if (!recorded) return SD1_LATENT_RGB_FACTORS;
  const channels = steps[0]?.latentIn.shape[1];
  if (channels !== undefined && channels !== recorded.weights.length) {
    throw new TrajectoryFormatError(
      'invalid-header',
      'header.latentRgb.weights',
      `has ${recorded.weights.length} rows, but the recorded latents have ${channels} channels`,
    );
  }
  return {
    channels: recorded.weights.length,
    weights: Float32Array.from(recorded.weights.flat()),
    bias: Float32Array.from(recorded.bias),
  };
}

/**
 * Decodes a recording (`.lxt`) from its bytes, with no model. Any damage — truncation,
 * a wrong signature or version, a header that is not JSON or lies about sizes — throws a
 * `TrajectoryFormatError`; sizes are checked against the real byte length before any
 * allocation, so a hostile file costs at most about twice its own size in memory.
 */
export function readTrajectory(input: ArrayBuffer | ArrayBufferView): Trajectory {
  const { header: rawHeader, data } = splitRecording(asBytes(input));
  const header = validateHeader(rawHeader, data.length);
  const tensorsByStep = header.steps.map(() => new Map<string, Tensor>());
  const previews: (RgbaImage | null)[] = header.steps.map(() => null);
  const decoded: (RgbaImage | null)[] = header.steps.map(() => null);
  // Every checksum before any decoding: damage anywhere is named before work is spent.
  header.tensors.forEach((entry, index) => verifyChecksum(data, entry, index));
  header.tensors.forEach((entry, index) => {
    if (entry.name === 'preview') previews[entry.step] = decodePreview(data, entry);
    else if (entry.name === 'decoded') decoded[entry.step] = decodePicture(data, entry, index);
    else tensorsByStep[entry.step]!.set(entry.name, decodeTensor(data, entry));
  });
  const steps = tensorsByStep.map((tensors, index) => {
    const step = assembleStep(header, index, tensors);
    const picture = decoded[index];
    return picture ? { ...step, decodedImage: picture } : step;
  });
  return { header, steps, previews, decoded, latentRgb: previewFactors(header, steps) };
}

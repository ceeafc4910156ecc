import { InvalidOptionError } from '../../errors.js';
import type { StepRecord } from '../math/step-record.js';
import type { Tensor } from '../math/tensor.js';
import type { RgbaImage } from '../image/rgba-image.js';
import { littleEndianBytes } from './endian.js';
import { crc32 } from '../image/crc32.js';
import { encodePng, type ZlibCompressor } from '../image/png.js';
import { encodeFloat16Array } from '../math/float16.js';
import {
  DATA_ALIGNMENT,
  DECODED_NAME,
  HEADER_CHECKSUM_BYTES,
  PREAMBLE_BYTES,
  PREVIEW_NAME,
  STEP_TENSOR_NAMES,
  TRAJECTORY_FORMAT_NAME,
  TRAJECTORY_FORMAT_VERSION,
  TRAJECTORY_MAGIC,
  type RecordedLatentRgb,
  type StepScalars,
  type TensorTableEntry,
  type TrajectoryHeader,
  type TrajectorySettings,
} from './format.js';
import { parseSeed } from '../math/seed.js';
import type { LatentRgbFactors } from '../image/latent-preview.js';
import { recordedLatentRgb } from './latent-rgb-field.js';
import type { PromptWords } from '../tokenizers/types.js';

/** What a recording says about the run, besides its steps. */
export interface TrajectoryMetadata {
  readonly prompt: string;
  readonly negativePrompt?: string;
  /** 0…2⁶⁴−1, as a bigint, safe integer or decimal string. */
  readonly seed: bigint | number | string;
  readonly settings: TrajectorySettings;
  readonly modelId: string;
  /** Defaults to now. */
  readonly createdAt?: Date | string;
  /**
   * The model's latent→RGB factors (`model.latentRgb`), stored so a replay previews in the
   * colours the live run showed. Without them replays fall back to SD 1.x's factors.
   */
  readonly latentRgb?: LatentRgbFactors;
  /** The prompt's replaced or unknown words (`promptWordsOf(info.promptTokens)`), for replays to name. */
  readonly promptWords?: PromptWords | null;
}

/** How tensors and pictures are stored. */
export interface TrajectoryWriteOptions {
  /** float16 (default) halves the size at ~3 significant digits; float32 is exact. */
  readonly dtype?: 'float16' | 'float32';
  /**
   * Compresses decoded pictures' PNG data (a zlib stream, e.g. Node's `zlib.deflateSync`).
   * Without it pictures are stored as valid but uncompressed PNGs.
   */
  readonly compress?: ZlibCompressor;
  /**
   * Bits kept per colour channel of decoded pictures, 1…8 (default 8, lossless). Fewer bits
   * make smaller PNGs: the shipped recordings use 5, which took the default run's 20 pictures at
   * 128×128 from 521 kB to 224 kB (`npm run build:recordings` prints the recordings' sizes).
   */
  readonly pictureBits?: number;
}

/** Rounds each colour channel to `bits` bits (alpha untouched), spreading the levels over 0…255. */
function quantisePicture(image: RgbaImage, bits: number): RgbaImage {
  if (bits === 8) return image;
  const levels = (1 << bits) - 1;
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) {
    data[i] = (i & 3) === 3 ? image.data[i]! : Math.round((Math.round((image.data[i]! * levels) / 255) * 255) / levels);
  }
  return { ...image, data };
}

const alignUp = (value: number): number => Math.ceil(value / DATA_ALIGNMENT) * DATA_ALIGNMENT;

/**
 * Builds a recording step by step as a run produces them, so a CLI or widget can record
 * while it generates. Only the encoded bytes are kept, not the step records.
 */
export class TrajectoryRecorder {
  private readonly metadata: TrajectoryMetadata;
  private readonly seed: string;
  private readonly latentRgb: RecordedLatentRgb | undefined;
  private readonly dtype: 'float16' | 'float32';
  private readonly compress: ZlibCompressor | undefined;
  private readonly pictureBits: number;
  private readonly scalars: StepScalars[] = [];
  private readonly table: TensorTableEntry[] = [];
  private readonly chunks: Uint8Array[] = [];
  private dataBytes = 0;

  constructor(metadata: TrajectoryMetadata, options: TrajectoryWriteOptions = {}) {
    this.metadata = metadata;
    this.seed = parseSeed(metadata.seed).toString();
    this.latentRgb = metadata.latentRgb ? recordedLatentRgb(metadata.latentRgb) : undefined;
    const dtype = options.dtype ?? 'float16';
    if (dtype !== 'float16' && dtype !== 'float32') {
      throw new InvalidOptionError('dtype', `must be "float16" or "float32", not ${JSON.stringify(dtype)}`);
    }
    this.dtype = dtype;
    this.compress = options.compress;
    const bits = options.pictureBits ?? 8;
    if (!Number.isInteger(bits) || bits < 1 || bits > 8) throw new InvalidOptionError('pictureBits', `must be an integer in 1…8, not ${String(bits)}`);
    this.pictureBits = bits;
  }

  /** Number of steps added so far. */
  get stepCount(): number {
    return this.scalars.length;
  }

  /**
   * Appends the next step and, optionally, its latent preview image and its decoded picture
   * (the VAE decode of x̂₀; the step's own `decodedImage` when none is given).
   */
  addStep(step: StepRecord, preview?: RgbaImage, decoded: RgbaImage | undefined = step.decodedImage): void {
    const stepIndex = this.scalars.length;
    const scalars = { timestep: step.timestep, sigma: step.sigma, alphaCumprod: step.alphaCumprod, guidanceScale: step.guidanceScale };
    for (const [key, value] of Object.entries(scalars)) {
      if (!Number.isFinite(value)) throw new InvalidOptionError(`steps[${stepIndex}].${key}`, `${value} is not finite`);
    }
    const channels = step.latentIn.shape[1];
    if (stepIndex === 0 && this.latentRgb && channels !== this.latentRgb.weights.length) {
      throw new InvalidOptionError('latentRgb', `has ${this.latentRgb.weights.length} rows, but the latents have ${channels} channels`);
    }
    this.scalars.push(scalars);
    for (const name of STEP_TENSOR_NAMES) {
      const tensor = step[name];
      if (tensor === null && name === 'noisePredUncond') continue;
      this.addTensor(stepIndex, name, tensor as Tensor);
    }
    if (preview) this.addPreview(stepIndex, preview);
    if (decoded) this.addDecoded(stepIndex, decoded);
  }

  private addDecoded(step: number, image: RgbaImage): void {
    const { width, height } = this.metadata.settings;
    if (image.width !== width || image.height !== height) {
      throw new InvalidOptionError(`steps[${step}].decodedImage`, `is ${image.width}×${image.height}, but the run is ${width}×${height}`);
    }
    const bytes = encodePng(quantisePicture(image, this.pictureBits), this.compress);
    this.append({ step, name: DECODED_NAME, dtype: 'png', shape: [height, width, 4], offset: 0, byteLength: bytes.length }, bytes);
  }

  private addTensor(step: number, name: TensorTableEntry['name'], tensor: Tensor): void {
    let count = 1;
    for (const dim of tensor.shape) count *= dim;
    if (count !== tensor.data.length) {
      throw new InvalidOptionError(`steps[${step}].${name}`, `${tensor.data.length} values do not fill shape [${tensor.shape.join(', ')}]`);
    }
    const bytes = littleEndianBytes(this.dtype === 'float16' ? encodeFloat16Array(tensor.data) : tensor.data);
    this.append({ step, name, dtype: this.dtype, shape: [...tensor.shape], offset: 0, byteLength: bytes.length }, bytes);
  }

  private addPreview(step: number, image: RgbaImage): void {
    if (image.data.length !== image.width * image.height * 4) {
      throw new InvalidOptionError(`steps[${step}].preview`, `${image.data.length} bytes do not fill ${image.width}×${image.height} RGBA`);
    }
    const bytes = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length);
    this.append({ step, name: PREVIEW_NAME, dtype: 'uint8', shape: [image.height, image.width, 4], offset: 0, byteLength: bytes.length }, bytes.slice());
  }

  private append(entry: TensorTableEntry, bytes: Uint8Array): void {
    const offset = alignUp(this.dataBytes);
    if (offset > this.dataBytes) this.chunks.push(new Uint8Array(offset - this.dataBytes));
    this.chunks.push(bytes);
    this.table.push({ ...entry, offset, crc32: crc32(bytes) });
    this.dataBytes = offset + bytes.length;
  }

  /** The header as it will be written. */
  header(): TrajectoryHeader {
    const { metadata } = this;
    const createdAt = metadata.createdAt ?? new Date();
    return {
      format: TRAJECTORY_FORMAT_NAME,
      version: TRAJECTORY_FORMAT_VERSION,
      prompt: metadata.prompt,
      negativePrompt: metadata.negativePrompt ?? '',
      seed: this.seed,
      settings: metadata.settings,
      modelId: metadata.modelId,
      createdAt: typeof createdAt === 'string' ? createdAt : createdAt.toISOString(),
      steps: this.scalars,
      tensors: this.table,
      ...(this.latentRgb ? { latentRgb: this.latentRgb } : {}),
      ...(metadata.promptWords ? { promptWords: metadata.promptWords } : {}),
    };
  }

  /** The whole recording as bytes. */
  toBytes(): Uint8Array<ArrayBuffer> {
    const headerBytes = new TextEncoder().encode(JSON.stringify(this.header()));
    const headerEnd = PREAMBLE_BYTES + headerBytes.length;
    const dataStart = alignUp(headerEnd + HEADER_CHECKSUM_BYTES);
    const out = new Uint8Array(dataStart + this.dataBytes);
    const view = new DataView(out.buffer);
    out.set(TRAJECTORY_MAGIC, 0);
    view.setUint32(TRAJECTORY_MAGIC.length, headerBytes.length, true);
    out.set(headerBytes, PREAMBLE_BYTES);
    view.setUint32(headerEnd, crc32(headerBytes), true);
    let position = dataStart;
    for (const chunk of this.chunks) {
      out.set(chunk, position);
      position += chunk.length;
    }
    return out;
  }

  /** The whole recording as a Blob (browser download, `fetch` body). */
  toBlob(): Blob {
    return new Blob([this.toBytes()], { type: 'application/x-latent-explorables-trajectory' });
  }
}

/**
 * Encodes a finished run in one call. `previews[i]`, when given, is step i's preview image;
 * `decoded[i]` its decoded picture (by default each step's own `decodedImage`, if any).
 */
export function encodeTrajectory(
  metadata: TrajectoryMetadata,
  steps: Iterable<StepRecord>,
  options: TrajectoryWriteOptions & {
    readonly previews?: ReadonlyArray<RgbaImage | undefined>;
    readonly decoded?: ReadonlyArray<RgbaImage | undefined>;
  } = {},
): Uint8Array<ArrayBuffer> {
  const recorder = new TrajectoryRecorder(metadata, options);
  for (const step of steps) {
    const index = recorder.stepCount;
    recorder.addStep(step, options.previews?.[index], options.decoded ? options.decoded[index] : step.decodedImage);
  }
  return recorder.toBytes();
}

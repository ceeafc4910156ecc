/**
 * The recorded-run (`.lxt`) container. Layout of version 2, all integers little-endian:
 *
 *   bytes 0–7    magic  89 4C 58 54 0D 0A 1A 0A  ("\x89LXT\r\n\x1a\n", PNG-style so
 *                text-mode transfers and truncation to 7 bits are caught at once)
 *   bytes 8–11   uint32 header length H
 *   12 … 12+H    UTF-8 JSON header (`TrajectoryHeader`)
 *   then         uint32 CRC-32 of the H header bytes (version 2 only)
 *   then zero padding to a multiple of 8, then the data section: every chunk's bytes at
 *   the offset (relative to the data section) that the header's tensor table gives, each
 *   entry carrying the CRC-32 of its bytes (`crc32`, version 2 only).
 *
 * Version 1 is the same without the two kinds of checksum and without `decoded` pictures;
 * it still reads. Its optional `latentRgb` key (the recording model's latent→RGB factors)
 * carries over. The versions differ in two bits ("1" is 0x31, "2" is 0x32), so no single
 * flipped bit makes a version-2 file parse as version 1.
 */

import type { PromptWords } from '../tokenizers/types.js';

/** The eight bytes every recording starts with. */
export const TRAJECTORY_MAGIC = Uint8Array.of(0x89, 0x4c, 0x58, 0x54, 0x0d, 0x0a, 0x1a, 0x0a);
/** The format version this code writes. */
export const TRAJECTORY_FORMAT_VERSION = 2;
/** Every version this code reads. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];
/** Bytes of the header's CRC-32 after the header (version 2). */
export const HEADER_CHECKSUM_BYTES = 4;
/** The `format` key of every header, so a stray JSON file is not mistaken for a recording. */
export const TRAJECTORY_FORMAT_NAME = 'latent-explorables-trajectory';
/** Bytes before the header: magic plus the header length. */
export const PREAMBLE_BYTES = 12;
/** Data-section alignment: 8 so every tensor view can start on its element size. */
export const DATA_ALIGNMENT = 8;
/** Largest header accepted (a 1000-step run's table is ~300 KiB; this leaves room, not room to hurt). */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** Deepest JSON nesting accepted in a header (the real schema needs 5). */
export const MAX_HEADER_DEPTH = 16;
/** Most steps a recording may declare. */
export const MAX_STEPS = 10_000;
/** Most dimensions a tensor may declare. */
export const MAX_RANK = 8;

/** Element types stored in the data section. */
export type StoredDType = 'float16' | 'float32' | 'uint8' | 'png';

/** Bytes per element of each stored type. */
export const BYTES_PER_ELEMENT: Readonly<Record<StoredDType, number>> = {
  float16: 2,
  float32: 4,
  uint8: 1,
  // A PNG's length is its compressed size, not a product of its shape: checked apart.
  png: 1,
};

/** The per-step tensors of a `StepRecord`, in the order they are written. */
export const STEP_TENSOR_NAMES = [
  'latentIn',
  'noisePredUncond',
  'noisePredCond',
  'noisePred',
  'predictedOriginal',
  'latentOut',
] as const;

/** One of the per-step tensor names. */
export type StepTensorName = (typeof STEP_TENSOR_NAMES)[number];

/** Name of the optional per-step RGBA preview image (shape [height, width, 4], uint8). */
export const PREVIEW_NAME = 'preview';

/**
 * Name of the optional per-step decoded picture: the VAE decode of that step's x̂₀, stored as
 * an RGBA8 PNG (dtype `png`, shape [height, width, 4] of the run's image size). Version 2.
 */
export const DECODED_NAME = 'decoded';

/** One entry of the tensor table: where one array lives in the data section. */
export interface TensorTableEntry {
  /** Step the tensor belongs to. */
  readonly step: number;
  /** A `StepTensorName`, `"preview"` or `"decoded"`. */
  readonly name: StepTensorName | typeof PREVIEW_NAME | typeof DECODED_NAME;
  readonly dtype: StoredDType;
  readonly shape: readonly number[];
  /** Byte offset from the start of the data section. */
  readonly offset: number;
  readonly byteLength: number;
  /** CRC-32 (as PNG and zlib compute it) of the entry's bytes; present from version 2. */
  readonly crc32?: number;
}

/** The scalars of one step (its tensors live in the table). */
export interface StepScalars {
  readonly timestep: number;
  readonly sigma: number;
  readonly alphaCumprod: number;
  readonly guidanceScale: number;
}

/** The sampling settings a run used. */
export interface TrajectorySettings {
  readonly steps: number;
  readonly guidanceScale: number;
  /** Scheduler class and its full config, as diffusers spells them. */
  readonly scheduler: { readonly className: string; readonly config: Readonly<Record<string, unknown>> };
  readonly width: number;
  readonly height: number;
}

/** Most latent channels a recording's `latentRgb` may declare (SD has 4, SD3/Flux 16). */
export const MAX_LATENT_RGB_CHANNELS = 64;

/**
 * The recording model's latent→RGB preview factors, in the shape of a model's
 * `latent_rgb.json`: one [R, G, B] row per latent channel, and an RGB bias.
 */
export interface RecordedLatentRgb {
  readonly weights: readonly (readonly number[])[];
  readonly bias: readonly number[];
}

/** The JSON header of a recording. */
export interface TrajectoryHeader {
  readonly format: typeof TRAJECTORY_FORMAT_NAME;
  readonly version: number;
  readonly prompt: string;
  readonly negativePrompt: string;
  /** Decimal string: seeds go up to 2⁶⁴−1, beyond what a JSON number holds exactly. */
  readonly seed: string;
  readonly settings: TrajectorySettings;
  readonly modelId: string;
  /** ISO 8601 time the recording was made. */
  readonly createdAt: string;
  readonly steps: readonly StepScalars[];
  readonly tensors: readonly TensorTableEntry[];
  /**
   * The factors the run's live previews used, so a replay without the model previews in the
   * same colours. Absent in recordings made before it existed (replays fall back to SD 1.x's).
   */
  readonly latentRgb?: RecordedLatentRgb;
  /**
   * The prompt's words the model did not know as written (replaced through its word map, or
   * unknown), so a replay can say so beside the picture. Optional in both versions; absent
   * when every word was known or the recorder did not say.
   */
  readonly promptWords?: PromptWords;
}

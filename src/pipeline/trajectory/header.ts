/**
 * Schema check of a parsed recording header. Every size and offset is checked against the
 * real length of the data section here, before anything is allocated for it.
 */
import { TrajectoryFormatError } from './errors.js';
import {
  BYTES_PER_ELEMENT,
  DECODED_NAME,
  MAX_LATENT_RGB_CHANNELS,
  READABLE_FORMAT_VERSIONS,
  MAX_RANK,
  MAX_STEPS,
  PREVIEW_NAME,
  STEP_TENSOR_NAMES,
  TRAJECTORY_FORMAT_NAME,
  type RecordedLatentRgb,
  type StepScalars,
  type StoredDType,
  type TensorTableEntry,
  type TrajectoryHeader,
  type TrajectorySettings,
} from './format.js';
import { arrayAt, finiteAt, integerAt, objectAt, oneOfAt, stringAt } from './header-fields.js';
import { MAX_SEED } from '../math/seed.js';
import type { PromptWords } from '../tokenizers/types.js';

/** Largest image side a recording may declare. */
const MAX_SIDE = 16_384;
/** Largest single dimension of a stored tensor. */
const MAX_DIM = 2 ** 31 - 1;
/** Deflate's largest expansion (a 258-byte match in about two bits): zlib's 1032:1. */
const MAX_DEFLATE_RATIO = 1032;
const TENSOR_NAMES_V1 = [...STEP_TENSOR_NAMES, PREVIEW_NAME] as const;
const TENSOR_NAMES = [...TENSOR_NAMES_V1, DECODED_NAME] as const;
const DTYPES_V1: readonly StoredDType[] = ['float16', 'float32', 'uint8'];
const DTYPES: readonly StoredDType[] = [...DTYPES_V1, 'png'];
/** The dtypes each kind of entry may have. */
const DTYPES_OF = (name: TensorTableEntry['name']): readonly StoredDType[] =>
  name === PREVIEW_NAME ? ['uint8'] : name === DECODED_NAME ? ['png'] : ['float16', 'float32'];

function readSeed(value: unknown): string {
  const seed = stringAt(value, 'header.seed');
  if (!/^[0-9]{1,20}$/.test(seed) || BigInt(seed) > MAX_SEED) {
    throw new TrajectoryFormatError('out-of-range', 'header.seed', `${JSON.stringify(seed.slice(0, 40))} is not an integer in 0…2^64−1`);
  }
  return seed;
}

function readSettings(value: unknown): TrajectorySettings {
  const settings = objectAt(value, 'header.settings');
  const scheduler = objectAt(settings.scheduler, 'header.settings.scheduler');
  const guidanceScale = finiteAt(settings.guidanceScale, 'header.settings.guidanceScale');
  if (guidanceScale < 0) throw new TrajectoryFormatError('out-of-range', 'header.settings.guidanceScale', `${guidanceScale} is negative`);
  return {
    steps: integerAt(settings.steps, 'header.settings.steps', 1, MAX_STEPS),
    guidanceScale,
    scheduler: {
      className: stringAt(scheduler.className, 'header.settings.scheduler.className'),
      config: objectAt(scheduler.config, 'header.settings.scheduler.config'),
    },
    width: integerAt(settings.width, 'header.settings.width', 1, MAX_SIDE),
    height: integerAt(settings.height, 'header.settings.height', 1, MAX_SIDE),
  };
}

function readStepScalars(value: unknown, field: string): StepScalars {
  const step = objectAt(value, field);
  return {
    timestep: finiteAt(step.timestep, `${field}.timestep`),
    sigma: finiteAt(step.sigma, `${field}.sigma`),
    alphaCumprod: finiteAt(step.alphaCumprod, `${field}.alphaCumprod`),
    guidanceScale: finiteAt(step.guidanceScale, `${field}.guidanceScale`),
  };
}

/** A number that stays finite as float32 (1e308 is a finite double but float32 infinity). */
function float32At(value: unknown, field: string): number {
  const number = finiteAt(value, field);
  if (!Number.isFinite(Math.fround(number))) throw new TrajectoryFormatError('out-of-range', field, `${number} overflows float32`);
  return number;
}

/** An array of exactly `length` numbers that fit float32. */
function readFloat32Row(value: unknown, field: string, length: number): number[] {
  const row = arrayAt(value, field, length);
  if (row.length !== length) throw new TrajectoryFormatError('invalid-header', field, `must hold ${length} numbers, not ${row.length}`);
  return row.map((item, i) => float32At(item, `${field}[${i}]`));
}

/** The optional latent→RGB factors: absent stays absent (older files); anything else must be well formed. */
function readLatentRgb(value: unknown): RecordedLatentRgb | undefined {
  if (value === undefined) return undefined;
  const factors = objectAt(value, 'header.latentRgb');
  const rows = arrayAt(factors.weights, 'header.latentRgb.weights', MAX_LATENT_RGB_CHANNELS);
  if (rows.length === 0) throw new TrajectoryFormatError('invalid-header', 'header.latentRgb.weights', 'must have one row per latent channel, not none');
  return {
    weights: rows.map((row, k) => readFloat32Row(row, `header.latentRgb.weights[${k}]`, 3)),
    bias: readFloat32Row(factors.bias, 'header.latentRgb.bias', 3),
  };
}

/** Most words a recording may list in `promptWords` (a prompt is at most 4096 characters). */
const MAX_PROMPT_WORDS = 4096;

/** The optional `promptWords`: absent stays absent; anything else must be well formed. */
function readPromptWords(value: unknown): PromptWords | undefined {
  if (value === undefined) return undefined;
  const words = objectAt(value, 'header.promptWords');
  const mapped = arrayAt(words.mapped, 'header.promptWords.mapped', MAX_PROMPT_WORDS).map((item, i) => {
    const field = `header.promptWords.mapped[${i}]`;
    const entry = objectAt(item, field);
    return { word: stringAt(entry.word, `${field}.word`), replacement: stringAt(entry.replacement, `${field}.replacement`), similarity: finiteAt(entry.similarity, `${field}.similarity`) };
  });
  const unknown = arrayAt(words.unknown, 'header.promptWords.unknown', MAX_PROMPT_WORDS).map((item, i) => stringAt(item, `header.promptWords.unknown[${i}]`));
  return { mapped, unknown };
}

/** The element count of a declared shape, refusing overflow before it can happen. */
function readShape(value: unknown, field: string, maxElements: number): { shape: number[]; elements: number } {
  const dims = arrayAt(value, field, MAX_RANK);
  const shape: number[] = [];
  let elements = 1;
  dims.forEach((dim, axis) => {
    const size = integerAt(dim, `${field}[${axis}]`, 0, MAX_DIM);
    elements *= size;
    if (elements > maxElements) {
      throw new TrajectoryFormatError('out-of-range', field, `[${dims.join(', ')}] holds more elements than the file has bytes`);
    }
    shape.push(size);
  });
  return { shape, elements };
}

/** What a table entry is checked against besides the data size. */
interface TableContext {
  readonly version: number;
  readonly stepCount: number;
  readonly dataBytes: number;
  readonly settings: TrajectorySettings;
}

function readTensorEntry(value: unknown, field: string, context: TableContext): TensorTableEntry {
  const { version, stepCount, dataBytes, settings } = context;
  const entry = objectAt(value, field);
  const step = integerAt(entry.step, `${field}.step`, 0, Math.max(0, stepCount - 1));
  const name = oneOfAt(entry.name, `${field}.name`, version >= 2 ? TENSOR_NAMES : TENSOR_NAMES_V1);
  const dtype = oneOfAt(entry.dtype, `${field}.dtype`, version >= 2 ? DTYPES : DTYPES_V1);
  if (!DTYPES_OF(name).includes(dtype)) {
    throw new TrajectoryFormatError('invalid-header', `${field}.dtype`, `${dtype} is not allowed for ${name}`);
  }
  const width = BYTES_PER_ELEMENT[dtype];
  const offset = integerAt(entry.offset, `${field}.offset`, 0, dataBytes);
  const byteLength = integerAt(entry.byteLength, `${field}.byteLength`, 0, dataBytes - offset);
  if (offset % width !== 0) {
    throw new TrajectoryFormatError('invalid-header', `${field}.offset`, `${offset} is not a multiple of ${width}`);
  }
  // A PNG's shape is its pixel count (its bytes are compressed), bounded like the run's size.
  const maxElements = dtype === 'png' ? MAX_SIDE * MAX_SIDE * 4 : Math.floor(dataBytes / width);
  const { shape, elements } = readShape(entry.shape, `${field}.shape`, maxElements);
  if (dtype === 'png' && elements > byteLength * MAX_DEFLATE_RATIO + 1024) {
    // Refused before inflating: no small hostile picture may claim a huge one.
    throw new TrajectoryFormatError('out-of-range', `${field}.shape`, `[${shape.join(', ')}] is more than ${byteLength} compressed bytes can hold`);
  }
  if (dtype !== 'png' && elements * width !== byteLength) {
    throw new TrajectoryFormatError('invalid-header', `${field}.byteLength`, `${byteLength} bytes do not match shape [${shape.join(', ')}] of ${dtype}`);
  }
  if (name === PREVIEW_NAME && (shape.length !== 3 || shape[2] !== 4)) {
    throw new TrajectoryFormatError('invalid-header', `${field}.shape`, 'a preview must be [height, width, 4]');
  }
  if (name === DECODED_NAME && !sameShape(shape, [settings.height, settings.width, 4])) {
    throw new TrajectoryFormatError('invalid-header', `${field}.shape`, `a decoded picture must be [${settings.height}, ${settings.width}, 4] (the run's size), not [${shape.join(', ')}]`);
  }
  if (name !== PREVIEW_NAME && name !== DECODED_NAME) checkLatentShape(shape, `${field}.shape`, settings);
  const checksum = readChecksum(entry.crc32, `${field}.crc32`, version);
  return { step, name, dtype, shape, offset, byteLength, ...(checksum === undefined ? {} : { crc32: checksum }) };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/**
 * A latent must be [1, channels, h, w] with the run's width and height an equal whole multiple
 * of w and h (the VAE factor), so `[]`, `[1024]` or a shape from another run is refused here,
 * naming the entry, and never reaches a player.
 */
function checkLatentShape(shape: readonly number[], field: string, settings: TrajectorySettings): void {
  const [batch, channels, height, width] = shape;
  const fits =
    shape.length === 4 &&
    batch === 1 &&
    channels! >= 1 &&
    channels! <= MAX_LATENT_RGB_CHANNELS &&
    height! >= 1 &&
    width! >= 1 &&
    settings.height % height! === 0 &&
    settings.width % width! === 0 &&
    settings.height / height! === settings.width / width!;
  if (!fits) {
    throw new TrajectoryFormatError(
      'invalid-header',
      field,
      `a latent must be [1, channels ≤ ${MAX_LATENT_RGB_CHANNELS}, h, w] with the run's ${settings.width}×${settings.height} a whole multiple of w×h, not [${shape.join(', ')}]`,
    );
  }
}

/** Version 2 requires a CRC-32 on every entry; version 1 has none (and may not claim one). */
function readChecksum(value: unknown, field: string, version: number): number | undefined {
  if (version < 2) {
    if (value !== undefined) throw new TrajectoryFormatError('invalid-header', field, `is a version-2 key, but the header says version ${version}`);
    return undefined;
  }
  return integerAt(value, field, 0, 0xffffffff);
}

/** Reads the tensor table; tensors may not claim more bytes in total than exist. */
function readTensorTable(value: unknown, context: TableContext): TensorTableEntry[] {
  const { stepCount, dataBytes } = context;
  const rows = arrayAt(value, 'header.tensors', stepCount * TENSOR_NAMES.length);
  const seen = new Set<string>();
  let claimed = 0;
  let latentShape: { shape: readonly number[]; field: string } | undefined;
  return rows.map((row, i) => {
    const entry = readTensorEntry(row, `header.tensors[${i}]`, context);
    if (entry.name !== PREVIEW_NAME && entry.name !== DECODED_NAME) {
      // Every latent of every step has one shape: the first one's.
      latentShape ??= { shape: entry.shape, field: `header.tensors[${i}]` };
      if (!sameShape(entry.shape, latentShape.shape)) {
        throw new TrajectoryFormatError(
          'invalid-header',
          `header.tensors[${i}].shape`,
          `step ${entry.step} ${entry.name} is [${entry.shape.join(', ')}], but ${latentShape.field} is [${latentShape.shape.join(', ')}]`,
        );
      }
    }
    const key = `${entry.step}/${entry.name}`;
    if (seen.has(key)) throw new TrajectoryFormatError('invalid-header', `header.tensors[${i}]`, `duplicate ${entry.name} for step ${entry.step}`);
    seen.add(key);
    // Bounds the decoded size by the file size: overlapping entries cannot multiply it.
    claimed += entry.byteLength;
    if (claimed > dataBytes) {
      throw new TrajectoryFormatError('out-of-range', `header.tensors[${i}]`, `tensors claim more than the ${dataBytes} data bytes`);
    }
    return entry;
  });
}

/**
 * Checks a parsed header against the schema of its format version (1 or 2, optional keys included) and
 * the size of the data section that follows it. Throws `TrajectoryFormatError` naming the
 * first bad key.
 */
export function validateHeader(value: unknown, dataBytes: number): TrajectoryHeader {
  const header = objectAt(value, 'header');
  if (header.format !== TRAJECTORY_FORMAT_NAME) {
    throw new TrajectoryFormatError('invalid-header', 'header.format', `is not "${TRAJECTORY_FORMAT_NAME}"`);
  }
  if (typeof header.version !== 'number' || !READABLE_FORMAT_VERSIONS.includes(header.version)) {
    throw new TrajectoryFormatError(
      'unsupported-version',
      'header.version',
      `version ${JSON.stringify(header.version)} is not supported (this reader knows versions ${READABLE_FORMAT_VERSIONS.join(' and ')})`,
    );
  }
  const version = header.version;
  const settings = readSettings(header.settings);
  const rawSteps = arrayAt(header.steps, 'header.steps', settings.steps);
  const steps = rawSteps.map((step, i) => readStepScalars(step, `header.steps[${i}]`));
  const latentRgb = readLatentRgb(header.latentRgb);
  const promptWords = readPromptWords(header.promptWords);
  return {
    format: TRAJECTORY_FORMAT_NAME,
    version,
    prompt: stringAt(header.prompt, 'header.prompt'),
    negativePrompt: stringAt(header.negativePrompt, 'header.negativePrompt'),
    seed: readSeed(header.seed),
    settings,
    modelId: stringAt(header.modelId, 'header.modelId'),
    createdAt: stringAt(header.createdAt, 'header.createdAt'),
    steps,
    tensors: readTensorTable(header.tensors, { version, stepCount: steps.length, dataBytes, settings }),
    ...(latentRgb ? { latentRgb } : {}),
    ...(promptWords ? { promptWords } : {}),
  };
}

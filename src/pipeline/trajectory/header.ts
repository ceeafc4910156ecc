/**
 * Schema check of a parsed recording header. Every size and offset is checked against the
 * real length of the data section here, before anything is allocated for it.
 */
import { TrajectoryFormatError } from './errors.js';
import {
  BYTES_PER_ELEMENT,
  MAX_LATENT_RGB_CHANNELS,
  MAX_RANK,
  MAX_STEPS,
  PREVIEW_NAME,
  STEP_TENSOR_NAMES,
  TRAJECTORY_FORMAT_NAME,
  TRAJECTORY_FORMAT_VERSION,
  type RecordedLatentRgb,
  type StepScalars,
  type StoredDType,
  type TensorTableEntry,
  type TrajectoryHeader,
  type TrajectorySettings,
} from './format.js';
import { arrayAt, finiteAt, integerAt, objectAt, oneOfAt, stringAt } from './header-fields.js';
import { MAX_SEED } from '../math/seed.js';

/** Largest image side a recording may declare. */
const MAX_SIDE = 16_384;
/** Largest single dimension of a stored tensor. */
const MAX_DIM = 2 ** 31 - 1;
const TENSOR_NAMES = [...STEP_TENSOR_NAMES, PREVIEW_NAME] as const;
const DTYPES: readonly StoredDType[] = ['float16', 'float32', 'uint8'];

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

function readTensorEntry(value: unknown, field: string, stepCount: number, dataBytes: number): TensorTableEntry {
  const entry = objectAt(value, field);
  const step = integerAt(entry.step, `${field}.step`, 0, Math.max(0, stepCount - 1));
  const name = oneOfAt(entry.name, `${field}.name`, TENSOR_NAMES);
  const dtype = oneOfAt(entry.dtype, `${field}.dtype`, DTYPES);
  if ((name === PREVIEW_NAME) !== (dtype === 'uint8')) {
    throw new TrajectoryFormatError('invalid-header', `${field}.dtype`, `${dtype} is not allowed for ${name}`);
  }
  const width = BYTES_PER_ELEMENT[dtype];
  const offset = integerAt(entry.offset, `${field}.offset`, 0, dataBytes);
  const byteLength = integerAt(entry.byteLength, `${field}.byteLength`, 0, dataBytes - offset);
  if (offset % width !== 0) {
    throw new TrajectoryFormatError('invalid-header', `${field}.offset`, `${offset} is not a multiple of ${width}`);
  }
  const { shape, elements } = readShape(entry.shape, `${field}.shape`, Math.floor(dataBytes / width));
  if (elements * width !== byteLength) {
    throw new TrajectoryFormatError('invalid-header', `${field}.byteLength`, `${byteLength} bytes do not match shape [${shape.join(', ')}] of ${dtype}`);
  }
  if (name === PREVIEW_NAME && (shape.length !== 3 || shape[2] !== 4)) {
    throw new TrajectoryFormatError('invalid-header', `${field}.shape`, 'a preview must be [height, width, 4]');
  }
  return { step, name, dtype, shape, offset, byteLength };
}

/** Reads the tensor table; tensors may not claim more bytes in total than exist. */
function readTensorTable(value: unknown, stepCount: number, dataBytes: number): TensorTableEntry[] {
  const rows = arrayAt(value, 'header.tensors', stepCount * TENSOR_NAMES.length);
  const seen = new Set<string>();
  let claimed = 0;
  return rows.map((row, i) => {
    const entry = readTensorEntry(row, `header.tensors[${i}]`, stepCount, dataBytes);
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
 * Checks a parsed header against the schema of format version 1 (optional keys included) and
 * the size of the data section that follows it. Throws `TrajectoryFormatError` naming the
 * first bad key.
 */
export function validateHeader(value: unknown, dataBytes: number): TrajectoryHeader {
  const header = objectAt(value, 'header');
  if (header.format !== TRAJECTORY_FORMAT_NAME) {
    throw new TrajectoryFormatError('invalid-header', 'header.format', `is not "${TRAJECTORY_FORMAT_NAME}"`);
  }
  if (header.version !== TRAJECTORY_FORMAT_VERSION) {
    throw new TrajectoryFormatError(
      'unsupported-version',
      'header.version',
      `version ${JSON.stringify(header.version)} is not supported (this reader knows version ${TRAJECTORY_FORMAT_VERSION})`,
    );
  }
  const settings = readSettings(header.settings);
  const rawSteps = arrayAt(header.steps, 'header.steps', settings.steps);
  const steps = rawSteps.map((step, i) => readStepScalars(step, `header.steps[${i}]`));
  const latentRgb = readLatentRgb(header.latentRgb);
  return {
    format: TRAJECTORY_FORMAT_NAME,
    version: TRAJECTORY_FORMAT_VERSION,
    prompt: stringAt(header.prompt, 'header.prompt'),
    negativePrompt: stringAt(header.negativePrompt, 'header.negativePrompt'),
    seed: readSeed(header.seed),
    settings,
    modelId: stringAt(header.modelId, 'header.modelId'),
    createdAt: stringAt(header.createdAt, 'header.createdAt'),
    steps,
    tensors: readTensorTable(header.tensors, steps.length, dataBytes),
    ...(latentRgb ? { latentRgb } : {}),
  };
}

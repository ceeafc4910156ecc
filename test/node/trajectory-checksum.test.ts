/**
 * Format version 2: a CRC-32 on the header and on every stored chunk, strict latent shapes,
 * decoded pictures as PNG — and version-1 files (committed fixtures) still read.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { readTrajectory, type Trajectory } from '../../src/pipeline/trajectory/reader.js';
import { TrajectoryFormatError, type TrajectoryFormatProblem } from '../../src/pipeline/trajectory/errors.js';
import { encodeTrajectory } from '../../src/pipeline/trajectory/writer.js';
import type { RgbaImage } from '../../src/pipeline/image/rgba-image.js';
import { seededRandom, syntheticMetadata, syntheticSteps } from './trajectory-steps.js';
import { recordingWithHeader, splitRecordingBytes } from './trajectory-bytes.js';

/** A 64×64 picture with smooth gradients and some noise, like a decoded image. */
function picture(seed: number): RgbaImage {
  const random = seededRandom(seed);
  const data = new Uint8ClampedArray(64 * 64 * 4);
  for (let i = 0; i < 64 * 64; i += 1) {
    data.set([(i % 64) * 4 + random() * 8, (i >> 6) * 4, seed * 40, 255], i * 4);
  }
  return { width: 64, height: 64, data };
}

const latentRgb = { weights: Float32Array.from({ length: 12 }, (_, i) => i / 10 - 0.5), bias: Float32Array.of(0.1, 0, -0.1) };
const steps = syntheticSteps(3, [1, 4, 8, 8]);
const full = encodeTrajectory(syntheticMetadata(3, { latentRgb }), steps, {
  previews: [{ width: 8, height: 8, data: new Uint8ClampedArray(256).fill(90) }],
  decoded: [picture(1), picture(2), picture(3)],
  compress: (bytes) => deflateSync(bytes),
});

function assertProblem(bytes: Uint8Array, problem: TrajectoryFormatProblem, field: string, words?: RegExp): void {
  assert.throws(
    () => readTrajectory(bytes),
    (error: unknown) => {
      assert.ok(error instanceof TrajectoryFormatError, `expected TrajectoryFormatError, got ${String(error)}`);
      assert.equal(error.problem, problem, error.message);
      assert.equal(error.field, field, error.message);
      if (words) assert.match(error.message, words);
      return true;
    },
  );
}

/** Everything a reader gets from a recording, as bytes, so two loads compare exactly. */
function contents(run: Trajectory): Buffer {
  const parts: Uint8Array[] = [new TextEncoder().encode(JSON.stringify(run.header))];
  for (const step of run.steps) {
    for (const tensor of [step.latentIn, step.noisePredUncond, step.noisePredCond, step.noisePred, step.predictedOriginal, step.latentOut]) {
      if (tensor) parts.push(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    }
    if (step.decodedImage) parts.push(new Uint8Array(step.decodedImage.data.buffer));
  }
  for (const image of [...run.previews, ...run.decoded]) if (image) parts.push(new Uint8Array(image.data.buffer));
  return Buffer.concat(parts);
}

/** Flips one random bit per trial; counts loads identical to the original, loads that differ, typed refusals. */
function flipBits(bytes: Uint8Array, trials: number, seed: number) {
  const original = contents(readTrajectory(bytes));
  const random = seededRandom(seed);
  const outcomes = { identical: 0, different: 0, refused: 0, problems: new Set<string>() };
  for (let trial = 0; trial < trials; trial += 1) {
    const mutated = Uint8Array.from(bytes); // a copy (a Node Buffer's slice() would share memory)
    const bit = Math.floor(random() * mutated.length * 8);
    mutated[bit >> 3]! ^= 1 << (bit & 7);
    try {
      const run = readTrajectory(mutated);
      if (contents(run).equals(original)) outcomes.identical += 1;
      else outcomes.different += 1;
    } catch (error) {
      if (!(error instanceof TrajectoryFormatError)) assert.fail(`bit ${bit} threw ${(error as Error)?.stack ?? String(error)}`);
      assert.ok(error.field, 'names a field');
      outcomes.refused += 1;
      outcomes.problems.add(error.problem);
    }
  }
  return outcomes;
}

describe('recording format version 2', () => {
  it('round-trips decoded pictures exactly, compressed as PNG, with a checksum on every chunk', () => {
    const run = readTrajectory(full);
    assert.equal(run.header.version, 2);
    assert.ok(run.header.tensors.every((entry) => Number.isInteger(entry.crc32)));
    const pictures = run.header.tensors.filter((entry) => entry.name === 'decoded');
    assert.deepEqual(pictures.map((entry) => [entry.step, entry.dtype, entry.shape]), [0, 1, 2].map((step) => [step, 'png', [64, 64, 4]]));
    assert.ok(pictures.every((entry) => entry.byteLength < 64 * 64 * 4 / 2), 'compressed');
    run.steps.forEach((step, i) => {
      assert.deepEqual(step.decodedImage!.data, picture(i + 1).data);
      assert.equal(run.decoded[i], step.decodedImage);
    });
    // Without a compressor (the browser's default) the PNGs are stored, still valid.
    const stored = readTrajectory(encodeTrajectory(syntheticMetadata(1), syntheticSteps(1, [1, 4, 8, 8]), { decoded: [picture(4)] }));
    assert.deepEqual(stored.steps[0]!.decodedImage!.data, picture(4).data);
  });

  it('pictureBits keeps that many bits per colour channel: smaller pictures, each channel within half a level', () => {
    const original = picture(5);
    const encode = (pictureBits?: number) =>
      encodeTrajectory(syntheticMetadata(1), syntheticSteps(1, [1, 4, 8, 8]), { decoded: [original], compress: (bytes) => deflateSync(bytes), ...(pictureBits ? { pictureBits } : {}) });
    const lossless = readTrajectory(encode());
    const five = readTrajectory(encode(5));
    const size = (run: Trajectory) => run.header.tensors.find((entry) => entry.name === 'decoded')!.byteLength;
    assert.deepEqual(lossless.steps[0]!.decodedImage!.data, original.data);
    assert.ok(size(five) < size(lossless), `${size(five)} < ${size(lossless)}`);
    const got = five.steps[0]!.decodedImage!.data;
    const levels = new Set<number>();
    for (let i = 0; i < got.length; i += 1) {
      if ((i & 3) === 3) assert.equal(got[i], 255);
      else {
        assert.ok(Math.abs(got[i]! - original.data[i]!) <= 255 / 31 / 2 + 0.5, `channel ${i}`);
        levels.add(got[i]!);
      }
    }
    assert.ok(levels.size <= 32);
    assert.throws(() => encode(9), /pictureBits/);
  });

  it('3000 random single-bit flips: each loads identical data or throws the typed error (no silent corruption)', () => {
    const outcomes = flipBits(full, 3000, 16_9);
    assert.equal(outcomes.different, 0, JSON.stringify({ ...outcomes, problems: [...outcomes.problems] }));
    // Flips in padding change nothing; almost all others are refused, most by a checksum.
    assert.ok(outcomes.refused > 2900, JSON.stringify(outcomes.refused));
    assert.ok(outcomes.problems.has('checksum-mismatch'));
  });

  it('version 1 had no such protection: the same flips load changed data silently (why version 2 exists)', async () => {
    const v1 = await readFile('test/fixtures/trajectory/v1-with-latent-rgb-and-preview.lxt');
    const outcomes = flipBits(v1, 500, 16_9);
    assert.ok(outcomes.different > 100, JSON.stringify({ ...outcomes, problems: [...outcomes.problems] }));
  });

  it('names the damaged chunk: which step, which tensor, both checksums', () => {
    const { header, data } = splitRecordingBytes(full);
    const index = header.tensors.findIndex((entry: { step: number; name: string }) => entry.step === 1 && entry.name === 'noisePred');
    const damaged = data.slice();
    damaged[header.tensors[index].offset + 3]! ^= 0x10;
    assertProblem(recordingWithHeader(JSON.stringify(header), damaged), 'checksum-mismatch', `header.tensors[${index}]`, /step 1 noisePred: its bytes have CRC-32 0x[0-9a-f]{8}, the table says 0x[0-9a-f]{8}/);
    const headerFlip = full.slice();
    headerFlip[40]! ^= 0x01;
    assertProblem(headerFlip, 'checksum-mismatch', 'header', /CRC-32/);
  });

  it('requires a checksum on every version-2 entry, and refuses one claimed by a version-1 header', () => {
    const { header, data } = splitRecordingBytes(full);
    delete header.tensors[2].crc32;
    assertProblem(recordingWithHeader(JSON.stringify(header), data), 'invalid-header', 'header.tensors[2].crc32');
  });

  it('refuses latents of shape [], [1024] or any shape that does not fit the run, at parse time, naming the entry', () => {
    const { header, data } = splitRecordingBytes(encodeTrajectory(syntheticMetadata(2), syntheticSteps(2, [1, 4, 32, 32]), { dtype: 'float32' }));
    const reshaped = (index: number, shape: number[]): Uint8Array => {
      const edited = structuredClone(header);
      edited.tensors[index].shape = shape;
      return recordingWithHeader(JSON.stringify(edited), data);
    };
    const bytes = 4 * 32 * 32 * 4; // every entry is 4096 float32s
    assert.equal(header.tensors[3].byteLength, bytes);
    for (const shape of [[4096], [1024, 4], [4, 32, 32], [2, 2, 32, 32], [1, 4, 16, 64], [1, 4, 64, 16], [1, 256, 4, 4]]) {
      assertProblem(reshaped(3, shape), 'invalid-header', 'header.tensors[3].shape', new RegExp(`a latent must be \\[1, channels.*not \\[${shape.join(', ')}\\]`));
    }
    // [] holds one element and [1024] 1024: the byte length already disagrees, still named at parse time.
    assertProblem(reshaped(3, []), 'invalid-header', 'header.tensors[3].byteLength');
    assertProblem(reshaped(3, [1024]), 'invalid-header', 'header.tensors[3].byteLength');
    // A shape that fits the run but differs from the other latents (here: 16 channels of 8×8).
    assertProblem(reshaped(7, [1, 16, 16, 16]), 'invalid-header', 'header.tensors[7].shape', /step 1 noisePredUncond is \[1, 16, 16, 16\], but header.tensors\[0\] is \[1, 4, 32, 32\]/);
  });

  it('refuses a decoded picture of another size than the run, or one claiming more pixels than its bytes can hold', () => {
    const { header, data } = splitRecordingBytes(full);
    const index = header.tensors.findIndex((entry: { name: string }) => entry.name === 'decoded');
    const edited = structuredClone(header);
    edited.tensors[index].shape = [32, 128, 4];
    assertProblem(recordingWithHeader(JSON.stringify(edited), data), 'invalid-header', `header.tensors[${index}].shape`, /\[64, 64, 4\]/);
    const huge = structuredClone(header);
    huge.settings.width = huge.settings.height = 16_384;
    huge.tensors = huge.tensors.filter((entry: { name: string }) => entry.name === 'decoded');
    huge.tensors[0].shape = [16_384, 16_384, 4];
    assertProblem(recordingWithHeader(JSON.stringify(huge), data), 'out-of-range', 'header.tensors[0].shape', /compressed bytes/);
  });

  it('refuses a picture whose checksum is right but whose PNG is not, as invalid-image', () => {
    const { header, data } = splitRecordingBytes(full);
    const index = header.tensors.findIndex((entry: { name: string }) => entry.name === 'decoded');
    const edited = structuredClone(header);
    const damaged = data.slice();
    const { offset, byteLength } = edited.tensors[index];
    damaged[offset + byteLength - 20]! ^= 0xff; // inside IDAT's deflate stream
    edited.tensors[index].crc32 = crc32Of(damaged.subarray(offset, offset + byteLength));
    assertProblem(recordingWithHeader(JSON.stringify(edited), damaged), 'invalid-image', `header.tensors[${index}]`, /step 0 decoded picture/);
  });

  it('still reads version-1 files: the committed fixtures, latents, previews and colours intact', async () => {
    const run = readTrajectory(await readFile('test/fixtures/trajectory/v1-with-latent-rgb-and-preview.lxt'));
    assert.equal(run.header.version, 1);
    assert.equal(run.steps.length, 3);
    assert.ok(run.header.tensors.every((entry) => entry.crc32 === undefined));
    assert.deepEqual(Array.from(run.previews[0]!.data), [1, 2, 3, 255, 4, 5, 6, 255]);
    assert.deepEqual(run.decoded, [null, null, null]);
    assert.equal(run.header.latentRgb!.weights.length, 4);
    assert.deepEqual(run.steps[2]!.latentOut.shape, [1, 4, 2, 2]);
    assert.ok(run.steps[0]!.noisePredUncond);
    assert.equal(readTrajectory(await readFile('test/fixtures/trajectory/v1-without-latent-rgb.lxt')).header.version, 1);
  });
});

function crc32Of(bytes: Uint8Array): number {
  // Independent of the library's implementation.
  return (globalThis as any).process.getBuiltinModule('node:zlib').crc32(bytes) >>> 0;
}

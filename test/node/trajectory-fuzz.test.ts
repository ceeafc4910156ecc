/**
 * Seeded fuzzing of the recording parser: thousands of random byte flips, truncations,
 * splices and header-value swaps of valid files. Each must either decode or throw a
 * TrajectoryFormatError — never another error, a hang or a huge allocation.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import { TrajectoryFormatError } from '../../src/pipeline/trajectory/errors.js';
import { encodeTrajectory } from '../../src/pipeline/trajectory/writer.js';
import { seededRandom, syntheticMetadata, syntheticSteps } from './trajectory-steps.js';
import { recordingWithHeader, splitRecordingBytes } from './trajectory-bytes.js';

type Random = () => number;
type Json = Record<string, unknown>;

const seeds = [
  encodeTrajectory(syntheticMetadata(3), syntheticSteps(3, [1, 4, 4, 4])),
  encodeTrajectory(syntheticMetadata(2), syntheticSteps(2, [1, 4, 2, 2], 1), { dtype: 'float32' }),
  encodeTrajectory(syntheticMetadata(1), syntheticSteps(1, [1, 4, 2, 2]), {
    previews: [{ width: 3, height: 1, data: new Uint8ClampedArray(12).fill(200) }],
  }),
  // With the optional latent→RGB factors, so their rows and numbers get swapped and deleted too.
  encodeTrajectory(
    syntheticMetadata(2, { latentRgb: { weights: Float32Array.from({ length: 12 }, (_, i) => i / 10 - 0.5), bias: Float32Array.of(0.1, 0, -0.1) } }),
    syntheticSteps(2, [1, 4, 2, 2]),
  ),
];

const HOSTILE_VALUES: unknown[] = [
  -1, 0, 1, 2 ** 31, 2 ** 32 + 8, 2 ** 53, 1e308, -1e308, 0.5, 'NaN', 'Infinity', '', null, true, [], {},
  [2 ** 31 - 1, 2 ** 31 - 1], Array(50).fill(0), 'float64', 'preview', '99999999999999999999999',
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, below: number): number => Math.floor(random() * below);

const splitFile = (bytes: Uint8Array): { header: Json; data: Uint8Array } => splitRecordingBytes(bytes);
/** Header edits are re-checksummed, so they reach the schema checks instead of stopping at the CRC. */
const joinFile = recordingWithHeader;

/** Every (container, key) pair of a JSON value, so any nested field can be swapped. */
function slots(value: unknown, out: [Json | unknown[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((item, i) => (out.push([value, i]), slots(item, out)));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) out.push([value as Json, key]), slots(item, out);
  }
  return out;
}

const mutations: Record<string, (random: Random, bytes: Uint8Array) => Uint8Array> = {
  flipBytes(random, bytes) {
    const out = bytes.slice();
    for (let n = 1 + int(random, 8); n > 0; n -= 1) out[int(random, out.length)] = int(random, 256);
    return out;
  },
  flipHeaderBytes(random, bytes) {
    const out = bytes.slice();
    const end = Math.min(out.length, 12 + new DataView(bytes.buffer).getUint32(8, true));
    for (let n = 1 + int(random, 4); n > 0; n -= 1) out[int(random, end)] = int(random, 256);
    return out;
  },
  truncate(random, bytes) {
    return bytes.slice(0, int(random, bytes.length));
  },
  extend(random, bytes) {
    const out = new Uint8Array(bytes.length + 1 + int(random, 64));
    out.set(bytes);
    return out;
  },
  spliceRandomBytes(random, bytes) {
    const at = int(random, bytes.length);
    const junk = Uint8Array.from({ length: 1 + int(random, 32) }, () => int(random, 256));
    return Uint8Array.from([...bytes.subarray(0, at), ...junk, ...bytes.subarray(at)]);
  },
  swapHeaderValue(random, bytes) {
    const { header, data } = splitFile(bytes);
    const [container, key] = pick(random, slots(header));
    (container as Record<string | number, unknown>)[key] = structuredClone(pick(random, HOSTILE_VALUES));
    return joinFile(JSON.stringify(header), data);
  },
  deleteHeaderKey(random, bytes) {
    const { header, data } = splitFile(bytes);
    const [container, key] = pick(random, slots(header));
    if (Array.isArray(container)) container.splice(key as number, 1);
    else delete container[key as string];
    return joinFile(JSON.stringify(header), data);
  },
  mangleHeaderText(random, bytes) {
    const { header, data } = splitFile(bytes);
    const text = JSON.stringify(header);
    const at = int(random, text.length);
    const insert = pick(random, ['{', '[', ']', '}', '"', ',', ':', '\\', '9e999', '\u0000', '[[[[[[[[[[[[[[[[[[[[']);
    return joinFile(text.slice(0, at) + insert + text.slice(at + int(random, 3)), data);
  },
};

describe('trajectory parser fuzzing', () => {
  it('either decodes or throws TrajectoryFormatError for 6000 seeded mutations', () => {
    const random = seededRandom(20260101);
    const names = Object.keys(mutations);
    const outcomes = { decoded: 0, refused: 0 };
    for (let round = 0; round < 6000; round += 1) {
      const name = names[round % names.length]!;
      const original = seeds[int(random, seeds.length)]!;
      const mutated = mutations[name]!(random, original);
      try {
        const run = readTrajectory(mutated);
        // Whatever decodes must be self-consistent.
        assert.equal(run.steps.length, run.header.steps.length);
        for (const step of run.steps) assert.equal(step.latentOut.data.length, step.latentIn.data.length);
        assert.ok([...run.latentRgb.weights, ...run.latentRgb.bias].every(Number.isFinite), 'preview factors are finite');
        outcomes.decoded += 1;
      } catch (error) {
        if (!(error instanceof TrajectoryFormatError)) {
          assert.fail(`round ${round} (${name}) threw ${(error as Error)?.stack ?? String(error)}`);
        }
        assert.ok(error.field, 'names a field');
        outcomes.refused += 1;
      }
    }
    // Both outcomes must actually occur, or the fuzzer is not exercising the parser.
    assert.ok(outcomes.decoded > 100 && outcomes.refused > 1000, JSON.stringify(outcomes));
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import { TrajectoryFormatError, type TrajectoryFormatProblem } from '../../src/pipeline/trajectory/errors.js';
import { encodeTrajectory } from '../../src/pipeline/trajectory/writer.js';
import { syntheticMetadata, syntheticSteps } from './trajectory-steps.js';
import { recordingWithHeader, splitRecordingBytes } from './trajectory-bytes.js';

type Json = Record<string, any>;

const valid = encodeTrajectory(syntheticMetadata(2), syntheticSteps(2, [1, 4, 4, 4]), {
  previews: [{ width: 2, height: 2, data: new Uint8ClampedArray(16).fill(7) }],
});
const { header: validHeader, data: validData } = splitRecordingBytes(valid);

/** A file with the same data section and the given header text (its checksum recomputed). */
export function withHeaderText(text: string, data: Uint8Array = validData): Uint8Array {
  return recordingWithHeader(text, data);
}

const withHeader = (edit: (header: Json) => void): Uint8Array => {
  const header = structuredClone(validHeader);
  edit(header);
  return withHeaderText(JSON.stringify(header));
};

function assertProblem(bytes: Uint8Array, problem: TrajectoryFormatProblem, field?: string): void {
  assert.throws(
    () => readTrajectory(bytes),
    (error: unknown) => {
      assert.ok(error instanceof TrajectoryFormatError, `expected TrajectoryFormatError, got ${String(error)}`);
      assert.equal(error.problem, problem, error.message);
      assert.equal(error.code, 'trajectory-format');
      if (field !== undefined) assert.equal(error.field, field, error.message);
      return true;
    },
  );
}

describe('trajectory reader against damaged and hostile files', () => {
  it('reads the untouched file', () => {
    assert.equal(readTrajectory(valid).steps.length, 2);
  });

  it('names truncation at every stage', () => {
    assertProblem(valid.subarray(0, 0), 'truncated', 'preamble');
    assertProblem(valid.subarray(0, 11), 'truncated', 'preamble');
    assertProblem(valid.subarray(0, 40), 'truncated', 'header');
    assertProblem(valid.subarray(0, valid.length - 1), 'out-of-range');
  });

  it('refuses other files by their signature', () => {
    const png = valid.slice();
    png.set([0x89, 0x50, 0x4e, 0x47]);
    assertProblem(png, 'bad-magic', 'magic');
    assertProblem(new TextEncoder().encode('{"format":"latent-explorables-trajectory"}'), 'bad-magic');
  });

  it('names a newer format version', () => {
    assertProblem(withHeader((h) => (h.version = 3)), 'unsupported-version', 'header.version');
    assertProblem(withHeader((h) => (h.version = '1')), 'unsupported-version');
    assertProblem(withHeader((h) => (h.format = 'something-else')), 'invalid-header', 'header.format');
  });

  it('refuses a huge declared header without allocating it', () => {
    const bytes = valid.slice(0, 64);
    new DataView(bytes.buffer).setUint32(8, 0xffffffff, true);
    assertProblem(bytes, 'header-too-large', 'header');
  });

  it('refuses a header that is not UTF-8, not JSON, or nested absurdly deep', () => {
    assertProblem(withHeaderText('\u0000'.repeat(3)).fill(0xff, 12, 15), 'invalid-header-encoding');
    assertProblem(withHeaderText('{"format": '), 'invalid-json');
    assertProblem(withHeaderText('[]'), 'invalid-header', 'header');
    assertProblem(withHeaderText('['.repeat(100_000) + ']'.repeat(100_000)), 'nesting-too-deep');
    // Brackets inside strings are not nesting.
    assert.doesNotThrow(() => readTrajectory(withHeader((h) => (h.prompt = '[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{\\"'))));
  });

  it('refuses sizes and offsets that point outside the file', () => {
    assertProblem(withHeader((h) => (h.tensors[0].offset = validData.length + 8)), 'out-of-range', 'header.tensors[0].offset');
    assertProblem(withHeader((h) => (h.tensors[0].byteLength = 2 ** 40)), 'out-of-range', 'header.tensors[0].byteLength');
    assertProblem(withHeader((h) => (h.tensors[0].shape = [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1])), 'out-of-range', 'header.tensors[0].shape');
    assertProblem(withHeader((h) => (h.tensors[0].shape = [1, 4, 4, 5])), 'invalid-header', 'header.tensors[0].byteLength');
    assertProblem(withHeader((h) => (h.tensors[0].shape = [1, 1, 1, 1, 1, 1, 1, 1, 1])), 'out-of-range', 'header.tensors[0].shape');
    assertProblem(withHeader((h) => (h.tensors[0].offset = 1)), 'invalid-header', 'header.tensors[0].offset');
    assertProblem(withHeader((h) => (h.tensors[0].step = 5)), 'out-of-range', 'header.tensors[0].step');
  });

  it('refuses tensors that all claim the same bytes (a memory amplification attack)', () => {
    // Every entry points at the same first bytes of a data section too small to hold them all.
    const header = structuredClone(validHeader);
    header.tensors.forEach((t: Json) => (t.offset = 0));
    assertProblem(withHeaderText(JSON.stringify(header), validData.subarray(0, 256)), 'out-of-range');
  });

  it('refuses wrong types, NaN-like counts and missing pieces by name', () => {
    assertProblem(withHeader((h) => (h.settings.steps = 'NaN')), 'invalid-header', 'header.settings.steps');
    assertProblem(withHeader((h) => (h.settings.steps = 1e300)), 'out-of-range', 'header.settings.steps');
    assertProblem(withHeader((h) => (h.settings.steps = 1)), 'out-of-range', 'header.steps');
    assertProblem(withHeader((h) => (h.steps[1].sigma = null)), 'invalid-header', 'header.steps[1].sigma');
    assertProblem(withHeader((h) => (h.seed = 42)), 'invalid-header', 'header.seed');
    assertProblem(withHeader((h) => (h.seed = '18446744073709551616')), 'out-of-range', 'header.seed');
    assertProblem(withHeader((h) => (h.settings.guidanceScale = -1)), 'out-of-range', 'header.settings.guidanceScale');
    assertProblem(withHeader((h) => delete h.prompt), 'invalid-header', 'header.prompt');
    assertProblem(withHeader((h) => (h.tensors[1].name = 'noise')), 'invalid-header', 'header.tensors[1].name');
    assertProblem(withHeader((h) => (h.tensors[1].dtype = 'uint8')), 'invalid-header', 'header.tensors[1].dtype');
    assertProblem(withHeader((h) => (h.tensors[1] = { ...h.tensors[0] })), 'invalid-header', 'header.tensors[1]');
    assertProblem(withHeader((h) => h.tensors.splice(0, 1)), 'invalid-header', 'header.tensors');
    assertProblem(withHeader((h) => (h.tensors = Array(100).fill(h.tensors[0]))), 'out-of-range', 'header.tensors');
  });
});

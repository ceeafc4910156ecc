/**
 * The recording's optional latent→RGB factors (`header.latentRgb`): stored exactly, read back
 * as the replay's preview factors, absent in older files (SD 1.x's then), and refused with a
 * typed error naming the key when malformed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import { TrajectoryFormatError, type TrajectoryFormatProblem } from '../../src/pipeline/trajectory/errors.js';
import { encodeTrajectory } from '../../src/pipeline/trajectory/writer.js';
import { previewRecordedLatent } from '../../src/pipeline/trajectory/preview.js';
import { shortestFloat32 } from '../../src/pipeline/trajectory/latent-rgb-field.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview } from '../../src/pipeline/image/latent-preview.js';
import { InvalidOptionError } from '../../src/errors.js';
import { syntheticMetadata, syntheticSteps } from './trajectory-steps.js';
import { recordingWithHeader, splitRecordingBytes } from './trajectory-bytes.js';

type Json = Record<string, any>;

/** The pocket model's factors as the model loader holds them (float32, channel-major rows). */
const pocketJson = JSON.parse(await readFile('assets/models/pocket/latent_rgb.json', 'utf8')) as { weights: number[][]; bias: number[] };
const pocket = { weights: Float32Array.from(pocketJson.weights.flat()), bias: Float32Array.from(pocketJson.bias) };

const steps = syntheticSteps(2, [1, 4, 2, 2]);
const withFactors = encodeTrajectory(syntheticMetadata(2, { latentRgb: pocket }), steps);

function headerOf(bytes: Uint8Array): Json {
  return splitRecordingBytes(bytes).header;
}

/** `withFactors` with its header edited (same data section, header checksum recomputed). */
function edited(edit: (header: Json) => void): Uint8Array {
  const { header, data } = splitRecordingBytes(withFactors);
  edit(header);
  return recordingWithHeader(JSON.stringify(header), data);
}

function assertProblem(bytes: Uint8Array, problem: TrajectoryFormatProblem, field: string): void {
  assert.throws(
    () => readTrajectory(bytes),
    (error: unknown) => {
      assert.ok(error instanceof TrajectoryFormatError, `expected TrajectoryFormatError, got ${String(error)}`);
      assert.equal(error.problem, problem, error.message);
      assert.equal(error.field, field, error.message);
      assert.ok(error.message.includes(field), error.message);
      return true;
    },
  );
}

describe('recorded latent→RGB factors', () => {
  it('round-trip exactly, stored in latent_rgb.json form with short decimals', () => {
    const run = readTrajectory(withFactors);
    assert.deepEqual(run.latentRgb.weights, pocket.weights);
    assert.deepEqual(run.latentRgb.bias, pocket.bias);
    assert.equal(run.latentRgb.channels, 4);
    const stored = headerOf(withFactors).latentRgb;
    assert.deepEqual(stored, { weights: pocketJson.weights, bias: pocketJson.bias });
    assert.deepEqual(run.header.latentRgb, stored);
  });

  it('give replay previews in the model\'s colours, not SD 1.x\'s', () => {
    const run = readTrajectory(withFactors);
    const latent = run.steps[1]!.predictedOriginal;
    assert.deepEqual(previewRecordedLatent(run, latent), latentToRgbPreview(latent, pocket));
    assert.notDeepEqual(previewRecordedLatent(run, latent).data, latentToRgbPreview(latent, SD1_LATENT_RGB_FACTORS).data);
  });

  it('are left out when not given, and such recordings preview with SD 1.x\'s factors', () => {
    const bytes = encodeTrajectory(syntheticMetadata(2), steps);
    assert.equal('latentRgb' in headerOf(bytes), false);
    const run = readTrajectory(bytes);
    assert.equal(run.header.latentRgb, undefined);
    assert.equal(run.latentRgb, SD1_LATENT_RGB_FACTORS);
  });

  it('old recordings without them still load: a version-1 file written before the field existed', async () => {
    const run = readTrajectory(await readFile('test/fixtures/trajectory/v1-without-latent-rgb.lxt'));
    assert.equal(run.header.version, 1);
    assert.equal(run.steps.length, 2);
    assert.deepEqual(run.steps[1]!.latentOut.shape, [1, 4, 2, 2]);
    assert.deepEqual(Array.from(run.previews[0]!.data.subarray(0, 4)), [200, 200, 200, 200]);
    assert.equal(run.latentRgb, SD1_LATENT_RGB_FACTORS);
  });

  it('the committed example recordings load; pocket-model ones carry the pocket model\'s factors', async () => {
    const run = readTrajectory(await readFile('docs/examples/sheep.lxt'));
    assert.equal(run.header.modelId.includes('pocket'), true, run.header.modelId);
    assert.deepEqual(run.latentRgb.weights, pocket.weights);
    assert.deepEqual(run.latentRgb.bias, pocket.bias);
  });

  it('refuse malformed factors with a typed error naming the key', () => {
    assertProblem(edited((h) => (h.latentRgb = null)), 'invalid-header', 'header.latentRgb');
    assertProblem(edited((h) => (h.latentRgb = [[1, 2, 3]])), 'invalid-header', 'header.latentRgb');
    assertProblem(edited((h) => (h.latentRgb.weights = 'red')), 'invalid-header', 'header.latentRgb.weights');
    assertProblem(edited((h) => (h.latentRgb.weights = [])), 'invalid-header', 'header.latentRgb.weights');
    assertProblem(edited((h) => (h.latentRgb.weights = Array(65).fill([0, 0, 0]))), 'out-of-range', 'header.latentRgb.weights');
    assertProblem(edited((h) => (h.latentRgb.weights[2] = [0.1, 0.2])), 'invalid-header', 'header.latentRgb.weights[2]');
    assertProblem(edited((h) => (h.latentRgb.weights[3] = [0, 0, 0, 0])), 'out-of-range', 'header.latentRgb.weights[3]');
    assertProblem(edited((h) => (h.latentRgb.weights[1][2] = '0.5')), 'invalid-header', 'header.latentRgb.weights[1][2]');
    assertProblem(edited((h) => (h.latentRgb.weights[0][0] = null)), 'invalid-header', 'header.latentRgb.weights[0][0]');
    assertProblem(edited((h) => delete h.latentRgb.bias), 'invalid-header', 'header.latentRgb.bias');
    assertProblem(edited((h) => (h.latentRgb.bias = [0, 0])), 'invalid-header', 'header.latentRgb.bias');
    assertProblem(edited((h) => (h.latentRgb.bias[1] = 1e400)), 'invalid-header', 'header.latentRgb.bias[1]');
    // A finite double that float32 cannot hold would turn every preview pixel into NaN.
    assertProblem(edited((h) => (h.latentRgb.weights[2][0] = 1e308)), 'out-of-range', 'header.latentRgb.weights[2][0]');
    // Well formed, but for 3 channels while the latents have 4.
    assertProblem(edited((h) => h.latentRgb.weights.pop()), 'invalid-header', 'header.latentRgb.weights');
  });

  it('the writer refuses factors no reader would accept, naming the option', () => {
    const refuses = (latentRgb: { weights: Float32Array; bias: Float32Array; channels?: number }, field: string) =>
      assert.throws(
        () => encodeTrajectory(syntheticMetadata(2, { latentRgb }), steps),
        (error: unknown) => error instanceof InvalidOptionError && error.field === field,
        field,
      );
    refuses({ weights: new Float32Array(11), bias: new Float32Array(3) }, 'latentRgb.weights');
    refuses({ weights: new Float32Array(12), bias: new Float32Array(2) }, 'latentRgb.bias');
    refuses({ weights: Float32Array.of(NaN, ...new Float32Array(11)), bias: new Float32Array(3) }, 'latentRgb');
    refuses({ weights: new Float32Array(12), bias: new Float32Array(3), channels: 3 }, 'latentRgb.channels');
    refuses({ weights: new Float32Array(9), bias: new Float32Array(3) }, 'latentRgb');
  });

  it('stores each float32 as the shortest decimal that reads back as the same float32', () => {
    for (const value of [0.070071, -0.297305, 1 / 3, 1e-8, 123456.789, 0]) {
      const stored = shortestFloat32(value);
      assert.equal(Math.fround(stored), Math.fround(value));
      assert.ok(String(stored).length <= String(Math.fround(value)).length);
    }
    assert.equal(shortestFloat32(Math.fround(0.3512)), 0.3512);
  });
});

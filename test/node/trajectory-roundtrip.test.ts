import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFloat16Array, encodeFloat16Array } from '../../src/pipeline/math/float16.js';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import { replayTrajectory } from '../../src/pipeline/trajectory/replay.js';
import { TrajectoryRecorder, encodeTrajectory } from '../../src/pipeline/trajectory/writer.js';
import { readTrajectoryFile, writeTrajectoryFile } from '../../src/pipeline/trajectory/node.js';
import { TRAJECTORY_MAGIC } from '../../src/pipeline/trajectory/format.js';
import { InvalidOptionError, AbortError } from '../../src/errors.js';
import type { RgbaImage } from '../../src/pipeline/image/rgba-image.js';
import { syntheticMetadata, syntheticSteps } from './trajectory-steps.js';

const TENSORS = ['latentIn', 'noisePredCond', 'noisePred', 'predictedOriginal', 'latentOut'] as const;
const asFloat16 = (values: Float32Array): Float32Array => decodeFloat16Array(encodeFloat16Array(values));

describe('trajectory round trip', () => {
  it('stores float32 exactly with every scalar and header field', () => {
    const steps = syntheticSteps(3);
    const bytes = encodeTrajectory(syntheticMetadata(3), steps, { dtype: 'float32' });
    assert.deepEqual([...bytes.subarray(0, 8)], [...TRAJECTORY_MAGIC]);
    const run = readTrajectory(bytes);
    assert.equal(run.header.seed, '18446744073709551615');
    assert.equal(run.header.prompt, 'a sheep riding a motorcycle');
    assert.equal(run.header.negativePrompt, 'blurry');
    assert.equal(run.header.settings.scheduler.className, 'DDIMScheduler');
    assert.equal(run.header.createdAt, '2026-01-02T03:04:05.000Z');
    assert.equal(run.steps.length, 3);
    run.steps.forEach((step, i) => {
      const original = steps[i]!;
      assert.equal(step.index, i);
      assert.equal(step.totalSteps, 3);
      assert.equal(step.timestep, original.timestep);
      assert.equal(step.sigma, original.sigma);
      assert.equal(step.alphaCumprod, original.alphaCumprod);
      assert.equal(step.guidanceScale, 7.5);
      for (const name of [...TENSORS, 'noisePredUncond'] as const) {
        assert.deepEqual(step[name]!.shape, [1, 4, 8, 8]);
        assert.deepEqual(step[name]!.data, original[name]!.data, name);
      }
    });
  });

  it('stores float16 by default, rounding each value to nearest', () => {
    const steps = syntheticSteps(2);
    const half = encodeTrajectory(syntheticMetadata(2), steps);
    const full = encodeTrajectory(syntheticMetadata(2), steps, { dtype: 'float32' });
    assert.ok(half.length < full.length * 0.6, `${half.length} vs ${full.length}`);
    const run = readTrajectory(half.buffer);
    assert.deepEqual(run.steps[1]!.latentOut.data, asFloat16(steps[1]!.latentOut.data));
    assert.equal(run.header.tensors[0]!.dtype, 'float16');
  });

  it('leaves the unconditional prediction out when guidance is off', () => {
    const steps = syntheticSteps(2, [1, 4, 4, 4], 1);
    const run = readTrajectory(encodeTrajectory(syntheticMetadata(2), steps));
    assert.equal(run.steps[0]!.noisePredUncond, null);
    assert.equal(run.header.tensors.length, 2 * 5);
  });

  it('keeps preview images byte for byte', () => {
    const steps = syntheticSteps(2, [1, 4, 2, 2]);
    const preview: RgbaImage = { width: 2, height: 3, data: new Uint8ClampedArray(24).map((_, i) => i * 10) };
    const run = readTrajectory(encodeTrajectory(syntheticMetadata(2), steps, { previews: [undefined, preview] }));
    assert.equal(run.previews[0], null);
    assert.deepEqual(run.previews[1], preview);
  });

  it('records a partial (cancelled) run step by step', () => {
    const recorder = new TrajectoryRecorder(syntheticMetadata(10, { seed: '42' }));
    for (const step of syntheticSteps(4)) recorder.addStep(step);
    const run = readTrajectory(recorder.toBytes());
    assert.equal(run.steps.length, 4);
    assert.equal(run.steps[3]!.totalSteps, 10);
    assert.equal(run.header.seed, '42');
  });

  it('reads from a typed array that is a window into a larger buffer', () => {
    const bytes = encodeTrajectory(syntheticMetadata(1), syntheticSteps(1));
    const padded = new Uint8Array(bytes.length + 13);
    padded.set(bytes, 5);
    assert.equal(readTrajectory(padded.subarray(5, 5 + bytes.length)).steps.length, 1);
  });

  it('replays as an async stream of step records and stops on abort', async () => {
    const run = readTrajectory(encodeTrajectory(syntheticMetadata(3), syntheticSteps(3)));
    const seen: number[] = [];
    for await (const step of replayTrajectory(run)) seen.push(step.index);
    assert.deepEqual(seen, [0, 1, 2]);
    const controller = new AbortController();
    const partial: number[] = [];
    await assert.rejects(async () => {
      for await (const step of replayTrajectory(run, { signal: controller.signal, stepDelayMs: 1 })) {
        partial.push(step.index);
        controller.abort();
      }
    }, AbortError);
    assert.deepEqual(partial, [0]);
  });

  it('writes and reads files in Node, and makes a Blob', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lxt-'));
    try {
      const bytes = encodeTrajectory(syntheticMetadata(2), syntheticSteps(2));
      await writeTrajectoryFile(join(dir, 'run.lxt'), bytes);
      const run = await readTrajectoryFile(join(dir, 'run.lxt'));
      assert.equal(run.steps.length, 2);
      const recorder = new TrajectoryRecorder(syntheticMetadata(1));
      recorder.addStep(syntheticSteps(1)[0]!);
      const blob = recorder.toBlob();
      assert.equal(readTrajectory(await blob.arrayBuffer()).steps.length, 1);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('refuses bad input when writing, naming the field', () => {
    const [step] = syntheticSteps(1);
    assert.throws(() => new TrajectoryRecorder(syntheticMetadata(1, { seed: -1 })), (e: unknown) => e instanceof InvalidOptionError && e.field === 'seed');
    assert.throws(() => new TrajectoryRecorder(syntheticMetadata(1, { seed: 2n ** 64n })), InvalidOptionError);
    assert.throws(() => new TrajectoryRecorder(syntheticMetadata(1, { seed: '1.5' })), InvalidOptionError);
    assert.throws(() => new TrajectoryRecorder(syntheticMetadata(1), { dtype: 'int8' as 'float16' }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'dtype');
    const recorder = new TrajectoryRecorder(syntheticMetadata(1));
    assert.throws(() => recorder.addStep({ ...step!, sigma: NaN }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'steps[0].sigma');
    assert.throws(
      () => recorder.addStep({ ...step!, latentOut: { data: new Float32Array(3), shape: [1, 4, 8, 8] } }),
      (e: unknown) => e instanceof InvalidOptionError && e.field === 'steps[0].latentOut',
    );
  });
});

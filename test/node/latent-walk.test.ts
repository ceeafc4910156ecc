// Latent walks on the SD 1.5 fixture: frames start from the slerp of the two seeds' noise, are
// conditioned on the lerp of the two prompts' states, and the ends are the plain runs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { TorchGenerator } from '../../src/pipeline/math/torch-random.js';
import { interpolationNorms, lerp, slerp } from '../../src/pipeline/math/slerp.js';
import { latentWalk, type LatentWalkOptions } from '../../src/pipeline/run/latent-walk.js';
import { encodeWalkRecording, recordedWalkFrames, seedWalkNorms } from '../../src/pipeline/run/walk-recording.js';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import type { StepRecord } from '../../src/pipeline/math/step-record.js';
import { InvalidOptionError } from '../../src/errors.js';

const common = { steps: 2, guidanceScale: 3, scheduler: 'ddim', width: 64, height: 64 } as const;
const bytes = (data: Float32Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

async function walkAll(model: DiffusionModel, options: LatentWalkOptions) {
  const run = latentWalk(model, options);
  const steps: StepRecord[][] = [];
  for await (const records of run) steps.push(records);
  return { info: await run.info, first: steps[0]!, last: steps.at(-1)! };
}

describe('latentWalk() on the SD 1.5 fixture', () => {
  let model: DiffusionModel;
  before(async () => {
    model = await loadModelInNode('test/fixtures/models/sd15');
  });
  after(async () => {
    await model?.dispose();
  });

  test('between seeds: frame t starts from the slerp of the two noises; the ends are the two seeds’ runs', async () => {
    const prompt = 'a red bicycle';
    const walk = await walkAll(model, { ...common, from: { prompt, seed: 1 }, to: { prompt, seed: 2 }, frames: 5 });
    assert.deepEqual(Array.from(walk.info.positions), [0, 0.25, 0.5, 0.75, 1]);
    const a = new TorchGenerator(1n).randn(walk.info.latentShape);
    const b = new TorchGenerator(2n).randn(walk.info.latentShape);
    assert.deepEqual(bytes(walk.first[2]!.latentIn.data), bytes(slerp(a, b, 0.5)), 'middle frame starts at slerp(a, b, ½) (DDIM: initial σ 1)');
    assert.deepEqual(bytes(walk.first[0]!.latentIn.data), bytes(a));
    // The noise-length chart a recorded walk draws without a model is the live walk's.
    const norms = seedWalkNorms(1n, 2n, walk.info.latentShape, 5);
    assert.deepEqual(norms, { t: walk.info.positions, ...interpolationNorms(walk.info.noiseFrom.data, walk.info.noiseTo.data, walk.info.positions) });
    const start = await generateAll(model, { ...common, prompt, seed: 1 });
    const end = await generateAll(model, { ...common, prompt, seed: 2 });
    assert.deepEqual(bytes(walk.last[0]!.latentOut.data), bytes(start.steps.at(-1)!.latentOut.data));
    assert.deepEqual(bytes(walk.last[4]!.latentOut.data), bytes(end.steps.at(-1)!.latentOut.data));
    const straight = await walkAll(model, { ...common, from: { prompt, seed: 1 }, to: { prompt, seed: 2 }, frames: 3, interpolation: 'linear' });
    assert.deepEqual(bytes(straight.first[1]!.latentIn.data), bytes(lerp(a, b, 0.5)), 'interpolation "linear" starts the middle frame on the straight line');
  });

  test('between prompts: one seed, and the far end is the far prompt’s run', async () => {
    const walk = await walkAll(model, { ...common, from: { prompt: 'a red car', seed: 5 }, to: { prompt: 'a blue boat', seed: 5 }, frames: 3 });
    assert.deepEqual(bytes(walk.first[0]!.latentIn.data), bytes(walk.first[2]!.latentIn.data), 'same seed, same start');
    const far = await generateAll(model, { ...common, prompt: 'a blue boat', seed: 5 });
    assert.deepEqual(bytes(walk.last[2]!.latentOut.data), bytes(far.steps.at(-1)!.latentOut.data));
    assert.notDeepEqual(bytes(walk.last[1]!.latentOut.data), bytes(walk.last[0]!.latentOut.data));
  });

  test('a walk records as one step per frame and reads back', async () => {
    const walk = await walkAll(model, { ...common, from: { prompt: 'a red car', seed: 5 }, to: { prompt: 'a blue boat', seed: 5 }, frames: 3 });
    const image = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(200) };
    const recording = readTrajectory(encodeWalkRecording(walk.info, walk.last.map((last) => ({ last, image })), { dtype: 'float32' }));
    assert.equal(recording.header.prompt, 'a red car → a blue boat');
    assert.equal(recording.header.settings.steps, 3);
    assert.equal(recording.steps.length, 3);
    assert.deepEqual(bytes(recording.steps[1]!.latentOut.data), bytes(walk.last[1]!.latentOut.data));
    // Each frame's picture is the step's decoded picture; read back as the live walk's last step.
    const frames = recordedWalkFrames(recording, common.steps);
    assert.deepEqual(Array.from(frames[2]!.image!.data.subarray(0, 4)), [200, 200, 200, 200]);
    assert.deepEqual([frames[0]!.last.index, frames[0]!.last.totalSteps], [common.steps - 1, common.steps]);
  });

  test('bad walks are typed errors naming the option', async () => {
    const cases: [Partial<LatentWalkOptions>, string][] = [
      [{ frames: 1 }, 'frames'],
      [{ frames: 65 }, 'frames'],
      [{ to: { prompt: 'x', seed: -1 } }, 'to.seed'],
      [{ from: { prompt: 3 as unknown as string, seed: 1 } }, 'from.prompt'],
      [{ interpolation: 'cubic' as 'linear' }, 'interpolation'],
    ];
    for (const [change, field] of cases) {
      const run = latentWalk(model, { ...common, from: { prompt: 'a', seed: 1 }, to: { prompt: 'b', seed: 2 }, frames: 3, ...change });
      await assert.rejects(
        async () => {
          for await (const _ of run) void _;
        },
        (error: unknown) => error instanceof InvalidOptionError && error.field === field,
        field,
      );
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { generate } from '../../src/pipeline/generate.js';
import { previewLatent } from '../../src/pipeline/latent-images.js';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import { recordGeneration } from '../../src/pipeline/trajectory/record-generation.js';

describe('recording a live generate() run', () => {
  it('stores the run as generated, and replays it equal to float16 precision', async () => {
    const model = await loadModelInNode(resolve('test/fixtures/models/sd15'), { skipVaeEncoder: true });
    try {
      const options = { prompt: 'a sheep riding a motorcycle', negativePrompt: 'fog', seed: '18446744073709551615', steps: 3, scheduler: 'euler', guidanceScale: 5, width: 64, height: 64 };
      const live: Float32Array[] = [];
      const recorder = await recordGeneration(generate(model, options), {
        dtype: 'float32',
        preview: (step) => previewLatent(model, step.latentOut),
        onStep: (step) => live.push(step.latentOut.data),
      });
      const run = readTrajectory(recorder.toBytes());
      assert.equal(run.header.seed, '18446744073709551615');
      assert.equal(run.header.negativePrompt, 'fog');
      assert.equal(run.header.modelId, model.id);
      assert.equal(run.header.settings.scheduler.className, 'EulerDiscreteScheduler');
      assert.equal(run.header.settings.guidanceScale, 5);
      assert.equal(run.steps.length, 3);
      run.steps.forEach((step, i) => assert.deepEqual(step.latentOut.data, live[i]));
      assert.equal(run.previews[2]!.width, 8);
      // The same run again gives the same recording, bar the creation time.
      const again = readTrajectory((await recordGeneration(generate(model, options), { dtype: 'float32' })).toBytes());
      assert.deepEqual(again.steps[2]!.predictedOriginal.data, run.steps[2]!.predictedOriginal.data);
    } finally {
      await model.dispose();
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { generate } from '../../src/pipeline/run/generate.js';
import { previewLatent } from '../../src/pipeline/run/latent-images.js';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import { recordGeneration } from '../../src/pipeline/run/record-generation.js';
import { previewRecordedLatent } from '../../src/pipeline/trajectory/preview.js';
import { SD1_LATENT_RGB_FACTORS, latentToRgbPreview } from '../../src/pipeline/image/latent-preview.js';
import type { RgbaImage } from '../../src/pipeline/image/rgba-image.js';

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

  it('replays a pocket-model run with the live run\'s preview colours (its latent_rgb.json, not SD 1.x\'s)', async () => {
    const model = await loadModelInNode(resolve('assets/models/pocket'), { skipVaeEncoder: true });
    try {
      const live: { xt: RgbaImage; x0: RgbaImage }[] = [];
      const recorder = await recordGeneration(generate(model, { prompt: 'a sheep riding a motorcycle', seed: 42, steps: 2 }), {
        dtype: 'float32',
        latentRgb: model.latentRgb,
        onStep: (step) => live.push({ xt: previewLatent(model, step.latentIn), x0: previewLatent(model, step.predictedOriginal) }),
      });
      assert.equal(model.latentRgb.source, 'model');
      const run = readTrajectory(recorder.toBytes());
      run.steps.forEach((step, i) => {
        assert.deepEqual(previewRecordedLatent(run, step.latentIn), live[i]!.xt, `step ${i} x_t`);
        assert.deepEqual(previewRecordedLatent(run, step.predictedOriginal), live[i]!.x0, `step ${i} x̂₀`);
      });
      // What replays showed before the factors were recorded: visibly different colours.
      const sd1 = latentToRgbPreview(run.steps[1]!.predictedOriginal, SD1_LATENT_RGB_FACTORS);
      assert.notDeepEqual(sd1.data, live[1]!.x0.data);
    } finally {
      await model.dispose();
    }
  });
});

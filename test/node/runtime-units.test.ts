import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timestepFeed } from '../../src/pipeline/model/timestep-feed.js';
import { floatTensor, intTensor, readFloats } from '../../src/pipeline/io/tensors.js';
import { parseWordMap } from '../../src/pipeline/tokenizers/word-level-tokenizer.js';
import { resolveModelConfig } from '../../src/pipeline/model/model-config.js';
import { parseLatentRgb } from '../../src/pipeline/model/latent-rgb.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import { chooseScheduler } from '../../src/pipeline/run/scheduler-choice.js';
import { InvalidOptionError } from '../../src/errors.js';

test('timestep feeds follow the graph: rank-0 scalar, fixed [1], per-row [B]; integer dtypes truncate', () => {
  const scalar = timestepFeed({ name: 'timestep', dtype: 'float32', shape: [] }, 999, 2);
  assert.deepEqual(scalar.dims, []);
  assert.deepEqual(Array.from(scalar.data as Float32Array), [999]);
  const single = timestepFeed({ name: 'timestep', dtype: 'int64', shape: [1] }, 980.7, 2);
  assert.deepEqual(single.dims, [1]);
  assert.deepEqual(Array.from(single.data as BigInt64Array), [980n]);
  const rows = timestepFeed({ name: 'timestep', dtype: 'float16', shape: ['unet_time_batch'] }, 500, 3);
  assert.deepEqual(rows.dims, [3]);
  assert.deepEqual(Array.from(readFloats(rows)), [500, 500, 500]);
  const int32 = timestepFeed({ name: 'timestep', dtype: 'int32', shape: ['batch'] }, 1, 2);
  assert.ok(int32.data instanceof Int32Array);
});

test('float16 tensors carry raw bits and read back as float32', () => {
  const values = Float32Array.of(0, 1, -2.5, 0.1, 65504);
  const half = floatTensor(values, [5], 'float16');
  assert.ok(half.data instanceof Uint16Array);
  const back = readFloats(half);
  assert.deepEqual(Array.from(back.subarray(0, 3)), [0, 1, -2.5]);
  assert.ok(Math.abs(back[3]! - 0.1) < 1e-4);
  assert.deepEqual(Array.from(intTensor([1, 49407], [1, 2], 'int64').data as BigInt64Array), [1n, 49407n]);
});

test('word maps are checked entry by entry', () => {
  assert.equal(parseWordMap({ version: 1, map: { lamb: ['sheep', 0.6] } }).map['lamb']![0], 'sheep');
  assert.throws(() => parseWordMap({ version: 2, map: {} }), /version/);
  assert.throws(() => parseWordMap({ version: 1, map: { lamb: 'sheep' } }), /"lamb"/);
});

test('model config: latent_explorables first, then optimum component configs, then SD defaults', () => {
  const scheduler = { _class_name: 'DDIMScheduler' };
  const sd = resolveModelConfig({}, scheduler, { vaeDecoder: null, unet: null });
  assert.deepEqual([sd.vaeScalingFactor, sd.vaeScaleFactor, sd.sampleSize, sd.imageSize, sd.textMaxLength], [0.18215, 8, 64, 512, 77]);
  const optimum = resolveModelConfig({}, scheduler, { vaeDecoder: { scaling_factor: 0.13025, block_out_channels: [128, 256, 512, 512] }, unet: { sample_size: 96 } });
  assert.deepEqual([optimum.vaeScalingFactor, optimum.vaeScaleFactor, optimum.imageSize], [0.13025, 8, 768]);
  const pocket = resolveModelConfig(
    { latent_explorables: { vae_scaling_factor: 0.8, vae_scale_factor: 4, sample_size: 16, image_size: 64, text_max_length: 16, prediction_type: 'epsilon', tokenizer_type: 'word-level' } },
    scheduler,
    { vaeDecoder: null, unet: null },
  );
  assert.deepEqual([pocket.vaeScaleFactor, pocket.imageSize, pocket.tokenizerType, pocket.schedulerConfig['prediction_type']], [4, 64, 'word-level', 'epsilon']);
  // pocket v2: 128-pixel pictures over the same 16x16 latents (an 8x VAE), with declared extra UNet outputs
  const v2 = resolveModelConfig(
    { latent_explorables: { vae_scale_factor: 8, sample_size: 16, image_size: 128, unet_attention_outputs: { cross_attention_16x16: {}, cross_attention_8x8: {} } } },
    scheduler,
    { vaeDecoder: null, unet: null },
  );
  assert.deepEqual([v2.vaeScaleFactor, v2.sampleSize, v2.imageSize, v2.unetAttentionOutputs], [8, 16, 128, ['cross_attention_16x16', 'cross_attention_8x8']]);
  assert.deepEqual(pocket.unetAttentionOutputs, []);
  assert.throws(
    () => resolveModelConfig({ latent_explorables: { unet_attention_outputs: { out_sample: {} } } }, scheduler, { vaeDecoder: null, unet: null }),
    (e: unknown) => e instanceof ModelLoadError && e.field === 'model_index.json:latent_explorables.unet_attention_outputs',
  );
  assert.throws(
    () => resolveModelConfig({ latent_explorables: { sample_size: 16, vae_scale_factor: 4, image_size: 60 } }, scheduler, { vaeDecoder: null, unet: null }),
    (e: unknown) => e instanceof ModelLoadError && /image_size/.test(e.message),
  );
  assert.throws(() => resolveModelConfig([], scheduler, { vaeDecoder: null, unet: null }), (e: unknown) => e instanceof ModelLoadError && e.field === 'model_index.json');
});

test('latent_rgb.json must be channels × 3 finite weights and 3 biases', () => {
  const ok = parseLatentRgb({ weights: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]], bias: [0, 0, 0.5] }, 4);
  assert.equal(ok.weights.length, 12);
  assert.throws(() => parseLatentRgb({ weights: [[1, 0, 0]], bias: [0, 0, 0] }, 4), ModelLoadError);
  assert.throws(() => parseLatentRgb({ weights: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, Number.NaN]] }, 4), ModelLoadError);
});

test('scheduler choice: model default, DDIM for unsupported PNDM, aliases and class names keep the betas', () => {
  const pndm = { _class_name: 'PNDMScheduler', beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', num_train_timesteps: 1000, skip_prk_steps: true, steps_offset: 1, set_alpha_to_one: false };
  const fallback = chooseScheduler(undefined, pndm);
  assert.equal(fallback.replaced, 'PNDMScheduler');
  assert.equal(fallback.scheduler.className, 'DDIMScheduler');
  assert.equal(chooseScheduler('euler-a', pndm).scheduler.className, 'EulerAncestralDiscreteScheduler');
  assert.equal(chooseScheduler('EulerDiscreteScheduler', pndm).scheduler.className, 'EulerDiscreteScheduler');
  assert.equal(chooseScheduler('dpm++2m-karras', pndm).scheduler.config['use_karras_sigmas'], true);
  assert.throws(() => chooseScheduler('plms', pndm), (e: unknown) => e instanceof InvalidOptionError && e.field === 'scheduler');
});

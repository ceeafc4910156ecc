import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { decodeLatent, encodeImage, previewLatent } from '../../src/pipeline/run/latent-images.js';
import { noiseToTimestep } from '../../src/pipeline/run/forward-noise.js';
import { InvalidOptionError } from '../../src/errors.js';

const POCKET = 'assets/models/pocket';
const vocab = (JSON.parse(await readFile(`${POCKET}/tokenizer/tokenizer.json`, 'utf8')) as { model: { vocab: Record<string, number> } }).model.vocab;
// v1 draws 64-px pictures with a 4x VAE, v2 128-px with an 8x VAE; both over 16x16 latents.
const declared = (JSON.parse(await readFile(`${POCKET}/model_index.json`, 'utf8')) as { latent_explorables: { image_size: number; vae_scale_factor: number } })
  .latent_explorables;

describe('the shipped pocket model in Node', () => {
  let model: DiffusionModel;
  before(async () => {
    model = await loadModelInNode(POCKET);
  });
  after(() => model.dispose());

  test('reads its latent_explorables config and graph metadata (int64 ids, float32 [B] timestep)', () => {
    assert.equal(model.config.tokenizerType, 'word-level');
    assert.ok(declared.image_size === 64 || declared.image_size === 128, `image_size ${declared.image_size}`);
    assert.equal(model.config.vaeScaleFactor, declared.vae_scale_factor);
    assert.equal(model.config.imageSize, declared.image_size);
    assert.equal(model.config.sampleSize, 16);
    assert.equal(model.components.textEncoder.graph['input_ids']!.dtype, 'int64');
    assert.equal(model.components.unet.graph['timestep']!.dtype, 'float32');
    assert.equal(model.latentRgb.source, 'model');
  });

  test('word-level tokenizer: vocabulary ids, word-map rewrites reported, unknown words listed', () => {
    const words = ['a', 'white', 'sheep', 'riding', 'a', 'red', 'motorcycle'];
    const plain = model.tokenizer.encode('A white sheep, riding a RED motorcycle!');
    assert.deepEqual(Array.from(plain.ids.subarray(0, plain.tokenCount)), [vocab['[BOS]'], ...words.map((w) => vocab[w]), vocab['[EOS]']]);
    assert.equal(plain.ids[15], vocab['[PAD]']);
    const mapped = model.tokenizer.encode('a lamb riding a scooter xyzzy');
    assert.deepEqual(mapped.mappedWords.map((m) => [m.word, m.replacement]), [['lamb', 'sheep'], ['scooter', 'motorcycle']]);
    assert.deepEqual(mapped.unknownWords, ['xyzzy']);
    assert.equal(mapped.ids[2], vocab['sheep']);
    const long = model.tokenizer.encode('a red sheep '.repeat(10));
    assert.equal(long.truncated, true);
    assert.equal(long.tokenCount, 16);
    assert.equal(long.ids[15], vocab['[EOS]']);
  });

  test('generates with its defaults, decodes and previews', async () => {
    const { info, steps } = await generateAll(model, { prompt: 'a white sheep riding a red motorcycle on a beach', seed: 7, steps: 4 });
    assert.equal(info.guidanceScale, 5);
    assert.equal(info.schedulerClass, 'DDIMScheduler');
    assert.deepEqual(info.latentShape, [1, 4, 16, 16]);
    const image = await decodeLatent(model, steps.at(-1)!.latentOut);
    assert.deepEqual([image.width, image.height], [declared.image_size, declared.image_size]);
    const preview = previewLatent(model, steps.at(-1)!.latentOut);
    assert.deepEqual([preview.width, preview.height], [16, 16]);
  });

  test('only its native size is accepted (fixed 16×16 latent UNet)', async () => {
    const side = declared.image_size;
    await assert.rejects(generateAll(model, { prompt: 'a cat', seed: 1, width: 2 * side, height: side }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'width');
  });

  test('encode an image, noise it to a timestep with the scheduler\'s ᾱ, decode it back', async () => {
    const { steps } = await generateAll(model, { prompt: 'a black cat driving a yellow car', seed: 3, steps: 4 });
    const image = await decodeLatent(model, steps.at(-1)!.latentOut);
    const latent = await encodeImage(model, image);
    assert.deepEqual(latent.shape, [1, 4, 16, 16]);
    const roundTrip = await decodeLatent(model, latent);
    let error = 0;
    for (let i = 0; i < image.data.length; i++) error += Math.abs(image.data[i]! - roundTrip.data[i]!);
    assert.ok(error / image.data.length < 40, `mean abs difference ${error / image.data.length}`);
    const noised = noiseToTimestep(model, latent, { timestep: 500, seed: 9 });
    const a = noised.alphaCumprod;
    const expected = Math.sqrt(a) * latent.data[5]! + Math.sqrt(1 - a) * noised.noise.data[5]!;
    assert.ok(Math.abs(noised.noisy.data[5]! - expected) < 1e-5);
    assert.throws(() => noiseToTimestep(model, latent, { timestep: 1000, seed: 9 }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'timestep');
  });
});

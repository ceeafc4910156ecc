import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import { createNodeBackend } from '../../src/pipeline/io/node-backend.js';
import type { OnnxBackend } from '../../src/pipeline/io/backend.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { AbortError } from '../../src/errors.js';

const SD15 = 'test/fixtures/models/sd15';
const TURBO = 'test/fixtures/models/sd-turbo-fp16';

/** A copy of a fixture in a temp folder, changed by `edit`. */
async function alteredCopy(fixture: string, edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lx-model-'));
  await cp(fixture, dir, { recursive: true });
  await edit(dir);
  return dir;
}

/** Wraps a backend to count sessions created and released. */
function countingBackend(): { backend: OnnxBackend; open: () => number } {
  const inner = createNodeBackend();
  let open = 0;
  return {
    open: () => open,
    backend: {
      ...inner,
      async createSession(bytes, request) {
        const session = await inner.createSession(bytes, request);
        open += 1;
        let released = false;
        return {
          ...session,
          run: session.run.bind(session),
          async release() {
            if (!released) open -= 1;
            released = true;
            await session.release();
          },
        };
      },
    },
  };
}

test('loads the SD 1.5 fixture: SD defaults, PNDM config, CLIP tokenizer padding with 49407, graph dtypes from metadata', async () => {
  const progress: string[] = [];
  const model = await loadModelInNode(SD15, { onProgress: (p) => p.done && progress.push(p.file) });
  try {
    assert.equal(model.config.vaeScalingFactor, 0.18215);
    assert.equal(model.config.vaeScaleFactor, 8);
    assert.equal(model.config.schedulerConfig['_class_name'], 'PNDMScheduler');
    assert.equal(model.tokenizer.padId, 49407);
    assert.equal(model.components.textEncoder.graph['input_ids']!.dtype, 'int32');
    assert.equal(model.components.unet.graph['timestep']!.dtype, 'int64');
    assert.deepEqual(model.components.unet.graph['timestep']!.shape, ['batch']);
    assert.ok(model.components.vaeEncoder);
    assert.equal(model.providers.unet, 'cpu');
    for (const file of ['model_index.json', 'unet/model.onnx', 'text_encoder/model.onnx', 'bpe_simple_vocab_16e6.txt.gz']) {
      assert.ok(progress.includes(file), `progress for ${file}`);
    }
  } finally {
    await model.dispose();
  }
});

test('loads the fp16 SD-Turbo fixture: float16 I/O, pad "!" = 0, Euler trailing config', async () => {
  const model = await loadModelInNode(TURBO);
  try {
    assert.equal(model.tokenizer.padId, 0);
    assert.equal(model.components.unet.graph['sample']!.dtype, 'float16');
    assert.equal(model.components.unet.graph['timestep']!.dtype, 'float16');
    assert.equal(model.config.schedulerConfig['timestep_spacing'], 'trailing');
  } finally {
    await model.dispose();
  }
});

test('a missing graph is a ModelLoadError naming the file, and nothing stays open', async () => {
  const dir = await alteredCopy(SD15, (d) => rm(join(d, 'unet/model.onnx')));
  const { backend, open } = countingBackend();
  await assert.rejects(loadModelInNode(dir, { backend }), (error: unknown) => {
    assert.ok(error instanceof ModelLoadError);
    assert.equal(error.field, 'unet/model.onnx');
    return true;
  });
  assert.equal(open(), 0);
  await rm(dir, { recursive: true });
});

test('a wrongly named UNet input is a ModelLoadError naming the graph and input', async () => {
  const dir = await alteredCopy(SD15, (d) => copyFile('test/fixtures/models/broken/unet-input-named-latent.onnx', join(d, 'unet/model.onnx')));
  const { backend, open } = countingBackend();
  await assert.rejects(loadModelInNode(dir, { backend }), (error: unknown) => {
    assert.ok(error instanceof ModelLoadError);
    assert.equal(error.field, 'unet/model.onnx:sample');
    assert.match(error.message, /latent/);
    return true;
  });
  assert.equal(open(), 0, 'the text encoder session opened before the failure is released');
  await rm(dir, { recursive: true });
});

test('float input_ids are a ModelLoadError naming the dtype', async () => {
  const dir = await alteredCopy(SD15, (d) => copyFile('test/fixtures/models/broken/text-encoder-float-ids.onnx', join(d, 'text_encoder/model.onnx')));
  await assert.rejects(loadModelInNode(dir), (error: unknown) => {
    assert.ok(error instanceof ModelLoadError);
    assert.equal(error.field, 'text_encoder/model.onnx:input_ids');
    assert.match(error.message, /float32; expected int32 or int64/);
    return true;
  });
  await rm(dir, { recursive: true });
});

test('a missing or malformed model_index.json / bad latent_explorables value is named', async () => {
  const noIndex = await alteredCopy(SD15, (d) => rm(join(d, 'model_index.json')));
  await assert.rejects(loadModelInNode(noIndex), (e: unknown) => e instanceof ModelLoadError && e.field === 'model_index.json');
  const badIndex = await alteredCopy(SD15, (d) => writeFile(join(d, 'model_index.json'), '{"latent_explorables": {"vae_scale_factor": -8}}'));
  await assert.rejects(loadModelInNode(badIndex), (e: unknown) => e instanceof ModelLoadError && /vae_scale_factor/.test(e.message));
  const notJson = await alteredCopy(SD15, (d) => writeFile(join(d, 'scheduler/scheduler_config.json'), '{'));
  await assert.rejects(loadModelInNode(notJson), (e: unknown) => e instanceof ModelLoadError && e.field === 'scheduler/scheduler_config.json');
  await Promise.all([noIndex, badIndex, notJson].map((d) => rm(d, { recursive: true })));
});

test('a UNet with its weights in weights.pb (the diffusers script layout) loads and runs', async () => {
  const files: string[] = [];
  const model = await loadModelInNode('test/fixtures/models/sd15-external-data', { onProgress: (p) => p.done && files.push(p.file) });
  try {
    assert.ok(files.includes('unet/weights.pb'));
    const reference = await loadModelInNode(SD15);
    const options = { prompt: 'a cat', seed: 3, steps: 1, width: 64, height: 64 };
    const [a, b] = [await generateAll(model, options), await generateAll(reference, options)];
    assert.deepEqual(a.steps[0]!.latentOut.data, b.steps[0]!.latentOut.data);
    await reference.dispose();
  } finally {
    await model.dispose();
  }
});

test('an aborted load stops with AbortError and leaves no session open', async () => {
  const { backend, open } = countingBackend();
  const controller = new AbortController();
  const loading = loadModelInNode(SD15, { backend, signal: controller.signal, onProgress: (p) => p.file === 'unet/model.onnx' && controller.abort() });
  await assert.rejects(loading, AbortError);
  assert.equal(open(), 0);
});

test('dispose releases every session and is idempotent', async () => {
  const { backend, open } = countingBackend();
  const model = await loadModelInNode(SD15, { backend });
  assert.equal(open(), 4);
  await model.dispose();
  await model.dispose();
  assert.equal(open(), 0);
  assert.equal(model.disposed, true);
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeBackend } from '../../src/pipeline/io/node-backend.js';
import type { OnnxBackend, OnnxSession } from '../../src/pipeline/io/backend.js';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import { runUnet, runUnetWithOutputs } from '../../src/pipeline/model/components.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { decodeLatent } from '../../src/pipeline/run/latent-images.js';
import { tensor } from '../../src/pipeline/math/tensor.js';

const POCKET = 'assets/models/pocket';

/** A Node backend whose sessions record, per graph label, the output names each run asked for. */
function recordingBackend(): { backend: OnnxBackend; asked: Map<string, (readonly string[] | undefined)[]> } {
  const inner = createNodeBackend({ intraOpNumThreads: 1 });
  const asked = new Map<string, (readonly string[] | undefined)[]>();
  const backend: OnnxBackend = {
    name: inner.name,
    availableProviders: () => inner.availableProviders(),
    async createSession(model, request) {
      const session = await inner.createSession(model, request);
      const log: (readonly string[] | undefined)[] = [];
      asked.set(request.label, log);
      const recorded: OnnxSession = {
        inputs: session.inputs,
        outputs: session.outputs,
        provider: session.provider,
        run: (feeds, outputs) => {
          log.push(outputs);
          return session.run(feeds, outputs);
        },
        release: () => session.release(),
      };
      return recorded;
    },
  };
  return { backend, asked };
}

/**
 * A model folder whose UNet has the attention outputs: LX_V2_MODEL when set, the shipped one when
 * it has them, else the newest v2 candidate the CPU run exported.
 */
async function folderWithAttention(): Promise<string | null> {
  if (process.env['LX_V2_MODEL']) return process.env['LX_V2_MODEL'];
  const index = JSON.parse(await readFile(join(POCKET, 'model_index.json'), 'utf8'));
  if (index.latent_explorables?.unet_attention_outputs) return POCKET;
  const root = 'training/.cache/v2';
  const names = await readdir(root).catch(() => [] as string[]);
  const candidates = [];
  for (const name of names.filter((n) => n.startsWith('export-'))) {
    const dir = join(root, name);
    const ok = await stat(join(dir, 'tokenizer', 'word_map.json')).then(() => true, () => false);
    if (ok) candidates.push({ dir, time: (await stat(join(dir, 'unet', 'model.onnx'))).mtimeMs });
  }
  candidates.sort((a, b) => b.time - a.time);
  return candidates[0]?.dir ?? null;
}

describe('UNet extra outputs are fetched only when asked', () => {
  test('plain generation asks the UNet for out_sample only', async () => {
    const { backend, asked } = recordingBackend();
    const model = await loadModelInNode(POCKET, { backend });
    try {
      await generateAll(model, { prompt: 'a sheep riding a motorcycle', seed: 3, steps: 3, guidanceScale: 5 });
    } finally {
      await model.dispose();
    }
    const unetRuns = asked.get('unet') ?? [];
    assert.equal(unetRuns.length, 3);
    for (const outputs of unetRuns) assert.deepEqual(outputs, ['out_sample']);
  });

  test('a declared extra output that the UNet graph lacks is refused at load, naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lx-attn-'));
    try {
      await cp(POCKET, dir, { recursive: true });
      const index = JSON.parse(await readFile(join(dir, 'model_index.json'), 'utf8'));
      index.latent_explorables.unet_attention_outputs = { cross_attention_16x16: { resolution: 16 } };
      await writeFile(join(dir, 'model_index.json'), JSON.stringify(index));
      const unet = JSON.parse(await readFile(join(POCKET, 'model_index.json'), 'utf8')).latent_explorables.unet_attention_outputs;
      if (unet) return; // the shipped UNet has them: nothing missing to refuse
      await assert.rejects(
        loadModelInNode(dir),
        (e: unknown) =>
          e instanceof ModelLoadError && e.message.includes('unet_attention_outputs') && e.message.includes('cross_attention_16x16'),
      );
      index.latent_explorables.unet_attention_outputs = ['cross_attention_16x16'];
      await writeFile(join(dir, 'model_index.json'), JSON.stringify(index));
      await assert.rejects(loadModelInNode(dir), (e: unknown) => e instanceof ModelLoadError && e.message.includes('must be an object'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const v2 = await folderWithAttention();

describe('a model with attention outputs (128x128 pictures, 16x16 latents)', { skip: v2 === null ? 'no v2 export here (training/.cache/v2/export-*)' : false }, () => {
  let model: DiffusionModel;
  before(async () => {
    model = await loadModelInNode(v2!);
  });
  after(() => model.dispose());

  test('reads a 128-pixel native size over 16x16 latents (VAE factor 8) and declares the outputs', () => {
    assert.equal(model.config.vaeScaleFactor, 8);
    assert.equal(model.config.sampleSize, 16);
    assert.equal(model.config.imageSize, 128);
    assert.deepEqual([...model.config.unetAttentionOutputs].sort(), ['cross_attention_16x16', 'cross_attention_8x8']);
  });

  test('asked for, they are head-averaged attention probabilities [B, h*w, S]; out_sample is unchanged', async () => {
    const S = model.config.textMaxLength;
    const ids = model.tokenizer.encode('a white sheep riding a red motorcycle').ids;
    const rows = [ids, model.tokenizer.encode('').ids];
    const { runTextEncoder } = await import('../../src/pipeline/model/components.js');
    const states = await runTextEncoder(model.components.textEncoder, rows);
    const sample = tensor(Float32Array.from({ length: 2 * 4 * 16 * 16 }, (_, i) => Math.sin(i)), [2, 4, 16, 16]);
    const plain = await runUnet(model.components.unet, sample, 501, states);
    const { noise, outputs } = await runUnetWithOutputs(model.components.unet, sample, 501, states, model.config.unetAttentionOutputs);
    assert.deepEqual(Array.from(noise.data), Array.from(plain.data));
    for (const [name, cells] of [['cross_attention_16x16', 256], ['cross_attention_8x8', 64]] as const) {
      const a = outputs[name]!;
      assert.deepEqual(a.shape, [2, cells, S]);
      for (let r = 0; r < 2 * cells; r++) {
        let sum = 0;
        for (let k = 0; k < S; k++) sum += a.data[r * S + k]!;
        assert.ok(Math.abs(sum - 1) < 1e-4, `${name} row ${r} sums to ${sum}`);
      }
    }
  });

  test('generates and decodes a 128x128 picture by default', async () => {
    const { steps } = await generateAll(model, { prompt: 'a sheep riding a motorcycle', seed: 1, steps: 2 });
    assert.deepEqual(steps.at(-1)!.latentOut.shape, [1, 4, 16, 16]);
    const image = await decodeLatent(model, steps.at(-1)!.latentOut);
    assert.deepEqual([image.width, image.height], [128, 128]);
  });
});

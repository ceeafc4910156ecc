/**
 * Seeded fuzzing of model folders, like the recording parser's: thousands of mutated
 * `model_index.json`, scheduler configs and tokenizer files (values swapped for hostile ones,
 * keys deleted, bytes flipped, text mangled, files removed) of the pocket model and the SD 1.5
 * fixture. Each folder must load and run two steps, or fail with one of our typed errors:
 * never another error, a hang or a memory blow-up. Graphs are stand-ins with the real
 * contract, so the fuzzing is about everything around onnxruntime, and fast.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LatentExplorablesError } from '../../src/errors.js';
import { loadModel } from '../../src/pipeline/model/load-model.js';
import { fileSource } from '../../src/pipeline/model/file-source.js';
import { CLIP_ASSETS_DIR } from '../../src/pipeline/model/node.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { maxBytesOf, tooLargeError, type ModelSource, type ReadOptions } from '../../src/pipeline/model/source.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import type { OnnxBackend, OnnxSession } from '../../src/pipeline/io/backend.js';
import type { GraphValue, IoDtype, IoTensor } from '../../src/pipeline/io/tensors.js';
import { seededRandom } from './trajectory-steps.js';

type Random = () => number;
type Json = Record<string, unknown>;
type Files = Map<string, Uint8Array>;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: Random, below: number): number => Math.floor(random() * below);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const encode = (value: string) => new TextEncoder().encode(value);

const HOSTILE_VALUES: unknown[] = [
  -1, 0, 1, 3, 2 ** 31, 2 ** 53, 1e9, 1e308, -1e308, 0.5, 1e-300, 'NaN', 'Infinity', '', null, true, false, [], {},
  '../../etc/passwd', '//other-host/x.json', 'http://other-host/x.json', '/dev/zero', 'tokenizer/../../x', 'a\u0000b',
  '\u001b[2J', 'x'.repeat(100_000), [2 ** 31 - 1, 2 ** 31 - 1], Array(200).fill(7), Array(50).fill([1, 2, 3]),
  'DDIMScheduler', 'PNDMScheduler', 'leading', 'trailing', 'v_prediction', 'word-level', 'clip-bpe', 'float16', 'int64',
  { weights: [[1, 2, 3]], bias: [0, 0, 0] }, JSON.parse('['.repeat(40) + ']'.repeat(40)),
];

/** Reads a folder into memory. */
async function readFolder(dir: string): Promise<Files> {
  const files: Files = new Map();
  const walk = async (at: string): Promise<void> => {
    for (const name of await readdir(at)) {
      const path = join(at, name);
      if ((await stat(path)).isDirectory()) await walk(path);
      else if (!name.endsWith('.onnx') && !name.endsWith('.md') && !name.endsWith('.png')) files.set(relative(dir, path), new Uint8Array(await readFile(path)));
    }
  };
  await walk(dir);
  return files;
}

/** A folder in memory, with the byte limits a real source enforces. */
function memorySource(files: Files, id: string): ModelSource {
  return {
    id,
    async read(path: string, options: ReadOptions = {}) {
      const bytes = files.get(path) ?? (path.endsWith('.onnx') ? new Uint8Array(0) : undefined);
      if (!bytes) throw new ModelLoadError(path, `is missing from ${id}`);
      if (bytes.length > maxBytesOf(options)) throw tooLargeError(path, options, bytes.length);
      return bytes;
    },
    async exists(path: string) {
      return files.has(path) || path.endsWith('.onnx');
    },
  };
}

/** Graph contracts of the two base folders, with symbolic sizes so any latent size can be fed. */
const GRAPHS: Record<string, Record<string, { inputs: [string, IoDtype][]; outputs: [string, IoDtype][] }>> = {
  pocket: {
    textEncoder: { inputs: [['input_ids', 'int64']], outputs: [['last_hidden_state', 'float32']] },
    // The cross-attention maps the pocket folder declares in model_index.json (issue 18).
    unet: {
      inputs: [['sample', 'float32'], ['timestep', 'float32'], ['encoder_hidden_states', 'float32']],
      outputs: [['out_sample', 'float32'], ['cross_attention_16x16', 'float32'], ['cross_attention_8x8', 'float32']],
    },
    vaeDecoder: { inputs: [['latent_sample', 'float32']], outputs: [['sample', 'float32']] },
  },
  sd15: {
    textEncoder: { inputs: [['input_ids', 'int32']], outputs: [['last_hidden_state', 'float32']] },
    unet: { inputs: [['sample', 'float32'], ['timestep', 'int64'], ['encoder_hidden_states', 'float32']], outputs: [['out_sample', 'float32']] },
    vaeDecoder: { inputs: [['latent_sample', 'float32']], outputs: [['sample', 'float32']] },
  },
};

/** Sessions that answer with zeros of the right shape: the text encoder's states, the UNet's noise. */
function standInBackend(kind: keyof typeof GRAPHS): OnnxBackend {
  const value = ([name, dtype]: [string, IoDtype]): GraphValue => ({ name, dtype, shape: name === 'timestep' ? ['batch'] : ['batch', 'a', 'b', 'c'].slice(0, name === 'input_ids' ? 2 : 4) });
  return {
    name: 'stand-in',
    availableProviders: async () => ['cpu'],
    async createSession(_model, request) {
      const graph = GRAPHS[kind]![request.label]!;
      const session: OnnxSession = {
        inputs: graph.inputs.map(value),
        outputs: graph.outputs.map(value),
        provider: 'cpu',
        async run(feeds): Promise<Record<string, IoTensor>> {
          if (request.label === 'textEncoder') {
            const [batch, length] = feeds['input_ids']!.dims;
            return { last_hidden_state: { dtype: 'float32', dims: [batch!, length!, 8], data: new Float32Array(batch! * length! * 8) } };
          }
          const sample = feeds['sample']!;
          return { out_sample: { dtype: 'float32', dims: [...sample.dims], data: new Float32Array(sample.data.length) } };
        },
        release: async () => undefined,
      };
      return session;
    },
  };
}

function slots(value: unknown, out: [Json | unknown[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.slice(0, 64).forEach((item, i) => (out.push([value, i]), slots(item, out)));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value).slice(0, 64)) out.push([value as Json, key]), slots(item, out);
  }
  return out;
}

/** Applies `change` to the parsed JSON file `path` (left alone when it does not parse). */
function editJson(files: Files, path: string, change: (json: Json) => void): void {
  const bytes = files.get(path);
  if (!bytes) return;
  let json: Json;
  try {
    json = JSON.parse(text(bytes)) as Json;
  } catch {
    return;
  }
  change(json);
  files.set(path, encode(JSON.stringify(json)));
}

const mutations: Record<string, (random: Random, files: Files, path: string) => void> = {
  swapValue(random, files, path) {
    editJson(files, path, (json) => {
      const all = slots(json);
      if (all.length === 0) return;
      const [container, key] = pick(random, all);
      (container as Record<string | number, unknown>)[key] = structuredClone(pick(random, HOSTILE_VALUES));
    });
  },
  swapOurValue(random, files) {
    editJson(files, 'model_index.json', (json) => {
      const ours = (json['latent_explorables'] ?? (json['latent_explorables'] = {})) as Json;
      const key = pick(random, ['sample_size', 'image_size', 'vae_scale_factor', 'latent_channels', 'text_max_length', 'word_map', 'latent_rgb', 'tokenizer_type', 'timestep_dtype', 'prediction_type', 'default_num_inference_steps', 'default_guidance_scale', 'vae_scaling_factor']);
      if (typeof ours === 'object' && ours) ours[key] = structuredClone(pick(random, HOSTILE_VALUES));
    });
  },
  swapSchedulerValue(random, files) {
    editJson(files, 'scheduler/scheduler_config.json', (json) => {
      const key = pick(random, ['num_train_timesteps', 'beta_start', 'beta_end', 'beta_schedule', 'trained_betas', 'steps_offset', 'timestep_spacing', 'prediction_type', '_class_name', 'clip_sample_range', 'rescale_betas_zero_snr', 'made_up_key']);
      json[key] = structuredClone(pick(random, HOSTILE_VALUES));
    });
  },
  deleteKey(random, files, path) {
    editJson(files, path, (json) => {
      const all = slots(json);
      if (all.length === 0) return;
      const [container, key] = pick(random, all);
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key as string];
    });
  },
  flipBytes(random, files, path) {
    const bytes = files.get(path);
    if (!bytes?.length) return;
    const out = bytes.slice();
    for (let n = 1 + int(random, 6); n > 0; n -= 1) out[int(random, out.length)] = int(random, 256);
    files.set(path, out);
  },
  truncate(random, files, path) {
    const bytes = files.get(path);
    if (bytes) files.set(path, bytes.slice(0, int(random, bytes.length)));
  },
  mangleText(random, files, path) {
    const bytes = files.get(path);
    if (!bytes) return;
    const source = text(bytes);
    const at = int(random, source.length + 1);
    const insert = pick(random, ['{', '[', ']', '}', '"', ',', ':', '\\', '9e999', '-0', '\u0000', '[[[[[[[[[[[[[[[[[[[[', '"\u202e"']);
    files.set(path, encode(source.slice(0, at) + insert + source.slice(at + int(random, 3))));
  },
  removeFile(_random, files, path) {
    files.delete(path);
  },
};

async function fuzz(kind: 'pocket' | 'sd15', folder: string, rounds: number, seed: number) {
  const base = await readFolder(folder);
  const paths = [...base.keys()];
  const clipAssets = fileSource(CLIP_ASSETS_DIR);
  const random = seededRandom(seed);
  const names = Object.keys(mutations);
  const outcomes = { ran: 0, refused: 0 };
  const codes = new Map<string, number>();
  let peakRss = 0;
  for (let round = 0; round < rounds; round += 1) {
    const files: Files = new Map(base);
    const applied: string[] = [];
    for (let n = 1 + int(random, 3); n > 0; n -= 1) {
      const name = names[int(random, names.length)]!;
      const path = pick(random, paths);
      mutations[name]!(random, files, path);
      applied.push(`${name}(${path})`);
    }
    try {
      const model = await loadModel(memorySource(files, `${kind}-${round}`), { backend: standInBackend(kind), clipAssets, skipVaeEncoder: true });
      const { steps } = await generateAll(model, { prompt: 'a sheep riding a motorcycle', seed: round, steps: 2 });
      assert.equal(steps.length, 2);
      await model.dispose();
      outcomes.ran += 1;
    } catch (error) {
      if (!(error instanceof LatentExplorablesError)) assert.fail(`${kind} round ${round} [${applied.join(', ')}] threw ${(error as Error)?.stack ?? String(error)}`);
      assert.ok(error.field !== undefined, `${kind} round ${round}: ${error.message} names no field`);
      assert.ok(error.message.length < 400, `${kind} round ${round}: a message of ${error.message.length} characters`);
      codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
      outcomes.refused += 1;
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return { outcomes, codes, peakRss };
}

describe('model folder fuzzing', () => {
  it('the pocket folder: 3000 seeded mutations each load and run, or end in a typed error', { timeout: 600_000 }, async () => {
    const { outcomes, codes, peakRss } = await fuzz('pocket', 'assets/models/pocket', 3000, 20260301);
    // Both outcomes must occur, or the fuzzer is not exercising the loader.
    assert.ok(outcomes.ran > 300 && outcomes.refused > 1000, JSON.stringify(outcomes));
    assert.ok(codes.size >= 3, `several kinds of refusal: ${JSON.stringify([...codes])}`);
    assert.ok(peakRss < 2 ** 31, `memory stays bounded (${(peakRss / 2 ** 20).toFixed(0)} MiB)`);
  });

  it('the SD 1.5 fixture (CLIP tokenizer configs, PNDM): 600 seeded mutations likewise', { timeout: 600_000 }, async () => {
    const { outcomes, peakRss } = await fuzz('sd15', 'test/fixtures/models/sd15', 600, 20260302);
    assert.ok(outcomes.ran > 60 && outcomes.refused > 200, JSON.stringify(outcomes));
    assert.ok(peakRss < 2 ** 31, `memory stays bounded (${(peakRss / 2 ** 20).toFixed(0)} MiB)`);
  });
});

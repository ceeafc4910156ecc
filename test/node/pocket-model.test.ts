// The shipped pocket model (assets/models/pocket) loads in onnxruntime-node, matches the PyTorch
// reference outputs written by training/export.py (v1) or export_v2.py (v2) within 1e-4, and takes
// any batch size.  POCKET_DIR tests another folder (a v2 candidate) against its own reference_v2.json.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';

const dir = process.env['POCKET_DIR'] ?? 'assets/models/pocket';
const json = (p: string) => JSON.parse(readFileSync(join(dir, p), 'utf8'));
const version: number = json('model_index.json').latent_explorables.version ?? 1;
const referenceFile =
  version === 1 ? 'training/reference/pocket_reference.json' : process.env['POCKET_DIR'] ? join(dir, 'reference_v2.json') : 'training/reference/pocket_reference_v2.json';
const reference = JSON.parse(readFileSync(referenceFile, 'utf8'));

interface Stored {
  dtype: 'float32' | 'int64';
  dims: number[];
  data: string;
}

function tensor(s: Stored): ort.Tensor {
  const buf = Buffer.from(s.data, 'base64');
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  const data = s.dtype === 'int64' ? new BigInt64Array(bytes.buffer) : new Float32Array(bytes.buffer);
  return new ort.Tensor(s.dtype, data, s.dims);
}

function maxAbsDiff(a: ort.Tensor, b: ort.Tensor): number {
  assert.deepEqual(a.dims, b.dims);
  const x = a.data as Float32Array;
  const y = b.data as Float32Array;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}

/** First item of a batch, as its own batch of one. */
function first(t: ort.Tensor): ort.Tensor {
  const n = t.data.length / (t.dims[0] as number);
  const data = t.type === 'int64' ? (t.data as BigInt64Array).slice(0, n) : (t.data as Float32Array).slice(0, n);
  return new ort.Tensor(t.type as 'float32', data as Float32Array, [1, ...t.dims.slice(1)]);
}

function repeat(t: ort.Tensor, k: number): ort.Tensor {
  const src = t.data as Float32Array | BigInt64Array;
  const out = t.type === 'int64' ? new BigInt64Array(src.length * k) : new Float32Array(src.length * k);
  for (let i = 0; i < k; i++) (out as Float32Array).set(src as Float32Array, i * src.length);
  return new ort.Tensor(t.type as 'float32', out as Float32Array, [(t.dims[0] as number) * k, ...t.dims.slice(1)]);
}

const graphs = ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder'] as const;
const sessions: Record<string, ort.InferenceSession> = {};

describe('pocket model folder', () => {
  before(async () => {
    for (const g of graphs) sessions[g] = await ort.InferenceSession.create(join(dir, g, 'model.onnx'), { intraOpNumThreads: 2 });
  });

  it('has the diffusers ONNX layout, the documented metadata, and stays under 25 MB', () => {
    const index = json('model_index.json');
    assert.equal(index._class_name, 'OnnxStableDiffusionPipeline');
    const lx = index.latent_explorables;
    for (const k of ['vae_scaling_factor', 'vae_scale_factor', 'sample_size', 'image_size', 'text_max_length', 'timestep_dtype', 'prediction_type'])
      assert.ok(k in lx, k);
    assert.equal(lx.tokenizer_type, 'word-level');
    assert.equal(lx.sample_size * lx.vae_scale_factor, lx.image_size);
    const sched = json('scheduler/scheduler_config.json');
    assert.equal(sched._class_name, 'DDIMScheduler');
    assert.equal(sched.prediction_type, lx.prediction_type);
    const rgb = json('latent_rgb.json');
    assert.equal(rgb.weights.length, 4);
    assert.equal(rgb.bias.length, 3);
    let total = 0;
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else total += statSync(join(d, e.name)).size;
      }
    };
    walk(dir);
    assert.ok(total <= 25e6, `${total} bytes`);
  });

  it('tokenizer.json loads in @huggingface/tokenizers and gives the training ids', () => {
    const tok = new Tokenizer(json('tokenizer/tokenizer.json'), json('tokenizer/tokenizer_config.json'));
    const ids = reference.text_encoder.inputs.input_ids as Stored;
    const expected = Array.from(tensor(ids).data as BigInt64Array, Number).slice(0, 16);
    const got = tok.encode('A white sheep riding a red motorcycle, on a road at sunset').ids.map(Number);
    assert.deepEqual(got, expected.filter((v) => v !== 0));
    assert.deepEqual(tok.encode('').ids.map(Number), [2, 3]);
    const map = json('tokenizer/word_map.json');
    assert.equal(map.version, 1);
    assert.equal(map.map.motorbike[0], 'motorcycle');
    assert.equal(map.map.lamb[0], 'sheep');
  });

  for (const g of graphs) {
    it(`${g}: onnxruntime matches PyTorch within 1e-4`, async () => {
      const ref = reference[g];
      const feeds: Record<string, ort.Tensor> = {};
      for (const [k, v] of Object.entries(ref.inputs)) feeds[k] = tensor(v as Stored);
      const out = await sessions[g]!.run(feeds);
      for (const [k, v] of Object.entries(ref.outputs)) {
        const d = maxAbsDiff(out[k]!, tensor(v as Stored));
        assert.ok(d <= 1e-4, `${g}.${k}: max |diff| ${d}`);
      }
    });

    it(`${g}: dynamic batch (1 and 3) gives the same rows`, async () => {
      const ref = reference[g];
      const feeds1: Record<string, ort.Tensor> = {};
      const feeds3: Record<string, ort.Tensor> = {};
      for (const [k, v] of Object.entries(ref.inputs)) {
        feeds1[k] = first(tensor(v as Stored));
        feeds3[k] = repeat(feeds1[k]!, 3);
      }
      const o1 = await sessions[g]!.run(feeds1);
      const o3 = await sessions[g]!.run(feeds3);
      for (const k of Object.keys(ref.outputs)) {
        assert.equal(o3[k]!.dims[0], 3);
        assert.ok(maxAbsDiff(o1[k]!, first(tensor(ref.outputs[k] as Stored))) <= 1e-4, `${g}.${k} batch 1`);
        const rows = o3[k]!.data as Float32Array;
        const n = rows.length / 3;
        const one = o1[k]!.data as Float32Array;
        let m = 0;
        for (let r = 0; r < 3; r++) for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(rows[r * n + i]! - one[i]!));
        assert.ok(m <= 1e-4, `${g}.${k} batch 3 rows differ by ${m}`);
      }
    });
  }
});

// A minimal onnxruntime-node runner for the pocket model, used by training/eval_generate.ts and
// bench/pocket-model.bench.ts (timing and evaluation only; the library has its own pipeline).
// DDIM as configured in scheduler/scheduler_config.json: scaled_linear betas, 'leading' spacing,
// steps_offset 1, set_alpha_to_one false, eta 0, epsilon prediction, classifier-free guidance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';

export interface Pocket {
  dir: string;
  index: any;
  L: number;
  sf: number;
  tokenizer: Tokenizer;
  vocab: Set<string>;
  wordMap: Record<string, [string, number]>;
  text: ort.InferenceSession;
  unet: ort.InferenceSession;
  decoder: ort.InferenceSession;
}

export async function loadPocket(dir: string, threads = 2): Promise<Pocket> {
  const opts: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const json = (p: string) => JSON.parse(readFileSync(join(dir, p), 'utf8'));
  const index = json('model_index.json');
  const tj = json('tokenizer/tokenizer.json');
  const [text, unet, decoder] = await Promise.all(
    ['text_encoder', 'unet', 'vae_decoder'].map((m) => ort.InferenceSession.create(join(dir, m, 'model.onnx'), opts)),
  );
  return {
    dir,
    index,
    L: index.latent_explorables.text_max_length,
    sf: index.latent_explorables.vae_scaling_factor,
    tokenizer: new Tokenizer(tj, json('tokenizer/tokenizer_config.json')),
    vocab: new Set(Object.keys(tj.model.vocab)),
    wordMap: json('tokenizer/word_map.json').map,
    text,
    unet,
    decoder,
  };
}

/** Lower-cases, rewrites out-of-vocabulary words through word_map.json, tokenises, truncates to L
 * keeping [EOS] last, pads with [PAD]=0 (tokenizers.js applies neither padding nor truncation). */
export function tokenize(p: Pocket, prompt: string): number[] {
  const words = prompt.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const rewritten = words.map((w) => (p.vocab.has(w) ? w : p.wordMap[w]?.[0] ?? w)).join(' ');
  let ids = p.tokenizer.encode(rewritten).ids.map(Number);
  if (ids.length > p.L) ids = [...ids.slice(0, p.L - 1), ids[ids.length - 1]];
  while (ids.length < p.L) ids.push(0);
  return ids;
}

export async function encodeText(p: Pocket, prompts: string[]): Promise<ort.Tensor> {
  const ids = BigInt64Array.from(prompts.flatMap((s) => tokenize(p, s)).map((v) => BigInt(v)));
  const out = await p.text.run({ input_ids: new ort.Tensor('int64', ids, [prompts.length, p.L]) });
  return out.last_hidden_state;
}

export function alphasCumprod(): Float64Array {
  const n = 1000;
  const a = new Float64Array(n);
  const s0 = Math.sqrt(0.00085);
  const s1 = Math.sqrt(0.012);
  let c = 1;
  for (let i = 0; i < n; i++) {
    const b = (s0 + ((s1 - s0) * i) / (n - 1)) ** 2;
    c *= 1 - b;
    a[i] = c;
  }
  return a;
}

export function ddimTimesteps(steps: number): number[] {
  const ratio = Math.floor(1000 / steps);
  const ts: number[] = [];
  for (let i = steps - 1; i >= 0; i--) ts.push(i * ratio + 1);
  return ts;
}

/** Seeded standard normal noise (mulberry32 + Box-Muller). */
export function seededNoise(seed: number, n: number): Float32Array {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = Math.max(rnd(), 1e-12);
    const v = rnd();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Guided DDIM for a batch of prompts; returns decoder output [B,3,64,64] in [-1,1]. */
export async function generate(
  p: Pocket,
  prompts: string[],
  seeds: number[],
  guidance: number,
  steps = 20,
): Promise<ort.Tensor> {
  const B = prompts.length;
  const S = 4 * 16 * 16;
  const ctxCond = await encodeText(p, prompts);
  const ctxUncond = await encodeText(p, prompts.map(() => ''));
  const D = ctxCond.dims[2] as number;
  const ctx = new Float32Array(2 * B * p.L * D);
  ctx.set(ctxUncond.data as Float32Array, 0);
  ctx.set(ctxCond.data as Float32Array, B * p.L * D);
  const ctxT = new ort.Tensor('float32', ctx, [2 * B, p.L, D]);
  const x = new Float32Array(B * S);
  seeds.forEach((sd, i) => x.set(seededNoise(sd, S), i * S));
  const ac = alphasCumprod();
  const ratio = Math.floor(1000 / steps);
  const both = new Float32Array(2 * B * S);
  for (const t of ddimTimesteps(steps)) {
    both.set(x, 0);
    both.set(x, B * S);
    const out = await p.unet.run({
      sample: new ort.Tensor('float32', both, [2 * B, 4, 16, 16]),
      timestep: new ort.Tensor('float32', new Float32Array(2 * B).fill(t), [2 * B]),
      encoder_hidden_states: ctxT,
    });
    const e = out.out_sample.data as Float32Array;
    const at = ac[t];
    const ap = t - ratio >= 0 ? ac[t - ratio] : ac[0];
    const sa = Math.sqrt(at);
    const s1a = Math.sqrt(1 - at);
    for (let i = 0; i < B * S; i++) {
      const eu = e[i];
      const eps = eu + guidance * (e[B * S + i] - eu);
      const x0 = (x[i] - s1a * eps) / sa;
      x[i] = Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * eps;
    }
  }
  for (let i = 0; i < x.length; i++) x[i] /= p.sf;
  const img = await p.decoder.run({ latent_sample: new ort.Tensor('float32', x, [B, 4, 16, 16]) });
  return img.sample;
}

// Speed of pocket models on the library's own runtime (loadModelInNode, onnxruntime-node, 2 intra-op
// threads), two models side by side in one run so their ratio is fair on a shared machine.
// Run: npm run bench:model [-- A_DIR [B_DIR]]
//   default A: assets/models/pocket; default B: the newest v2 candidate in training/.cache/v2/export-*
// Prints, per model, median wall time and mean process CPU time of: one UNet step at batch 2 (the
// guided pair), one VAE decode (batch 1), and a full 20-step guided generation with its decode.
// Measurements alternate between the models, so load from other processes hits both alike.
import { cpus } from 'node:os';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createNodeBackend, decodeLatent, generateAll, loadModelInNode, tensor, type DiffusionModel } from '../src/node.js';
import { runTextEncoder, runUnet, runVaeDecoder } from '../src/pipeline/model/components.js';

async function newestCandidate(): Promise<string | null> {
  const root = 'training/.cache/v2';
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => n.startsWith('export-'));
  const withTime = await Promise.all(names.map(async (n) => ({ dir: join(root, n), t: (await stat(join(root, n))).mtimeMs })));
  return withTime.sort((a, b) => b.t - a.t)[0]?.dir ?? null;
}

const threads = Number(process.env['ORT_THREADS'] ?? 2);
const dirs = [process.argv[2] ?? 'assets/models/pocket', process.argv[3] ?? (await newestCandidate())].filter((d): d is string => !!d);
const models: DiffusionModel[] = [];
for (const dir of dirs) models.push(await loadModelInNode(dir, { backend: createNodeBackend({ intraOpNumThreads: threads }) }));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type Job = (model: DiffusionModel) => Promise<unknown>;

/** Runs `job` on every model, alternating, `iterations` times each (after warm-up); prints one line per model. */
async function compare(label: string, iterations: number, job: Job): Promise<void> {
  for (const m of models) for (let i = 0; i < Math.min(2, iterations); i++) await job(m);
  const walls = models.map(() => [] as number[]);
  const cpu = models.map(() => 0);
  for (let i = 0; i < iterations; i++) {
    for (let k = 0; k < models.length; k++) {
      const c0 = process.cpuUsage();
      const t = performance.now();
      await job(models[k]!);
      walls[k]!.push(performance.now() - t);
      const c = process.cpuUsage(c0);
      cpu[k]! += (c.user + c.system) / 1000;
    }
  }
  const base = median(walls[0]!);
  models.forEach((m, k) => {
    const name = `${m.config.imageSize}px ${dirs[k]}`;
    const ratio = k === 0 ? '' : `   x${(median(walls[k]!) / base).toFixed(2)} of the first`;
    console.log(
      `${label.padEnd(40)} ${name.padEnd(40)} median ${median(walls[k]!).toFixed(1).padStart(8)} ms   cpu ${(cpu[k]! / iterations).toFixed(1).padStart(8)} ms${ratio}`,
    );
  });
}

const prompt = 'a white sheep riding a red motorcycle on a road at sunset';
const states = await Promise.all(
  models.map((m) => runTextEncoder(m.components.textEncoder, [m.tokenizer.encode(prompt).ids, m.tokenizer.encode('').ids])),
);
const latent = (m: DiffusionModel, batch: number) => {
  const n = batch * m.config.latentChannels * m.config.sampleSize ** 2;
  return tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.5), [batch, m.config.latentChannels, m.config.sampleSize, m.config.sampleSize]);
};

console.log(`pocket models on the library runtime (onnxruntime-node, ${threads} threads, ${cpus()[0]?.model ?? ''})`);
await compare('UNet step (batch 2, cond + uncond)', 40, (m) => runUnet(m.components.unet, latent(m, 2), 501, states[models.indexOf(m)]!));
await compare('VAE decode (batch 1)', 20, (m) => runVaeDecoder(m.components.vaeDecoder, latent(m, 1)));
await compare('full generation (20 steps, guidance 5, decode)', 6, async (m) => {
  const { steps } = await generateAll(m, { prompt, seed: 42, steps: 20, guidanceScale: 5 });
  return decodeLatent(m, steps.at(-1)!.latentOut);
});
for (const m of models) await m.dispose();

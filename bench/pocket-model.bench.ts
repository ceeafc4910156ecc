// Speed of the shipped pocket model in onnxruntime-node (2 intra-op threads).
// Run: npm run bench:model   (npx tsx bench/pocket-model.bench.ts [model dir])
// Prints median wall time and mean process CPU time for: one text encoding (batch 1), one UNet step
// at batch 2 (the guided pair), one VAE decode (batch 1), and a full 20-step guided generation.
// On a shared machine wall time includes slices lost to other processes; CPU time / threads is the
// better number to compare between runs.
import { cpus } from 'node:os';
import * as ort from 'onnxruntime-node';
import { loadPocket, encodeText, generate } from '../training/pocket_runtime.js';

const dir = process.argv[2] ?? 'assets/models/pocket';
const threads = Number(process.env.ORT_THREADS ?? 2);
const p = await loadPocket(dir, threads);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(label: string, iterations: number, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(3, iterations); i++) await fn();
  const walls: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    walls.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / iterations;
  console.log(
    `${label.padEnd(44)} median ${median(walls).toFixed(2).padStart(8)} ms   min ${Math.min(...walls).toFixed(2).padStart(8)} ms   cpu ${cpuMs.toFixed(2).padStart(8)} ms`,
  );
}

const prompt = 'a white sheep riding a red motorcycle on a road at sunset';
const ctx = await encodeText(p, [prompt, '']);
const sample = new ort.Tensor('float32', new Float32Array(2 * 4 * 16 * 16).fill(0.1), [2, 4, 16, 16]);
const timestep = new ort.Tensor('float32', new Float32Array([501, 501]), [2]);
const latent = new ort.Tensor('float32', new Float32Array(4 * 16 * 16).fill(0.1), [1, 4, 16, 16]);

console.log(`pocket model, onnxruntime-node ${ort.env.versions?.common ?? ''}, ${threads} threads, ${cpus()[0]?.model ?? ''}`);
await time('text encoding (batch 1)', 50, () => encodeText(p, [prompt]));
await time('UNet step (batch 2, cond + uncond)', 50, () =>
  p.unet.run({ sample, timestep, encoder_hidden_states: ctx }),
);
await time('VAE decode (batch 1, 16x16x4 -> 64x64x3)', 30, () => p.decoder.run({ latent_sample: latent }));
await time('full generation (20 DDIM steps, guidance 5)', 10, () => generate(p, [prompt], [42], 5, 20));

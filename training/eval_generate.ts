// Generates evaluation images with the shipped ONNX model (onnxruntime-node), for training/eval.py.
//   tsx training/eval_generate.ts JOBS.json OUT.u8 [MODEL_DIR]
// JOBS.json: {"prompts": [..], "seeds": [..], "guidance": [..], "steps": 20, "batch": 25}
// OUT.u8: uint8 RGB, [guidance][prompt][64][64][3].
import { openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { loadPocket, generate } from './pocket_runtime.js';

const [jobsPath, outPath, dir = 'assets/models/pocket'] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobsPath, 'utf8'));
const p = await loadPocket(dir, Number(process.env.ORT_THREADS ?? 2));
const fd = openSync(outPath, 'w');
const t0 = performance.now();
const bs: number = jobs.batch ?? 25;
for (const g of jobs.guidance as number[]) {
  for (let i = 0; i < jobs.prompts.length; i += bs) {
    const prompts = jobs.prompts.slice(i, i + bs);
    const seeds = jobs.seeds.slice(i, i + bs);
    const img = (await generate(p, prompts, seeds, g, jobs.steps ?? 20)).data as Float32Array;
    const B = prompts.length;
    const u8 = new Uint8Array(B * 64 * 64 * 3);
    for (let b = 0; b < B; b++)
      for (let c = 0; c < 3; c++)
        for (let k = 0; k < 4096; k++) {
          const v = Math.round((img[(b * 3 + c) * 4096 + k] + 1) * 127.5);
          u8[(b * 4096 + k) * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
    writeSync(fd, u8);
  }
  console.log(`guidance ${g}: ${jobs.prompts.length} images, ${((performance.now() - t0) / 1000).toFixed(0)}s so far`);
}
closeSync(fd);

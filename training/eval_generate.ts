// Generates evaluation images with the library's own runtime (loadModelInNode + sweep, the code
// users run: tokenizer with word map, DDIM from the folder's scheduler config, guidance, VAE decode).
//   tsx training/eval_generate.ts JOBS.json OUT.u8 [MODEL_DIR]
// JOBS.json: {"prompts": [..], "seeds": [..], "guidance": [..], "steps": 20}
// OUT.u8: uint8 RGB, [guidance][prompt][size][size][3], size = the model's native image size.
// Each prompt runs once as a sweep over the guidance scales (one text encoding, batched UNet rows).
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createNodeBackend, decodeLatent, loadModelInNode, sweep, type StepRecord } from '../src/node.js';

const [jobsPath, outPath, dir = 'assets/models/pocket'] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobsPath!, 'utf8')) as { prompts: string[]; seeds: number[]; guidance: number[]; steps?: number };
const threads = Number(process.env.ORT_THREADS ?? 2);
const model = await loadModelInNode(dir, { backend: createNodeBackend({ intraOpNumThreads: threads }) });
const size = model.config.imageSize;
const G = jobs.guidance.length;
const N = jobs.prompts.length;
const out = new Uint8Array(G * N * size * size * 3);
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const cells = jobs.guidance.map((guidanceScale) => ({ seed: jobs.seeds[i]!, guidanceScale }));
  let finals: StepRecord[] = [];
  const run = sweep(model, { prompt: jobs.prompts[i]!, steps: jobs.steps ?? 20, maxBatch: 2 * G }, cells);
  for await (const records of run) finals = records;
  for (let g = 0; g < G; g++) {
    const img = await decodeLatent(model, finals[g]!.latentOut);
    const base = (g * N + i) * size * size * 3;
    for (let k = 0; k < size * size; k++) {
      out[base + k * 3] = img.data[k * 4]!;
      out[base + k * 3 + 1] = img.data[k * 4 + 1]!;
      out[base + k * 3 + 2] = img.data[k * 4 + 2]!;
    }
  }
  if ((i + 1) % 50 === 0 || i === N - 1) console.log(`${i + 1}/${N} prompts x ${G} guidance, ${((performance.now() - t0) / 1000).toFixed(0)}s`);
}
const fd = openSync(outPath!, 'w');
writeSync(fd, out);
closeSync(fd);
await model.dispose();

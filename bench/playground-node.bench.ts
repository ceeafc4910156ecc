/**
 * Playground training speed in Node, and the time from "Start" to recognisable samples on the
 * sheep preset (see playground-recognisable.ts for the criterion).
 *
 *   npx tsx bench/playground-node.bench.ts [--max-steps 8000] [--check-every 250]
 *
 * Wall time on a shared machine includes time slices lost to other processes, so CPU time of
 * this process is printed beside it.
 */
import { samplePreset } from '../src/playground/datasets.js';
import { defaultMlpConfig } from '../src/playground/mlp-layout.js';
import { createNoisePredictor } from '../src/playground/predict-noise.js';
import { sample } from '../src/playground/sampler.js';
import { playgroundScheduler } from '../src/playground/schedule.js';
import { createTrainer, trainerOptions, trainStep } from '../src/playground/trainer.js';
import { recognisable, scoreSheep } from './playground-recognisable.js';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const maxSteps = argument('--max-steps', 8000);
const checkEvery = argument('--check-every', 250);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6).toFixed(2);
};

const ddpm = playgroundScheduler('ddpm');
const ddim = playgroundScheduler('ddim');
const data = samplePreset('sheep', 2000, 0);
const heldOut = samplePreset('sheep', 600, 1).points;
const trainer = createTrainer(trainerOptions({ model: defaultMlpConfig, batchSize: 256, seed: 0 }));
console.log(`model: ${JSON.stringify(defaultMlpConfig)}, ${trainer.model.parameters.length} parameters, batch 256`);

// 1. Training speed: 20 warm-up steps, then 200 timed ones.
for (let i = 0; i < 20; i++) trainStep(trainer, data, ddpm.alphasCumprod);
let wallStart = performance.now();
let cpuStart = process.cpuUsage();
for (let i = 0; i < 200; i++) trainStep(trainer, data, ddpm.alphasCumprod);
const wall = performance.now() - wallStart;
const cpu = Number(cpuSeconds(cpuStart));
console.log(`training speed (Node): ${(200000 / wall).toFixed(1)} steps/s wall, ${(200 / cpu).toFixed(1)} steps/s per CPU-second`);

// 2. Start to recognisable: a fresh run, sampled every `checkEvery` steps (1000 points, DDIM 50 steps).
const run = createTrainer(trainerOptions({ model: defaultMlpConfig, batchSize: 256, seed: 0 }));
// As in the page: samples come from the moving average of the weights; the rate stays constant (open-ended run).
let trainingWall = 0;
let samplingWall = 0;
cpuStart = process.cpuUsage();
console.log(`criterion: share inside ≥ ${recognisable.minShareInside}, Chamfer ≤ ${recognisable.maxChamfer}`);
for (;;) {
  wallStart = performance.now();
  for (let i = 0; i < checkEvery && run.step < maxSteps; i++) trainStep(run, data, ddpm.alphasCumprod);
  trainingWall += performance.now() - wallStart;
  wallStart = performance.now();
  const samples = sample(createNoisePredictor(run.averaged), ddim, { count: 1000, steps: 50, seed: 0, label: null, guidance: 1 });
  samplingWall += performance.now() - wallStart;
  const score = scoreSheep(samples, heldOut);
  console.log(`step ${run.step}: share inside ${score.shareInside.toFixed(3)}, Chamfer ${score.chamfer.toFixed(3)}`);
  if (score.recognisable || run.step >= maxSteps) {
    const verdict = score.recognisable ? 'recognisable' : `not recognisable within ${maxSteps} steps`;
    console.log(
      `start → ${verdict} at step ${run.step}: ${seconds(trainingWall)} s training + ${seconds(samplingWall)} s of checks (wall), ${cpuSeconds(cpuStart)} CPU-s in all`,
    );
    break;
  }
}

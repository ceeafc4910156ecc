// Speed of scheduler steps on a Stable Diffusion latent (1×4×64×64 = 16 384 values).
// Run: npx tsx bench/schedulers.bench.ts
// Prints, per scheduler, the median wall time of `step` (noise drawing excluded: a constant
// NoiseSource stands in) and of `plan(50)`, plus the CPU time per element of `step`. On a
// shared machine wall time includes slices lost to other processes; compare the CPU figure.
import { createScheduler, SCHEDULER_NAMES, type NoiseSource } from '../src/pipeline/math/schedulers/index.js';

const ELEMENTS = 4 * 64 * 64;
const STEPS = 50;
const constantNoise: NoiseSource = { randn: (shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.1) };
const sample = Float32Array.from({ length: ELEMENTS }, (_, i) => Math.sin(i * 0.37));
const modelOutput = Float32Array.from({ length: ELEMENTS }, (_, i) => Math.cos(i * 0.11));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

let sink = 0;
console.log(`scheduler step on ${ELEMENTS} values, ${STEPS}-step plan`);
for (const className of SCHEDULER_NAMES) {
  const scheduler = createScheduler({ _class_name: className, beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012 });
  const planTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    sink += scheduler.plan(STEPS).timesteps[0]!;
    planTimes.push(performance.now() - start);
  }
  const plan = scheduler.plan(STEPS);
  const stepTimes: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let round = 0; round < 4; round++) {
    let state = scheduler.initialState(plan);
    let latents: Float32Array = sample;
    for (let i = 0; i < STEPS; i++) {
      const start = performance.now();
      const out = scheduler.step(plan, state, modelOutput, latents, constantNoise);
      stepTimes.push(performance.now() - start);
      latents = out.prevSample;
      state = out.state;
    }
    sink += latents[0]!;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuNsPerElement = ((cpu.user + cpu.system) * 1000) / (stepTimes.length * ELEMENTS);
  console.log(`  ${className.padEnd(32)} step ${median(stepTimes).toFixed(3)} ms (${cpuNsPerElement.toFixed(1)} ns CPU/value), plan(${STEPS}) ${median(planTimes).toFixed(3)} ms`);
}
if (Number.isNaN(sink)) console.log('unreachable');

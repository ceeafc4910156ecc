// Speed of torch-compatible seeded noise. Run: npx tsx bench/randn.bench.ts
// Prints, for both of torch's sampling paths, the median wall time per call and the mean CPU time
// per element. On a shared machine wall time includes time slices lost to other processes, so
// the CPU figure is the one to compare between runs.
import { TorchGenerator, randn } from '../src/pipeline/math/torch-random.js';

interface Case {
  readonly label: string;
  readonly shape: number[];
  readonly run: (shape: number[], iteration: number) => Float32Array;
}

const cases: Case[] = [
  { label: 'fresh seed, SD latent 1×4×64×64', shape: [1, 4, 64, 64], run: (shape, i) => randn(shape, i) },
  { label: 'fresh seed, SDXL latent 1×4×128×128', shape: [1, 4, 128, 128], run: (shape, i) => randn(shape, i) },
  { label: 'one generator, 1×4×64×64 per call', shape: [1, 4, 64, 64], run: oneGenerator() },
  { label: 'one generator, 7 elements per call (scalar path)', shape: [7], run: oneGenerator() },
];

function oneGenerator(): Case['run'] {
  const generator = new TorchGenerator(42);
  return (shape) => generator.randn(shape);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

let sink = 0;
for (const { label, shape, run } of cases) {
  const elements = shape.reduce((a, b) => a * b, 1);
  const iterations = Math.max(20, Math.min(2000, Math.round(2e6 / elements)));
  for (let i = 0; i < iterations; i++) sink += run(shape, i)[0]!; // warm-up: let the JIT settle
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    sink += run(shape, i)[0]!;
    times.push(performance.now() - start);
  }
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < iterations; i++) sink += run(shape, i)[0]!;
  const cpu = process.cpuUsage(cpuStart);
  const cpuNsPerElement = ((cpu.user + cpu.system) * 1e3) / (iterations * elements);
  const ms = median(times);
  console.log(`${label.padEnd(50)} ${ms.toFixed(3).padStart(8)} ms/call (wall, median) ${cpuNsPerElement.toFixed(1).padStart(7)} ns/element (CPU)`);
}
if (Number.isNaN(sink)) console.log('unexpected NaN');

// Cost of the trajectory plot's PCA (exact, through the N×N Gram matrix, see
// src/explorers/projection/wide-pca.ts) on stacked runs of random latents.
// Run: npx tsx bench/trajectory-projection.bench.ts
// Prints the median wall and CPU milliseconds of fit + projection per case (the machine is shared).
import { fitPcaAuto } from '../src/explorers/projection/wide-pca.js';
import { projectRows } from '../src/explorers/projection/linear-map.js';
import { trajectoryRows, type TrajectoryKind } from '../src/components/trajectory-plot/trajectory-rows.js';
import { syntheticSteps } from '../test/node/trajectory-steps.js';

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

const cases: { label: string; shape: number[]; runs: number; kinds: TrajectoryKind[] }[] = [
  { label: 'pocket 1×4×16×16, 1 run of 20 steps, latents', shape: [1, 4, 16, 16], runs: 1, kinds: ['latent'] },
  { label: 'pocket 1×4×16×16, 4 runs of 20 steps, latents + x̂₀', shape: [1, 4, 16, 16], runs: 4, kinds: ['latent', 'prediction'] },
  { label: 'SD 1×4×64×64, 4 runs of 20 steps, latents + x̂₀', shape: [1, 4, 64, 64], runs: 4, kinds: ['latent', 'prediction'] },
];

for (const { label, shape, runs, kinds } of cases) {
  const stacked = trajectoryRows(Array.from({ length: runs }, (_, run) => syntheticSteps(20, shape, 7.5, run + 1)), kinds);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    projectRows(fitPcaAuto(stacked.rows, stacked.dimensions), stacked.rows, stacked.dimensions);
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  console.log(`${label}: ${stacked.origins.length} rows × ${stacked.dimensions} → ${median(walls).toFixed(1)} ms wall, ${median(cpus).toFixed(1)} ms CPU (median of 5)`);
}

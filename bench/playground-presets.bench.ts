/**
 * Playground quality per preset at the element's default settings (src/playground/playground-defaults.ts):
 * trains from scratch in this process to the default step budget, samples as the element does,
 * and prints per class the share of samples inside the preset's shape, the Chamfer distance to
 * held-out data beside the data's own, and the training time (wall and CPU of this process —
 * on a shared machine wall time includes slices lost to other processes).
 *
 *   npx tsx bench/playground-presets.bench.ts [--preset sheep] [--steps 3000] [--seed 0]
 *
 * Criterion: share inside ≥ 0.85 and Chamfer ≤ 2 × the data's own, within 60 s.
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { presetNames, type PresetName } from '../src/playground/datasets.js';
import { playgroundDefaults } from '../src/playground/playground-defaults.js';
import { presetRun, qualityCriterion, scoreRun, trainTo } from '../src/playground/preset-quality.js';

const { values } = parseArgs({
  options: { preset: { type: 'string' }, steps: { type: 'string', default: String(playgroundDefaults.maxSteps) }, seed: { type: 'string', default: '0' } },
});
const presets = values.preset ? [values.preset as PresetName] : presetNames;
const steps = Number(values.steps);
const seed = Number(values.seed);
const { batchSize, learningRate, sampleCount, steps: samplingSteps, sampler, guidance, guidanceMinNoise } = playgroundDefaults;

console.log(`${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`);
console.log(
  `defaults: ${steps} steps at batch ${batchSize}, learning rate ${learningRate}; ${sampleCount} samples, ${sampler.toUpperCase()} ${samplingSteps} steps, guidance ${guidance} above σ ${guidanceMinNoise}; seed ${seed}`,
);
console.log(`criterion: share inside ≥ ${qualityCriterion.minShareInside}, Chamfer ≤ ${qualityCriterion.maxChamferRatio} × the data's own`);
let failures = 0;
for (const preset of presets) {
  const run = presetRun(preset, seed, steps);
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const loss = trainTo(run, steps);
  const wall = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  for (const score of scoreRun(run, seed)) {
    if (!score.passes) failures += 1;
    console.log(
      [
        `${preset.padEnd(21)} ${score.name.padEnd(10)}`,
        `inside ${score.shareInside.toFixed(3)}`,
        `Chamfer ${score.chamfer.toFixed(3)} (data ${score.dataChamfer.toFixed(3)}, ×${(score.chamfer / score.dataChamfer).toFixed(2)})`,
        `loss ${loss.toFixed(3)}`,
        `training ${wall.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} CPU-s`,
        score.passes ? 'ok' : 'FAILS',
      ].join(' · '),
    );
  }
}
console.log(failures === 0 ? 'every preset meets the criterion' : `${failures} class(es) miss the criterion`);

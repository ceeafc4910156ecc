// Recorded-run (.lxt) speed and size. Run: npx tsx bench/trajectory.bench.ts
// Prints encode/decode throughput (MB of float32 step data per second, median of several
// runs) and file bytes per step for SD-size latents (1×4×64×64) and a small pocket-size one,
// float16 and float32, plus the parser fuzz rate. CPU time is given beside wall time because
// the machine is shared.
import { readTrajectory } from '../src/pipeline/trajectory/reader.js';
import { encodeTrajectory } from '../src/pipeline/trajectory/writer.js';
import { syntheticMetadata, syntheticSteps } from '../test/node/trajectory-steps.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall and CPU milliseconds of `run` over `repeats` calls. */
function time(run: () => unknown, repeats: number): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    run();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const cases = [
  { label: 'SD latent 1×4×64×64, 20 steps, guidance on', shape: [1, 4, 64, 64], steps: 20 },
  { label: 'pocket model latent 1×4×16×16 (64×64 image), 20 steps, guidance on', shape: [1, 4, 16, 16], steps: 20 },
];

for (const { label, shape, steps } of cases) {
  const records = syntheticSteps(steps, shape);
  const float32Bytes = records.length * 6 * records[0]!.latentIn.data.byteLength;
  console.log(`\n${label} (${(float32Bytes / 1e6).toFixed(2)} MB of float32 tensors)`);
  for (const dtype of ['float16', 'float32'] as const) {
    const file = encodeTrajectory(syntheticMetadata(steps), records, { dtype });
    const write = time(() => encodeTrajectory(syntheticMetadata(steps), records, { dtype }), 9);
    const read = time(() => readTrajectory(file), 9);
    const mbps = (ms: number): string => ((float32Bytes / 1e6) / (ms / 1000)).toFixed(0).padStart(5);
    console.log(
      `  ${dtype}: ${(file.length / steps / 1024).toFixed(1).padStart(7)} KiB/step, file ${(file.length / 1e6).toFixed(2)} MB | ` +
        `write ${mbps(write.wall)} MB/s (${write.wall.toFixed(1)} ms wall, ${write.cpu.toFixed(1)} ms CPU) | ` +
        `read ${mbps(read.wall)} MB/s (${read.wall.toFixed(1)} ms wall, ${read.cpu.toFixed(1)} ms CPU)`,
    );
  }
}

// Parser cost on damaged input: truncations of a small valid file, all refused or read.
const small = encodeTrajectory(syntheticMetadata(3), syntheticSteps(3, [1, 4, 8, 8]));
const fuzz = time(() => {
  for (let cut = 0; cut < small.length; cut += 1) {
    try {
      readTrajectory(small.subarray(0, cut));
    } catch {
      // refusals are the point
    }
  }
}, 3);
console.log(`\nparser on every truncation of a ${small.length}-byte file: ${((small.length / fuzz.wall) * 1000).toFixed(0)} files/s`);

/**
 * Playground figures in headless Chromium, with the element and its worker as an esbuild bundle:
 *  - training steps per second at batch 256 (reported by the worker through `lx-progress`);
 *  - time from "Start" to recognisable samples on the sheep preset (criterion in
 *    playground-recognisable.ts), sampling 1000 points with DDIM 50 every few seconds while
 *    training runs, as a reader pressing "Sample" would.
 *
 *   npx tsx bench/playground-browser.bench.ts [--timeout 900]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openPlaygroundPage } from './playground-browser.js';
import { recognisable } from './playground-recognisable.js';

const { values } = parseArgs({ options: { timeout: { type: 'string', default: '900' } } });
const timeoutSeconds = Number(values.timeout);

console.log(`${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`);
const session = await openPlaygroundPage('<lx-diffusion-playground preset="sheep" seed="0" batch-size="256" max-steps="100000" sample-count="1000" steps="50"></lx-diffusion-playground>');
try {
  const result = await session.page.evaluate(async (timeoutMs: number) => {
    const { lxPlayground } = window as unknown as { lxPlayground: any };
    const element = document.querySelector('lx-diffusion-playground') as any;
    await element.updateComplete;
    const heldOut = lxPlayground.samplePreset('sheep', 600, 1).points;
    const speeds: number[] = [];
    element.addEventListener('lx-progress', (event: CustomEvent) => {
      if (event.detail.stepsPerSecond > 0) speeds.push(event.detail.stepsPerSecond);
    });
    const started = performance.now();
    element.start();
    const checks: string[] = [];
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const run = await element.sample();
      const score = lxPlayground.scoreSheep(lxPlayground.finalFrameOf(run), heldOut);
      const seconds = (performance.now() - started) / 1000;
      checks.push(`${seconds.toFixed(1)} s, step ${run.trainingStep}: share inside ${score.shareInside.toFixed(3)}, Chamfer ${score.chamfer.toFixed(3)}`);
      if (score.recognisable || performance.now() - started > timeoutMs) {
        element.pause();
        speeds.sort((a, b) => a - b);
        return { seconds, step: run.trainingStep, recognisable: score.recognisable, checks, medianSpeed: speeds[Math.floor(speeds.length / 2)] ?? 0 };
      }
    }
  }, timeoutSeconds * 1000);
  for (const line of result.checks) console.log(`  ${line}`);
  console.log(`training speed (Chromium worker, batch 256): median ${result.medianSpeed.toFixed(1)} steps/s`);
  console.log(`criterion: share inside ≥ ${recognisable.minShareInside}, Chamfer ≤ ${recognisable.maxChamfer}`);
  console.log(
    result.recognisable
      ? `start → recognisable sheep: ${result.seconds.toFixed(1)} s (training step ${result.step})`
      : `not recognisable within ${timeoutSeconds} s (reached step ${result.step})`,
  );
} finally {
  await session.close();
}

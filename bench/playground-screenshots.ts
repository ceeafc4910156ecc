/**
 * The playground's screenshot sequence for the docs, taken in headless Chromium from the
 * bundled element: untrained → training → trained samples on the sheep preset, the learned
 * noise field, and a guidance sweep on the labelled sheep-and-motorcycle preset.
 *
 *   npx tsx bench/playground-screenshots.ts [--steps 2500]
 *
 * Writes docs/images/playground/*.png. Batch 128 keeps the run short on a slow machine.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openPlaygroundPage } from './playground-browser.js';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '2500' } } });
const trainingSteps = Number(values.steps);
const folder = 'docs/images/playground';
mkdirSync(folder, { recursive: true });

const session = await openPlaygroundPage(
  `<lx-diffusion-playground theme="light" preset="sheep" seed="0" batch-size="128" max-steps="${trainingSteps}" sample-count="800" steps="50" style="max-width: 940px"></lx-diffusion-playground>`,
);
const { page } = session;
// No replay animation: each sample is drawn at its final frame at once.
await page.emulateMedia({ reducedMotion: 'reduce' });
const element = page.locator('lx-diffusion-playground');

/** Samples from the model as it is and saves a screenshot once the samples are drawn. */
async function sampleAndShoot(name: string): Promise<void> {
  const detail = await page.evaluate(() => {
    const { lxPlayground } = window as unknown as { lxPlayground: any };
    return lxPlayground.sampleDrawn(document.querySelector('lx-diffusion-playground'));
  });
  await element.screenshot({ path: `${folder}/${name}.png` });
  console.log(`${name}.png: model at step ${detail.step}, Chamfer ${detail.chamfer.toFixed(3)}`);
}

/** Trains until `lx-progress` reports at least `step` (or training ends), then pauses. */
async function trainUntil(step: number): Promise<void> {
  await page.evaluate((target: number) => {
    const { lxPlayground } = window as unknown as { lxPlayground: any };
    return lxPlayground.trainUntil(document.querySelector('lx-diffusion-playground'), target);
  }, step);
}

try {
  await sampleAndShoot('1-untrained');
  await trainUntil(Math.round(trainingSteps / 5));
  await sampleAndShoot('2-training');
  await trainUntil(trainingSteps);
  await sampleAndShoot('3-trained');
  await page.evaluate(async () => {
    const playground = document.querySelector('lx-diffusion-playground') as any;
    playground.showField = true;
    playground.timestep = '150';
    await playground.updateComplete;
  });
  await page.waitForTimeout(300);
  await sampleAndShoot('4-noise-field');

  await page.evaluate(async () => {
    const playground = document.querySelector('lx-diffusion-playground') as any;
    playground.showField = false;
    playground.timestep = '0';
    playground.preset = 'sheep-and-motorcycle';
    await playground.updateComplete;
  });
  await trainUntil(trainingSteps);
  for (const guidance of [0, 1, 3, 7]) {
    await page.evaluate(async (scale: number) => {
      const playground = document.querySelector('lx-diffusion-playground') as any;
      playground.label = '0';
      playground.guidance = String(scale);
      await playground.updateComplete;
    }, guidance);
    await sampleAndShoot(`5-guidance-${guidance}`);
  }
} finally {
  await session.close();
}

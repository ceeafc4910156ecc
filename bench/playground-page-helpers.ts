import type { LxDiffusionPlayground } from '../src/components/diffusion-playground/diffusion-playground.js';

/**
 * Page-side steps for the benches and screenshots, bundled into the page (functions passed to
 * playwright's `evaluate` cannot declare named helpers when run through tsx).
 */

/** Starts training and resolves, paused, once progress reports `step` (or training ends). */
export function trainUntil(element: LxDiffusionPlayground, step: number): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<{ step: number }>).detail;
      if (detail.step < step && detail.step < (element.settings?.maxSteps ?? Infinity)) return;
      element.removeEventListener('lx-progress', listener);
      element.pause();
      resolve();
    };
    element.addEventListener('lx-progress', listener);
    element.start();
  });
}

/** Samples, waits for the samples to be drawn, and returns the run's step and score. */
export async function sampleDrawn(element: LxDiffusionPlayground): Promise<{ step: number; chamfer: number }> {
  const run = await element.sample();
  await element.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return { step: run?.trainingStep ?? -1, chamfer: run?.chamfer ?? NaN };
}

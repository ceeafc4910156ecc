/**
 * The toy sampling figure: any scheduler on the Gaussian toy model (whose optimal denoiser is
 * exact), drawn as sample paths and a histogram of where they end.
 */
import { select } from 'd3';
import { gaussianToyModel } from '../../src/pipeline/math/gaussian-toy.js';
import { SCHEDULER_ALIAS_NAMES, schedulerFromAlias, type SchedulerAlias } from '../../src/pipeline/math/schedulers/index.js';
import { runToySampling } from '../../src/pipeline/math/toy-sampling.js';
// Stable Diffusion 1.x's schedule, so the toy run uses the same timesteps as the real model.
import { SD1_SCHEDULER_CONFIG } from '../../src/pipeline/math/schedulers/sd1-schedule.js';
import { fitToyRunScales, renderToyRun } from './toy-run-figure.js';

/** Wires the figure's form to a fresh run on every edit. */
export function mountToyRun(figure: HTMLElement): void {
  const form = figure.querySelector('form')!;
  const svg = select(figure.querySelector('svg')!);
  const status = figure.querySelector<HTMLElement>('.status')!;
  const samplerSelect = form.elements.namedItem('sampler') as HTMLSelectElement;
  for (const alias of SCHEDULER_ALIAS_NAMES) samplerSelect.add(new Option(alias, alias, alias === 'ddim', alias === 'ddim'));

  const draw = () => {
    const data = new FormData(form);
    const target = { mean: Number(data.get('mean')), std: Number(data.get('std')) };
    try {
      const scheduler = schedulerFromAlias(data.get('sampler') as SchedulerAlias, SD1_SCHEDULER_CONFIG);
      const model = gaussianToyModel(target);
      const run = runToySampling(scheduler, model, { steps: Number(data.get('steps')), count: 2000, seed: BigInt(String(data.get('seed'))) });
      // Drawn at the figure's own width, so axis labels keep their size on a phone.
      const width = Math.max(320, Math.round(figure.clientWidth || 720));
      renderToyRun(svg, run, fitToyRunScales(run, width, width < 560 ? 300 : 320), target);
      const final = run.samples.at(-1)!;
      const mean = final.reduce((a, b) => a + b, 0) / final.length;
      const std = Math.sqrt(final.reduce((a, b) => a + (b - mean) ** 2, 0) / final.length);
      status.textContent = `2000 samples after ${run.plan.numInferenceSteps} steps: mean ${mean.toFixed(3)}, std ${std.toFixed(3)} (target ${target.mean}, ${target.std}).`;
      status.classList.remove('lx-error');
    } catch (error) {
      status.textContent = (error as Error).message;
      status.classList.add('lx-error');
    }
  };
  form.addEventListener('input', draw);
  form.addEventListener('submit', (event) => event.preventDefault());
  draw();
}

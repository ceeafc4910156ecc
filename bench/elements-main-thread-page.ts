// Page script for elements-main-thread.bench.ts, served from the sources by the dev server the
// browser tests use (so script attribution names /src/… files as it does there). Runs one
// element on the pocket model, or the playground's training, while watching the main thread.
import '../src/components/denoising-player/denoising-player.js';
import '../src/components/guidance-comparison/guidance-comparison.js';
import '../src/components/seed-comparison/seed-comparison.js';
import '../src/components/diffusion-playground/diffusion-playground.js';
import { configurePageModels } from '../src/components/shared/page-models.js';
import { librarySources, measureBestProbe, probe, scriptsOverLimit, wait, watchMainThread, type MainThreadReport } from './main-thread-watch.js';

const POCKET = new URL('/assets/models/pocket/', location.href).href;
configurePageModels({ web: { wasmBase: '/node_modules/onnxruntime-web/dist/' }, providers: ['wasm'], cacheName: false });

/** What one scenario measured: the load probe, the budget it scales, and what went over it. */
export interface ScenarioResult {
  readonly scenario: string;
  /** How much slower the probe ran than at its best: the statistic the budget is scaled by. */
  readonly slowdown: number;
  readonly slowdownKind: 'mean' | 'max';
  readonly probeQuantiles: readonly number[];
  /** 50 ms × slowdown. */
  readonly limit: number;
  readonly report: MainThreadReport;
  readonly overLimit: readonly string[];
  /** What the run left on the page: steps, canvases, an error if one showed. */
  readonly outcome: string;
}

type Generating = HTMLElement & { generate(): Promise<void> };

function mount(markup: string): HTMLElement {
  const holder = document.createElement('div');
  holder.style.width = '720px';
  holder.innerHTML = markup;
  document.body.append(holder);
  return holder.firstElementChild as HTMLElement;
}

function quantiles(probes: number[], best: number): number[] {
  const sorted = [...probes].sort((a, b) => a - b);
  return [0.5, 0.9, 1].map((q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! / best);
}

/**
 * One generation while watching the main thread; the budget is scaled by the mean probe
 * slowdown (a task of 50–100 ms spans many of the time slices other processes take, so it is
 * stretched by about the average, while a 1 ms probe may land in one burst).
 */
async function generation(scenario: string, markup: string): Promise<ScenarioResult> {
  const element = mount(markup) as Generating;
  await wait(300); // the element's own first render is page setup, not the run
  const best = await measureBestProbe();
  const probes: number[] = [];
  let running = true;
  const report = await watchMainThread(librarySources, async () => {
    const run = element.generate().finally(() => (running = false));
    while (running) {
      await wait(100);
      probes.push(probe());
    }
    await run;
    await wait(100); // the last step's drawing, in the next animation frames
  });
  const slowdown = Math.max(1, probes.reduce((sum, ms) => sum + ms, 0) / probes.length / best);
  const limit = 50 * slowdown;
  const root = element.shadowRoot!;
  const steps = (element as unknown as { stepRecords?: unknown[] }).stepRecords?.length;
  const alert = root.querySelector('[role=alert]')?.textContent?.trim();
  const outcome = `${steps === undefined ? '' : `${steps} steps, `}${root.querySelectorAll('canvas').length} canvases${alert ? `, error: ${alert}` : ''}`;
  return { scenario, slowdown, slowdownKind: 'mean', probeQuantiles: quantiles(probes, best), limit, report, overLimit: scriptsOverLimit(report, limit), outcome };
}

/**
 * The playground training and redrawing in steady state (after its first live samples), for
 * 40 progress events; the budget is scaled by the slowest probe (the worst burst seen).
 */
async function playground(): Promise<ScenarioResult> {
  const element = mount('<lx-diffusion-playground preset="sheep" batch-size="64" max-steps="100000" show-field></lx-diffusion-playground>') as HTMLElement & {
    updateComplete: Promise<boolean>;
    start(): void;
    pause(): void;
  };
  await element.updateComplete;
  await wait(500); // the first layout (canvas sizing, first drawing) is setup, not training
  await element.updateComplete;
  let progressEvents = 0;
  element.addEventListener('lx-progress', () => progressEvents++);
  const best = await measureBestProbe();
  const probes: number[] = [];
  element.start();
  const canvas = element.shadowRoot!.querySelector('canvas')!;
  while (!canvas.getAttribute('aria-label')!.includes('samples from the model')) await wait(50);
  progressEvents = 0;
  const report = await watchMainThread(librarySources, async () => {
    while (progressEvents < 40) {
      await wait(100);
      probes.push(probe());
    }
    element.pause();
  });
  const slowdown = Math.max(1, Math.max(...probes) / best);
  const limit = 50 * slowdown;
  return { scenario: 'playground training', slowdown, slowdownKind: 'max', probeQuantiles: quantiles(probes, best), limit, report, overLimit: scriptsOverLimit(report, limit), outcome: `${progressEvents} progress events` };
}

const scenarios: Record<string, () => Promise<ScenarioResult>> = {
  player: () => generation('player, 8 steps', `<lx-denoising-player model="${POCKET}" steps="8" seed="3" prompt="a white sheep riding a red motorcycle"></lx-denoising-player>`),
  guidance: () => generation('guidance comparison, 4 cells × 6 steps', `<lx-guidance-comparison model="${POCKET}" steps="6" seed="3"></lx-guidance-comparison>`),
  seeds: () => generation('seed comparison, 4 seeds × 6 steps', `<lx-seed-comparison model="${POCKET}" steps="6"></lx-seed-comparison>`),
  playground,
};

(globalThis as { lxElementsMainThread?: (name: string) => Promise<ScenarioResult> }).lxElementsMainThread = (name) => scenarios[name]!();

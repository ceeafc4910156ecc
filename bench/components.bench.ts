// Bench of the denoising player on the shipped pocket model in headless Chromium:
//   - time from page load (navigation start) to the first step and to the first decoded image,
//   - generation time per step as the element sees it (interval between lx-step events),
//   - frame time when scrubbing (showStep → rendered), over every kept step,
//   - the longest main-thread task during the run (the 50 ms budget), from the Long Tasks API.
// Run: npx tsx bench/components.bench.ts [wasm|webgpu ...]   (default: both)
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../scripts/chromium-path.mjs';
import { chromiumArgs } from '../scripts/browser-flags.mjs';
import { serveStatic } from '../scripts/static-server.mjs';
import { bundlePageWithWorkers } from '../scripts/workers.mjs';

const WORK = '.cache/bench-components';
const STEPS = 20;

const entry = `
import { configurePageModels } from '../../src/components/shared/page-models.ts';
import { LxDenoisingPlayer } from '../../src/components/denoising-player/denoising-player.ts';

const provider = new URLSearchParams(location.search).get('provider');
const longest = { task: 0 };
const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    longest.task = Math.max(longest.task, entry.duration);
    longTasks.push(Math.round(entry.duration) + ' ms at ' + Math.round(entry.startTime));
  }
}).observe({ type: 'longtask', buffered: true });
configurePageModels({ web: { wasmBase: '/vendor/ort/' }, providers: [provider], cacheName: false });
const el = new LxDenoisingPlayer();
Object.assign(el, { prompt: 'a white sheep riding a red motorcycle', steps: '${STEPS}', seed: '7' });
document.body.append(el);
const stepTimes = [];
el.addEventListener('lx-step', () => stepTimes.push(performance.now()));
await el.updateComplete;
await el.generate();
const complete = performance.now();
await el.updateComplete;
const frames = [];
for (let i = 0; i < el.stepRecords.length; i++) {
  const start = performance.now();
  el.showStep(i);
  await el.updateComplete;
  frames.push(performance.now() - start);
}
const intervals = stepTimes.slice(1).map((t, i) => t - stepTimes[i]);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
window.benchResult = {
  provider: el.stepRecords.length ? provider : 'none',
  firstStepMs: stepTimes[0],
  firstImageMs: complete,
  meanStepMs: mean(intervals),
  meanFrameMs: mean(frames),
  maxFrameMs: Math.max(...frames),
  longestTaskMs: longest.task,
  longTasks: longTasks.join(', '),
  error: el.shadowRoot.querySelector('[role=alert]')?.textContent ?? null,
};
`;

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const providers = requested.length ? requested : ['wasm', 'webgpu'];
  mkdirSync(WORK, { recursive: true });
  writeFileSync(`${WORK}/entry.ts`, entry);
  writeFileSync(`${WORK}/index.html`, '<!doctype html><html><body><script type="module" src="entry.js"></script></body></html>');
  // The page and its workers side by side (onnxruntime runs in ort-session.worker.js), as in every bundle we ship.
  await bundlePageWithWorkers({ entry: `${WORK}/entry.ts` }, WORK);
  const server = await serveStatic({ mounts: { '/': WORK, '/assets': 'assets', '/vendor/ort': 'node_modules/onnxruntime-web/dist' } });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
  try {
    for (const provider of providers) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/index.html?provider=${provider}`);
      await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult, null, { timeout: 600_000, polling: 500 });
      const result = await page.evaluate(() => (window as unknown as { benchResult: Record<string, number | string | null> }).benchResult);
      const f = (key: string) => (typeof result[key] === 'number' ? (result[key] as number).toFixed(1) : String(result[key]));
      console.log(
        `${provider}: page load → first step ${f('firstStepMs')} ms, → first image ${f('firstImageMs')} ms; ` +
          `${STEPS} steps at ${f('meanStepMs')} ms/step; scrub frame mean ${f('meanFrameMs')} ms (max ${f('maxFrameMs')} ms); ` +
          `longest main-thread task ${f('longestTaskMs')} ms (long tasks: ${result['longTasks'] || 'none'})${result['error'] ? `; error: ${result['error']}` : ''}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();

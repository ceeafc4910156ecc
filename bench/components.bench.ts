// Bench of the denoising player on the shipped pocket model in headless Chromium:
//   - time from page load (navigation start) to the first step and to the first decoded image,
//   - generation time per step as the element sees it (interval between lx-step events),
//   - frame time when scrubbing (showStep → rendered), one step per animation frame,
//   - every main-thread task over 50 ms (the budget), from the Long Tasks API, and every frame
//     over 50 ms split into script and rendering, with our scripts of 20 ms or more named
//     (Long Animation Frames API); those of the scrubbing are marked [scrub].
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
// Long tasks (Long Tasks API) and long animation frames (LoAF, with the scripts that ran in
// them), kept raw and listed at the end, those of the scrubbing marked.
const longTasks = [];
const longFrames = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((list) => longFrames.push(...list.getEntries())).observe({ type: 'long-animation-frame', buffered: true });
const phase = (entry) => (entry.startTime >= scrubStart ? ' [scrub]' : '');
const at = (entry) => ' at ' + Math.round(entry.startTime) + phase(entry);
/** A long frame split into our scripts and rendering (style, layout, paint, compositing, GPU waits). */
const describeFrame = (frame) => {
  const script = frame.scripts.reduce((sum, s) => sum + s.duration, 0);
  const rendering = frame.renderStart ? frame.startTime + frame.duration - frame.renderStart : 0;
  return Math.round(frame.duration) + ' ms' + at(frame) + ' (script ' + Math.round(script) + ', rendering ' + Math.round(rendering) + ')';
};
const describeScript = (script) =>
  Math.round(script.duration) + ' ms ' + (script.sourceFunctionName || script.invoker) + ' (' + (script.sourceURL || '').split('/').pop() + ':' + script.sourceCharPosition + ')' + at(script);
let scrubStart = Infinity;
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
scrubStart = performance.now();
const frames = [];
for (let i = 0; i < el.stepRecords.length; i++) {
  // One step per animation frame, as a reader dragging the scrubber would ask for them.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const start = performance.now();
  el.showStep(i);
  await el.updateComplete;
  frames.push(performance.now() - start);
}
await el.chartComplete;
const intervals = stepTimes.slice(1).map((t, i) => t - stepTimes[i]);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
window.benchResult = {
  provider: el.stepRecords.length ? provider : 'none',
  firstStepMs: stepTimes[0],
  firstImageMs: complete,
  meanStepMs: mean(intervals),
  meanFrameMs: mean(frames),
  maxFrameMs: Math.max(...frames),
  longestTaskMs: Math.max(0, ...longTasks.map((task) => task.duration)),
  longTasks: longTasks.map((task) => Math.round(task.duration) + ' ms' + at(task)).join(', '),
  longFrames: longFrames.filter((frame) => frame.duration > 50).map(describeFrame).join(', '),
  longScripts: longFrames.flatMap((frame) => frame.scripts).filter((script) => script.duration >= 20).map(describeScript).join('; '),
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
          `longest main-thread task ${f('longestTaskMs')} ms (long tasks: ${result['longTasks'] || 'none'}); frames over 50 ms: ${result['longFrames'] || 'none'}; scripts over 20 ms in a frame: ${result['longScripts'] || 'none'}${result['error'] ? `; error: ${result['error']}` : ''}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();

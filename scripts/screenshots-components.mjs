#!/usr/bin/env node
// Screenshots of the elements, light and dark, live in headless Chromium (the diffusion ones on
// the shipped pocket model, the embedding ones on the shipped GloVe vectors, the playground
// trained in the page): docs/images/components/<tag>-<theme>.png. Each element is driven to a
// finished state (generated, projected, trained) before the shot.
//
//   node scripts/screenshots-components.mjs            every element
//   node scripts/screenshots-components.mjs lx-noise-schedule
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium-path.mjs';
import { chromiumArgs } from './browser-flags.mjs';
import { serveStatic } from './static-server.mjs';
import { bundlePageWithWorkers } from './workers.mjs';

const OUT = 'docs/images/components';
const WORK = '.cache/screenshots-components';
const ELEMENTS = [
  'lx-pipeline-map',
  'lx-prompt-tokens',
  'lx-noise-schedule',
  'lx-denoising-player',
  'lx-guidance-comparison',
  'lx-seed-comparison',
  'lx-scheduler-comparison',
  'lx-latent-walk',
  'lx-trajectory-plot',
  'lx-explainer',
  'lx-embedding-map',
  'lx-vector-arithmetic',
  'lx-similarity-matrix',
  'lx-diffusion-playground',
  'lx-prompt-space',
  'lx-forward-process',
  'lx-attention-map',
];

// The page: one element per load, driven to an interesting state, then `window.shotReady`.
const entry = `
import { configurePageModels } from '../../src/components/shared/page-models.ts';
import { LxPromptTokens } from '../../src/components/prompt-tokens/prompt-tokens.ts';
import { LxNoiseSchedule } from '../../src/components/noise-schedule/noise-schedule.ts';
import { LxDenoisingPlayer } from '../../src/components/denoising-player/denoising-player.ts';
import { LxGuidanceComparison } from '../../src/components/guidance-comparison/guidance-comparison.ts';
import { LxSeedComparison } from '../../src/components/seed-comparison/seed-comparison.ts';
import { LxSchedulerComparison } from '../../src/components/scheduler-comparison/scheduler-comparison.ts';
import { LxLatentWalk } from '../../src/components/latent-walk/latent-walk.ts';
import { LxTrajectoryPlot } from '../../src/components/trajectory-plot/trajectory-plot.ts';
import { LxExplainer } from '../../src/components/explainer/explainer.ts';
import { LxEmbeddingMap } from '../../src/components/embedding-map/embedding-map.ts';
import { LxVectorArithmetic } from '../../src/components/vector-arithmetic/vector-arithmetic.ts';
import { LxSimilarityMatrix } from '../../src/components/similarity-matrix/similarity-matrix.ts';
import { LxDiffusionPlayground } from '../../src/components/diffusion-playground/diffusion-playground.ts';
import { LxPromptSpace } from '../../src/components/prompt-space/prompt-space.ts';
import { LxForwardProcess } from '../../src/components/forward-process/forward-process.ts';
import { LxAttentionMap } from '../../src/components/attention-map/attention-map.ts';
import { LxPipelineMap } from '../../src/components/pipeline-map/pipeline-map.ts';

// Referenced so the bundler keeps each registration module.
const defined = [LxPromptTokens, LxNoiseSchedule, LxDenoisingPlayer, LxGuidanceComparison, LxSeedComparison, LxSchedulerComparison, LxLatentWalk, LxTrajectoryPlot,
  LxExplainer, LxEmbeddingMap, LxVectorArithmetic, LxSimilarityMatrix, LxDiffusionPlayground, LxPromptSpace, LxForwardProcess, LxAttentionMap, LxPipelineMap];

/** Resolves with the element's next event of \`type\`; rejects on its \`lx-error\`. */
function nextEvent(target, type) {
  return new Promise((resolve, reject) => {
    target.addEventListener(type, resolve, { once: true });
    target.addEventListener('lx-error', (event) => reject(event.detail?.error ?? new Error('lx-error')), { once: true });
  });
}

/** Trains the playground until progress reports \`step\`, then pauses it. */
function trainUntil(playground, step) {
  return new Promise((resolve) => {
    const listener = (event) => {
      if (event.detail.step < step) return;
      playground.removeEventListener('lx-progress', listener);
      playground.pause();
      resolve();
    };
    playground.addEventListener('lx-progress', listener);
    playground.start();
  });
}
configurePageModels({ web: { wasmBase: '/vendor/ort/' }, providers: ['wasm'] });
const query = new URLSearchParams(location.search);
const tag = query.get('el');
const theme = query.get('theme');
document.documentElement.style.colorScheme = theme;
document.body.style.background = theme === 'dark' ? '#16181d' : '#ffffff';
const el = document.createElement(tag);
el.setAttribute('theme', theme);
const attributes = {
  'lx-pipeline-map': { prompt: 'a white sheep riding a red motorcycle', steps: '12', seed: '7' },
  'lx-prompt-tokens': { prompt: 'a lamb riding a red motorbike at sunset' },
  'lx-noise-schedule': { steps: '10', timestep: '450', prompt: 'a white sheep riding a red motorcycle on a road', seed: '7' },
  'lx-denoising-player': { prompt: 'a white sheep riding a red motorcycle', steps: '12', seed: '7' },
  'lx-guidance-comparison': { prompt: 'a white sheep riding a red motorcycle', steps: '12', seed: '7' },
  'lx-seed-comparison': { prompt: 'a white sheep riding a red motorcycle', steps: '12' },
  'lx-scheduler-comparison': { prompt: 'a white sheep riding a red motorcycle', seed: '7', columns: 'ddim:50, ddim:10, dpm++2m:10, euler-a:10, lcm:4' },
  'lx-latent-walk': { prompt: 'a white sheep riding a red motorcycle', seed: '1', 'to-seed': '2', frames: '7', steps: '12' },
  'lx-trajectory-plot': { show: 'both' },
  'lx-explainer': { prompt: 'a white sheep riding a red motorcycle', steps: '12', seed: '7' },
  'lx-embedding-map': { preset: 'royalty-gender', projection: 'pca' },
  'lx-vector-arithmetic': { expression: 'king - man + woman' },
  'lx-similarity-matrix': { words: 'sheep, lamb, goat, cow, motorcycle, bicycle, car, road' },
  'lx-diffusion-playground': { preset: 'sheep', seed: '0', 'batch-size': '128', 'max-steps': '2500' },
  'lx-prompt-space': { seed: '7', steps: '20' },
  'lx-forward-process': { prompt: 'a white sheep riding a red motorcycle on a road', seed: '7', steps: '12', timestep: '300' },
  'lx-attention-map': { prompt: 'a white sheep riding a red motorcycle', seed: '7', steps: '12', 'show-special': '' },
}[tag];
for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
// The GloVe elements announce their drawing with lx-result: listen before they can fire it.
const drawn = ['lx-embedding-map', 'lx-vector-arithmetic', 'lx-similarity-matrix'].includes(tag)
  ? nextEvent(el, 'lx-result')
  : tag === 'lx-prompt-space' ? nextEvent(el, 'lx-ready') : undefined;
document.querySelector('main').append(el);
await el.updateComplete;
await drawn;
if (tag === 'lx-prompt-tokens') await el.encode();
// The noise schedule's panel and the forward process: the model's image, noised to the attribute's t.
if (tag === 'lx-noise-schedule') await el.forwardProcess.generate();
if (tag === 'lx-forward-process') await el.generate();
if (tag === 'lx-attention-map') {
  // The vehicle's word, at a step where the picture has formed but is not yet final.
  await el.generate();
  el.showWord(el.words.findIndex((word) => word.label === 'motorcycle'));
  el.showStep(5);
}
if (tag === 'lx-denoising-player') {
  await el.generate();
  el.showStep(9);
}
if (tag === 'lx-guidance-comparison' || tag === 'lx-seed-comparison') await el.generate();
// The map mid-run: the loop's counter and every box at step 7 of 12.
if (tag === 'lx-pipeline-map') {
  await el.generate();
  el.showStep(6);
}
if (tag === 'lx-scheduler-comparison') {
  await el.generate();
  await el.updateComplete;
  const trajectory = el.shadowRoot.querySelector('lx-trajectory-plot');
  await trajectory.updateComplete;
  await trajectory.projectionComplete;
}
if (tag === 'lx-latent-walk') await el.generate();
if (tag === 'lx-trajectory-plot') {
  const sweep = new LxGuidanceComparison();
  Object.assign(sweep, { prompt: 'a white sheep riding a red motorcycle', steps: '12', seed: '7', scales: '1, 3, 7.5' });
  sweep.hidden = true;
  document.body.append(sweep);
  await sweep.updateComplete;
  await sweep.generate();
  el.runs = sweep.comparison.map((cell) => ({ label: cell.label, records: cell.records }));
  await el.projectionComplete;
  el.showStep(8);
}
if (tag === 'lx-explainer') {
  // Every stop run to the end, in the tour's order; the trajectory plot draws the guidance runs.
  const stop = (name) => el.shadowRoot.querySelector(name);
  await stop('lx-pipeline-map').generate();
  stop('lx-pipeline-map').showStep(6);
  await stop('lx-prompt-tokens').encode();
  await stop('lx-denoising-player').generate();
  stop('lx-denoising-player').showStep(9);
  await stop('lx-guidance-comparison').generate();
  await el.updateComplete;
  const trajectory = stop('lx-trajectory-plot');
  await trajectory.updateComplete;
  await trajectory.projectionComplete;
  trajectory.showStep(8);
  await stop('lx-seed-comparison').generate();
  await Promise.all([...el.shadowRoot.querySelectorAll('*')].map((child) => child.updateComplete));
}
if (tag === 'lx-embedding-map') el.selectWord('queen');
if (tag === 'lx-prompt-space') await el.generateExpression('"a sheep riding a motorcycle on a road" - sheep + duck');
if (tag === 'lx-diffusion-playground') {
  await trainUntil(el, 2500);
  await el.sample();
  await el.updateComplete;
  // Two frames: the sampled points are painted on the canvas after the update.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => requestAnimationFrame(resolve));
}
await el.updateComplete;
window.shotReady = defined.length;
`;

async function main() {
  const only = process.argv.slice(2);
  const tags = only.length ? ELEMENTS.filter((tag) => only.includes(tag)) : ELEMENTS;
  mkdirSync(WORK, { recursive: true });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${WORK}/entry.ts`, entry);
  writeFileSync(
    `${WORK}/index.html`,
    '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><link rel="icon" href="data:,"></head>' +
      '<body style="margin:0;padding:16px"><main style="max-width:760px"></main><script type="module" src="entry.js"></script></body></html>',
  );
  // Workers (UMAP, playground training) are bundled beside the page, where their clients look.
  await bundlePageWithWorkers({ entry: `${WORK}/entry.ts` }, WORK);
  const server = await serveStatic({
    mounts: { '/': WORK, '/assets': 'assets', '/vendor/ort': 'node_modules/onnxruntime-web/dist', '/src': 'src' },
  });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
  try {
    for (const tag of tags) {
      for (const theme of ['light', 'dark']) {
        // Reduced motion: the playground draws its samples at their final frame, not replayed.
        const page = await browser.newPage({ viewport: { width: 800, height: 900 }, colorScheme: theme, reducedMotion: 'reduce' });
        const problems = [];
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('console', (message) => message.type() === 'error' && !message.text().includes('onnxruntime') && problems.push(message.text()));
        await page.goto(`${base}index.html?el=${tag}&theme=${theme}`);
        await page.waitForFunction(() => window.shotReady, null, { timeout: 600_000, polling: 250 });
        const path = `${OUT}/${tag}-${theme}.png`;
        await page.locator(tag).screenshot({ path });
        console.log(`${path}${problems.length ? `  (page problems: ${problems.join(' | ')})` : ''}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  // The components index shows every screenshot in its gallery, and the site's screenshot test
  // compares that page with a reference.
  console.log('The components index shows these: refresh its references with LX_SCREENSHOTS_ONLY=components node scripts/screenshots-site.mjs');
}

await main();

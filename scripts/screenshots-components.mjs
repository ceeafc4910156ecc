#!/usr/bin/env node
// Screenshots of the diffusion explainer elements, light and dark, live on the shipped pocket
// model in headless Chromium: docs/images/components/<tag>-<theme>.png.
//
//   node scripts/screenshots-components.mjs            every element
//   node scripts/screenshots-components.mjs lx-noise-schedule
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium-path.mjs';
import { chromiumArgs } from './browser-flags.mjs';
import { serveStatic } from './static-server.mjs';

const OUT = 'docs/images/components';
const WORK = '.cache/screenshots-components';
const ELEMENTS = ['lx-prompt-tokens', 'lx-noise-schedule', 'lx-denoising-player', 'lx-guidance-comparison', 'lx-seed-comparison', 'lx-trajectory-plot'];

// The page: one element per load, driven to an interesting state, then `window.shotReady`.
const entry = `
import { configurePageModels } from '../../src/components/shared/page-models.ts';
import { LxPromptTokens } from '../../src/components/prompt-tokens/prompt-tokens.ts';
import { LxNoiseSchedule } from '../../src/components/noise-schedule/noise-schedule.ts';
import { LxDenoisingPlayer } from '../../src/components/denoising-player/denoising-player.ts';
import { LxGuidanceComparison } from '../../src/components/guidance-comparison/guidance-comparison.ts';
import { LxSeedComparison } from '../../src/components/seed-comparison/seed-comparison.ts';
import { LxTrajectoryPlot } from '../../src/components/trajectory-plot/trajectory-plot.ts';

// Referenced so the bundler keeps each registration module.
const defined = [LxPromptTokens, LxNoiseSchedule, LxDenoisingPlayer, LxGuidanceComparison, LxSeedComparison, LxTrajectoryPlot];
configurePageModels({ web: { wasmBase: '/vendor/ort/' }, providers: ['wasm'] });
const query = new URLSearchParams(location.search);
const tag = query.get('el');
const theme = query.get('theme');
document.documentElement.style.colorScheme = theme;
document.body.style.background = theme === 'dark' ? '#16181d' : '#ffffff';
const el = document.createElement(tag);
el.setAttribute('theme', theme);
const attributes = {
  'lx-prompt-tokens': { prompt: 'a lamb riding a red motorbike at sunset' },
  'lx-noise-schedule': { steps: '10', timestep: '600' },
  'lx-denoising-player': { prompt: 'a white sheep riding a red motorcycle', steps: '12', seed: '7' },
  'lx-guidance-comparison': { prompt: 'a white sheep riding a red motorcycle', steps: '12', seed: '7' },
  'lx-seed-comparison': { prompt: 'a white sheep riding a red motorcycle', steps: '12' },
  'lx-trajectory-plot': { show: 'both' },
}[tag];
for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
document.querySelector('main').append(el);
await el.updateComplete;
if (tag === 'lx-prompt-tokens') await el.encode();
if (tag === 'lx-denoising-player') {
  await el.generate();
  el.showStep(9);
}
if (tag === 'lx-guidance-comparison' || tag === 'lx-seed-comparison') await el.generate();
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
    '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>' +
      '<body style="margin:0;padding:16px"><main style="max-width:760px"></main><script type="module" src="entry.js"></script></body></html>',
  );
  await build({ entryPoints: [`${WORK}/entry.ts`], outfile: `${WORK}/entry.js`, bundle: true, format: 'esm', target: 'es2022', logLevel: 'warning', external: ['*.wasm'] });
  const server = await serveStatic({
    mounts: { '/': WORK, '/assets': 'assets', '/vendor/ort': 'node_modules/onnxruntime-web/dist', '/src': 'src' },
  });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
  try {
    for (const tag of tags) {
      for (const theme of ['light', 'dark']) {
        const page = await browser.newPage({ viewport: { width: 800, height: 900 }, colorScheme: theme });
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
}

await main();

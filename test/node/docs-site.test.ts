// End-to-end: `npm start`'s site in real Chromium, with no console errors or failed requests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo, Server } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDocs } from '../../scripts/build-docs.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';
import { ensureChromium } from '../../scripts/chromium-path.mjs';
import { chromiumArgs } from '../../scripts/browser-flags.mjs';

let server: Server;
let browser: Browser;
let origin: string;

before(async () => {
  await buildDocs();
  server = await serveStatic({ mounts: { '/': 'docs', '/assets': 'assets', '/vendor/ort': 'node_modules/onnxruntime-web/dist' } });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens a page and collects everything that went wrong while it loaded. */
async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
  return { page, problems };
}

test('the start page draws the noise schedule and a toy sampling run', async () => {
  const { page, problems } = await open('/');
  await page.waitForSelector('#toy-run svg .paths path');
  const paths = await page.locator('#toy-run svg .paths path').count();
  assert.ok(paths >= 40, `${paths} sample paths drawn`);
  const status = await page.locator('#toy-run .status').textContent();
  assert.match(status ?? '', /2000 samples after 20 steps: mean 1\.\d+/);
  const curves = await page.locator('lx-noise-schedule').evaluate((el) => el.shadowRoot!.querySelectorAll('path.series').length);
  assert.ok(curves >= 3, `${curves} schedule curves`);

  // Changing the sampler re-runs the loop: Euler at 30 steps gives a different summary.
  await page.selectOption('#toy-run select[name=sampler]', 'euler');
  await page.fill('#toy-run input[name=steps]', '30');
  await page.waitForFunction(() => document.querySelector('#toy-run .status')!.textContent!.includes('after 30 steps'));
  assert.deepEqual(problems, []);
  await page.close();
});

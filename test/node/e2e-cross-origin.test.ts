/**
 * The npm-CDN route: the library's code on a second origin (another port), the page on the
 * first. Browsers refuse `new Worker(url)` for a script of another origin; the library starts
 * its workers through a same-origin blob that imports the module (src/start-worker.ts). This
 * checks, in Chromium, that every worker starts (no page fallback, no uncaught SecurityError):
 * the CDN bundle on a page of our own, and the site's own pages with their bundles elsewhere.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDocs } from '../../scripts/build-docs.mjs';
import { ensureChromium } from '../../scripts/chromium-path.mjs';
import { SITE_MOUNTS, serveStatic } from '../../scripts/static-server.mjs';
import { listen, openCdnPage, type CdnPage } from './cdn-chromium/harness.js';
import { browserArgs } from './e2e-site.js';

/** What must never be logged when workers can start: a refusal, or a fallback to the page. */
const WORKER_TROUBLE = /SecurityError|could not start|cannot be accessed from origin|in the page instead|page's main thread|UMAP worker failed/i;

const sessions: CdnPage[] = [];
const servers: Server[] = [];
let browser: Browser | undefined;
after(async () => {
  for (const session of sessions) await session.close();
  await browser?.close();
  for (const server of servers) server.close();
});

test('the CDN bundle from a second origin starts its workers: UMAP lays out, the playground trains', { timeout: 300_000 }, async () => {
  const session = await openCdnPage(
    '<lx-embedding-map preset="animals-vehicles" projection="umap"></lx-embedding-map><lx-diffusion-playground preset="two-moons" max-steps="200"></lx-diffusion-playground>',
    { secondOrigin: true },
  );
  sessions.push(session);
  assert.notEqual(session.pageOrigin, session.bundleOrigin);
  const { workers } = session;
  const outcome = await session.page.evaluate(async () => {
    const map = document.querySelector('lx-embedding-map') as HTMLElement & { result?: { projection: string }; updateComplete: Promise<unknown> };
    const playground = document.querySelector('lx-diffusion-playground') as HTMLElement & { start(): void };
    const trained = new Promise<number>((resolve) => playground.addEventListener('lx-progress', (event) => (event as CustomEvent).detail.step > 0 && resolve((event as CustomEvent).detail.step)));
    playground.start();
    const deadline = performance.now() + 200_000;
    while (map.result?.projection !== 'umap' && performance.now() < deadline) {
      if (map.shadowRoot?.querySelector('[part=error]')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { projection: map.result?.projection, error: map.shadowRoot?.querySelector('[part=error]')?.textContent ?? '', step: await trained };
  });
  assert.equal(outcome.error, '');
  assert.equal(outcome.projection, 'umap');
  assert.ok(outcome.step > 0);
  assert.ok(workers.length >= 2 && workers.every((url) => url.startsWith('blob:')), workers.join(' '));
  assert.deepEqual(session.logs.filter((line) => WORKER_TROUBLE.test(line) || line.startsWith('pageerror')), []);
});

/** The site on one origin, its scripts (docs/build) and assets on another. */
async function openSitePage(path: string): Promise<{ page: Page; logs: string[]; workers: string[] }> {
  if (!browser) {
    await buildDocs();
    // WebGPU off: on this headless Chromium WebGPU is SwiftShader (software Vulkan), where the
    // article's pocket v2 run took ~55 s a step against ~0.6 s on WASM (measured, load ~7). What
    // this file checks is where the workers start, not the GPU path (components-live covers that).
    browser = await chromium.launch({ executablePath: ensureChromium() as string, args: browserArgs(false), headless: true });
  }
  const site = await serveStatic({ mounts: SITE_MOUNTS });
  const code = await serveStatic({ mounts: { '/build': 'docs/build', '/assets': 'assets' }, asCdn: true });
  const [siteFiles, codeOrigin] = [await listen(site), await listen(code)];
  // The site as written, its pages' script tags pointing at the second origin. (A real server,
  // not request interception: Chromium treats intercepted pages as public and would refuse
  // their requests to a loopback origin.)
  const pages = createServer((request, response) => {
    fetch(`${siteFiles}${request.url}`)
      .then(async (upstream) => {
        const headers = Object.fromEntries([...upstream.headers].filter(([name]) => !/^(content-length|content-encoding|transfer-encoding|connection)$/i.test(name)));
        let body = Buffer.from(await upstream.arrayBuffer());
        if (/text\/html/.test(upstream.headers.get('content-type') ?? '')) body = Buffer.from(body.toString('utf8').replace(/src="(?:\.\.\/|\/)?build\//g, `src="${codeOrigin}/build/`));
        response.writeHead(upstream.status, headers);
        response.end(body);
      })
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  servers.push(site, code, pages);
  const siteOrigin = await listen(pages);
  const page = await browser.newPage();
  const logs: string[] = [];
  const workers: string[] = [];
  page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`pageerror: ${error.name}: ${error.message}`));
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto(`${siteOrigin}${path}`);
  return { page, logs, workers };
}

test('the site with its scripts on a second origin: the article generates in the worker, the map fits UMAP, the playground trains', { timeout: 420_000 }, async () => {
  const article = await openSitePage('/index.html');
  const steps = await article.page.evaluate(async () => {
    await customElements.whenDefined('lx-denoising-player');
    const hero = document.querySelector('#hero-player') as HTMLElement & { generate(): Promise<void>; stepRecords: readonly unknown[]; updateComplete: Promise<unknown> };
    // A live run's end, not the shipped recording's (`recorded: true`) that the figure opens on.
    // Its records are read from the event: the article's draw queue may start the figure again
    // right after (the pipeline map's run comes first now), which clears what the element holds.
    let count = 0;
    const live = new Promise<void>((resolve) =>
      hero.addEventListener('lx-complete', (event) => {
        const detail = (event as CustomEvent<{ recorded?: boolean; records?: readonly unknown[] }>).detail;
        if (detail?.recorded) return;
        count = detail?.records?.length ?? 0;
        resolve();
      }),
    );
    await hero.updateComplete; // its options are read from the attributes on the first update
    await hero.generate();
    // The article's own draw queue starts the figure's run too (superseding ours): wait for a whole one.
    const deadline = performance.now() + 180_000;
    let ended = false;
    void live.then(() => (ended = true));
    while (!ended && !hero.shadowRoot?.querySelector('[part=error]') && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    return {
      ended,
      count,
      error: hero.shadowRoot?.querySelector('[part=error]')?.textContent?.trim() ?? '',
    };
  });
  // A whole live run of 20 steps in the blob-started worker, with no error.
  assert.deepEqual(steps, { ended: true, count: 20, error: '' }, article.logs.join('\n'));
  assert.ok(article.workers.some((url) => url.startsWith('blob:')), article.workers.join(' '));
  assert.deepEqual(article.logs.filter((line) => WORKER_TROUBLE.test(line) || line.startsWith('pageerror')), []);

  const map = await openSitePage('/components/lx-embedding-map.html');
  const projection = await map.page.evaluate(async () => {
    await customElements.whenDefined('lx-embedding-map');
    const element = document.querySelector('lx-embedding-map') as HTMLElement & { projection: string; result?: { projection: string } };
    element.projection = 'umap';
    const deadline = performance.now() + 200_000;
    while (element.result?.projection !== 'umap' && !element.shadowRoot?.querySelector('[part=error]') && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    return element.result?.projection ?? element.shadowRoot?.querySelector('[part=error]')?.textContent;
  });
  assert.equal(projection, 'umap');
  assert.deepEqual(map.logs.filter((line) => WORKER_TROUBLE.test(line) || line.startsWith('pageerror')), []);

  const playground = await openSitePage('/components/lx-diffusion-playground.html');
  const step = await playground.page.evaluate(async () => {
    await customElements.whenDefined('lx-diffusion-playground');
    const element = document.querySelector('lx-diffusion-playground') as HTMLElement & { start(): void };
    const trained = new Promise<number>((resolve) => element.addEventListener('lx-progress', (event) => (event as CustomEvent).detail.step > 0 && resolve((event as CustomEvent).detail.step)));
    element.start();
    return trained;
  });
  assert.ok(step > 0);
  assert.deepEqual(playground.logs.filter((line) => WORKER_TROUBLE.test(line) || line.startsWith('pageerror')), []);
});

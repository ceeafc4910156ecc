/**
 * Shared harness for the site's end-to-end tests: builds the docs bundles, serves the site
 * exactly as `npm start` does (its mounts, onnxruntime's WASM under assets/ort, cross-origin
 * isolation), launches Debian's
 * Chromium through playwright-core with WebGPU on or off, and opens pages while recording
 * everything that went wrong (console errors, page errors, failed or off-origin requests).
 * `recordEvents` logs the elements' `lx-complete`/`lx-result`/`lx-error` events from the first
 * script on; `holdModels` never answers model-file requests.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildDocs } from '../../scripts/build-docs.mjs';
import { serveStatic, SITE_MOUNTS } from '../../scripts/static-server.mjs';
import { ensureOrtRuntime } from '../../scripts/ort-runtime.mjs';
import { ensureChromium } from '../../scripts/chromium-path.mjs';
import { chromiumArgs } from '../../scripts/browser-flags.mjs';
import { ensureDocsManifest } from '../../scripts/api-tables.mjs';

/** Every page of the site, as served paths. */
export const SITE_PAGES = ['/', '/components/', '/embed.html', '/teach.html'] as const;

/** Whether the shipped pocket model is present (the live-generation tests need it). */
export const POCKET_MODEL_PRESENT = existsSync('assets/models/pocket/model_index.json');

/** A served site and a browser, torn down with `close()`. */
export interface SiteSession {
  readonly origin: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Chromium flags with WebGPU enabled (SwiftShader) or explicitly disabled (WASM only). */
export function browserArgs(webgpu: boolean): string[] {
  if (webgpu) return chromiumArgs;
  return [...chromiumArgs.filter((flag: string) => !flag.includes('webgpu') && !flag.includes('Vulkan') && !flag.includes('vulkan')), '--disable-features=WebGPU'];
}

/** Builds the bundles and the API manifest, serves the site, launches Chromium. */
export async function startSite({ webgpu = true } = {}): Promise<SiteSession> {
  ensureOrtRuntime();
  await buildDocs();
  ensureDocsManifest();
  const server: Server = await serveStatic({ mounts: SITE_MOUNTS });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: browserArgs(webgpu) });
  return {
    origin,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/** A page plus the problems seen while it ran. */
export interface OpenedPage {
  readonly page: Page;
  readonly problems: string[];
}

/**
 * Opens `path` in a fresh context and waits for the network to go quiet. Every console error,
 * uncaught exception, failed request, HTTP error and request to another origin is a problem.
 */
export async function openPage(
  site: SiteSession,
  path: string,
  options: BrowserContextOptions = {},
  { recordEvents = false, holdModels = false } = {},
): Promise<OpenedPage> {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  if (recordEvents) await recordWidgetEvents(page);
  // Model files left unanswered: live figures stay in their loading state, whatever the speed
  // of the machine (for screenshots of the layout).
  if (holdModels) await page.route('**/assets/models/**', () => undefined);
  const problems: string[] = [];
  page.on('console', (message) => {
    // onnxruntime prints its own warnings ("[W:onnxruntime…]", e.g. shape ops placed on the CPU)
    // through console.error; they are not failures.
    if (message.type() === 'error' && !/\[W:onnxruntime/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== site.origin) problems.push(`left the origin: ${request.url()}`);
  });
  page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  page.on('close', () => void context.close().catch(() => undefined)); // the browser may be closing too
  await page.goto(`${site.origin}${path}`, { waitUntil: holdModels ? 'load' : 'networkidle' });
  return { page, problems };
}

/** Waits until every custom element on the page has finished its pending Lit update. */
export async function settleElements(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const elements = [...document.querySelectorAll<HTMLElement>('*')].filter((el) => el.localName.includes('-'));
    await Promise.all(elements.map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  });
}

/** Elements whose work ends in `lx-complete` (drawn pictures, encoded prompts). */
export const GENERATING_ELEMENTS = ['lx-pipeline-map', 'lx-denoising-player', 'lx-guidance-comparison', 'lx-seed-comparison', 'lx-trajectory-plot', 'lx-prompt-tokens', 'lx-explainer'];
/** Elements on the GloVe vectors, whose work ends in `lx-result` (no model needed). */
export const EMBEDDING_ELEMENTS = ['lx-embedding-map', 'lx-vector-arithmetic', 'lx-similarity-matrix'];

/**
 * Records, from the very start of every page, which elements finished (`lx-complete`) or
 * failed (`lx-error`), with the time since navigation start; read by `waitForWidgets`.
 */
export async function recordWidgetEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { tag: string; type: string; at: number; message?: string }[] = [];
    (globalThis as { __lxEvents?: typeof log }).__lxEvents = log;
    for (const type of ['lx-complete', 'lx-result', 'lx-error']) {
      document.addEventListener(type, (event) => {
        const source = event.composedPath()[0] as HTMLElement;
        // A shipped recording shown before any model is not the figure's own work: not counted.
        if ((event as CustomEvent<{ recorded?: boolean }>).detail?.recorded) return;
        const message = type === 'lx-error' ? String((event as CustomEvent<{ error?: Error }>).detail?.error?.message) : undefined;
        log.push({ tag: source.localName, type, at: performance.now(), ...(message ? { message } : {}) });
      });
    }
  });
}

/** The widget events seen so far on `page` (see `recordWidgetEvents`). */
export function widgetEvents(page: Page): Promise<{ tag: string; type: string; at: number; message?: string }[]> {
  return page.evaluate(() => (globalThis as unknown as { __lxEvents: { tag: string; type: string; at: number; message?: string }[] }).__lxEvents.slice());
}

/**
 * Waits until every defined element of `tags` on the page has finished or failed at least
 * once since `after` events (so a re-run after a prompt change counts); returns the events.
 */
export async function waitForWidgets(
  page: Page,
  { after = 0, timeout = 240_000, tags = GENERATING_ELEMENTS } = {},
): Promise<{ tag: string; type: string; at: number; message?: string }[]> {
  await page.waitForFunction(
    ({ tags, after }) => {
      const events = (globalThis as unknown as { __lxEvents: { tag: string; type: string }[] }).__lxEvents.slice(after);
      const present = tags.filter((tag) => customElements.get(tag) && document.querySelector(tag));
      const counts = new Map<string, number>();
      for (const event of events) counts.set(event.tag, (counts.get(event.tag) ?? 0) + 1);
      return present.every((tag) => (counts.get(tag) ?? 0) >= document.querySelectorAll(tag).length);
    },
    { tags, after },
    { timeout, polling: 250 },
  );
  return (await widgetEvents(page)).slice(after);
}

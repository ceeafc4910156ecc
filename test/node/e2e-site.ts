/**
 * Shared harness for the site's end-to-end tests: builds the docs bundles, serves the site
 * exactly as `npm start` does (same mounts, cross-origin isolation), launches Debian's
 * Chromium through playwright-core with WebGPU on or off, and opens pages while recording
 * everything that went wrong (console errors, page errors, failed or off-origin requests).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildDocs } from '../../scripts/build-docs.mjs';
import { serveStatic } from '../../scripts/static-server.mjs';
import { ensureChromium } from '../../scripts/chromium-path.mjs';
import { chromiumArgs } from '../../scripts/browser-flags.mjs';
import { ensureDocsManifest } from '../../scripts/api-tables.mjs';

/** Every page of the site, as served paths. */
export const SITE_PAGES = ['/', '/components/', '/embed.html', '/teach.html'] as const;

/** Whether the shipped pocket model is present (the live-generation tests need it). */
export const POCKET_MODEL_PRESENT = existsSync('assets/models/pocket/model_index.json');

/** The URL mounts of `npm start` (scripts/serve.mjs). */
export const SITE_MOUNTS = {
  '/': 'docs',
  '/assets': 'assets',
  '/assets/ort': 'node_modules/onnxruntime-web/dist',
  '/vendor/ort': 'node_modules/onnxruntime-web/dist',
};

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
export async function openPage(site: SiteSession, path: string, options: BrowserContextOptions = {}): Promise<OpenedPage> {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== site.origin) problems.push(`left the origin: ${request.url()}`);
  });
  page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  page.on('close', () => void context.close());
  await page.goto(`${site.origin}${path}`, { waitUntil: 'networkidle' });
  return { page, problems };
}

/** Waits until every custom element on the page has finished its pending Lit update. */
export async function settleElements(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const elements = [...document.querySelectorAll<HTMLElement>('*')].filter((el) => el.localName.includes('-'));
    await Promise.all(elements.map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  });
}

/**
 * The built CDN bundle in headless Chromium: builds it (minified, as shipped) into `.cache`,
 * serves a page on one origin and the bundle either beside it or from a second origin that
 * answers as npm CDNs do, and records what the page logs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildCdn } from '../../../scripts/build.mjs';
import { chromiumArgs } from '../../../scripts/browser-flags.mjs';
import { ensureChromium } from '../../../scripts/chromium-path.mjs';
import { ensureOrtRuntime } from '../../../scripts/ort-runtime.mjs';
import { serveStatic } from '../../../scripts/static-server.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const outdir = `${root}.cache/e2e-cdn`;

let built: Promise<void> | undefined;

/** Builds the bundle and the page helpers once per process. */
export function buildForTests(): Promise<void> {
  built ??= (async () => {
    ensureOrtRuntime();
    await mkdir(`${outdir}/page`, { recursive: true });
    await buildCdn(`${outdir}/cdn`);
    await esbuild.build({
      entryPoints: [`${root}test/fixtures/pages/error-display.ts`],
      outfile: `${outdir}/page/error-display.js`,
      bundle: true,
      format: 'iife',
      globalName: 'errorDisplay',
      logLevel: 'warning',
    });
  })();
  return built;
}

export const listen = async (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** An open page on the bundle, with everything it logged. */
export interface CdnPage {
  readonly page: Page;
  readonly pageOrigin: string;
  readonly bundleOrigin: string;
  /** Console messages (`type: text`) and uncaught page errors (`pageerror: …`). */
  readonly logs: string[];
  /** URLs of the workers the page started (ours start from same-origin blobs on a second origin). */
  readonly workers: string[];
  close(): Promise<void>;
}

/** Opens `body` (HTML after the bundle's script tag) on the bundle, served beside the page or from a second origin. */
export async function openCdnPage(body: string, { secondOrigin }: { secondOrigin: boolean }): Promise<CdnPage> {
  await buildForTests();
  const servers: Server[] = [];
  const bundleMounts = { '/cdn': `${outdir}/cdn`, '/assets': `${root}assets` };
  const pageServer = await serveStatic({ mounts: { '/': `${outdir}/page`, ...(secondOrigin ? {} : bundleMounts) } });
  servers.push(pageServer);
  const pageOrigin = await listen(pageServer);
  let bundleOrigin = pageOrigin;
  if (secondOrigin) {
    const bundleServer = await serveStatic({ mounts: bundleMounts, asCdn: true });
    servers.push(bundleServer);
    bundleOrigin = await listen(bundleServer);
  }
  const name = `page-${Math.random().toString(36).slice(2)}.html`;
  await writeFile(
    `${outdir}/page/${name}`,
    `<!doctype html><meta charset="utf-8"><title>cdn</title><script type="module" src="${bundleOrigin}/cdn/latent-explorables.js"></script><script src="/error-display.js"></script>${body}`,
  );
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: ensureChromium() as string, args: chromiumArgs as string[], headless: true });
    const page = await browser.newPage();
    const logs: string[] = [];
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    page.on('console', (message) => logs.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => logs.push(`pageerror: ${error.name}: ${error.message}`));
    await page.addInitScript('globalThis.__name = (target) => target;');
    await page.goto(`${pageOrigin}/${name}`);
    await page.waitForFunction(() => customElements.get('lx-noise-schedule') !== undefined);
    const opened = browser;
    return {
      page,
      pageOrigin,
      bundleOrigin,
      logs,
      workers,
      async close() {
        await opened.close();
        for (const server of servers) server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    for (const server of servers) server.close();
    throw error;
  }
}

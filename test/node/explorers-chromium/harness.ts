/**
 * Runs explorer code in real headless Chromium from Node: bundles `page.ts` and the UMAP
 * worker with esbuild (which, unlike the test runner's dev server, converts umap-js from
 * CommonJS), serves the repository, and opens a page. Used by the worker test and the benches.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureChromium } from '../../../scripts/chromium-path.mjs';
import { chromiumArgs } from '../../../scripts/browser-flags.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const outdir = `${root}.cache/explorers-chromium`;

/** An open page with `window.lx` ready; `close()` stops the browser and the server. */
export interface ChromiumSession {
  readonly page: Page;
  close(): Promise<void>;
}

/** Bundles, serves and opens the harness page. */
export async function openExplorerPage(): Promise<ChromiumSession> {
  await mkdir(outdir, { recursive: true });
  await writeFile(`${outdir}/index.html`, '<!doctype html><meta charset="utf-8"><title>explorers</title><script type="module" src="./page.js"></script>');
  const context = await esbuild.context({
    entryPoints: {
      page: `${root}test/node/explorers-chromium/page.ts`,
      'umap.worker': `${root}src/explorers/umap/umap.worker.ts`,
    },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outdir,
    logLevel: 'silent',
  });
  const { port } = await context.serve({ servedir: root, host: '127.0.0.1' });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: ensureChromium() as string, args: chromiumArgs as string[], headless: true });
    const page = await browser.newPage();
    // tsx compiles callbacks passed to page.evaluate with esbuild's keepNames, which calls a
    // `__name` helper that only exists in Node: give the page a no-op one.
    await page.addInitScript('globalThis.__name = (target) => target;');
    await page.goto(`http://127.0.0.1:${port}/.cache/explorers-chromium/index.html`);
    await page.waitForFunction(() => 'lx' in window);
    const opened = browser;
    return {
      page,
      async close() {
        await opened.close();
        await context.dispose();
      },
    };
  } catch (error) {
    await browser?.close();
    await context.dispose();
    throw error;
  }
}

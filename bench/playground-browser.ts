/**
 * Opens the playground in headless Chromium for benches and screenshots: bundles the element
 * and the training worker with esbuild (the worker as its own entry point beside the page
 * bundle, where `createTrainingWorker` looks for it), serves them with the cross-origin
 * isolation headers, and launches Chromium through playwright-core.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs } from '../scripts/browser-flags.mjs';
import { ensureChromium } from '../scripts/chromium-path.mjs';
import { serveStatic } from '../scripts/static-server.mjs';

const outdir = 'bench/.out/playground';

/** A served playground page and how to close it. */
export interface PlaygroundPage {
  readonly page: Page;
  close(): Promise<void>;
}

/** Builds the bundle, serves it and opens `body` (HTML placed in the page) in Chromium. */
export async function openPlaygroundPage(body: string, viewport = { width: 1000, height: 760 }): Promise<PlaygroundPage> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { 'playground-page': 'bench/playground-page.ts', 'training.worker': 'src/playground/training.worker.ts' },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  writeFileSync(
    `${outdir}/index.html`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Diffusion playground</title>
<style>body{margin:0;padding:16px;font-family:system-ui;background:#fff}</style>
<script type="module" src="./playground-page.js"></script></head><body>${body}</body></html>`,
  );
  const server = (await serveStatic({ mounts: { '/': outdir } })) as import('node:http').Server;
  const { port } = server.address() as AddressInfo;
  const browser: Browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => customElements.get('lx-diffusion-playground') !== undefined);
  return {
    page,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

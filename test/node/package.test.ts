// The npm package as users get it: `npm run build`, `npm pack`, install the tarball into an empty
// project, then use the CLI, the Node entry, and the one-script-tag CDN bundle in Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../scripts/static-server.mjs';
import { ensureChromium } from '../../scripts/chromium-path.mjs';
import { chromiumArgs } from '../../scripts/browser-flags.mjs';

const root = process.cwd();
let project: string;
let installed: string;
let tarball: string;

before(() => {
  execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  project = mkdtempSync(join(tmpdir(), 'lx-package-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { encoding: 'utf8' })) as { filename: string }[];
  tarball = join(project, packed[0]!.filename);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'lx-consumer', private: true, type: 'module' }));
  // Dependencies come from npm's cache, filled by the repository's own install.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
    cwd: project,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  installed = join(project, 'node_modules', 'latent-explorables');
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the tarball holds the built code, types, manifest, CDN bundle and shipped assets, and nothing else', () => {
  const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8', cwd: root })) as { files: { path: string }[] }[];
  const files = listing[0]!.files.map((file) => file.path);
  for (const expected of ['dist/index.js', 'dist/cli.js', 'dist/types/index.d.ts', 'dist/custom-elements.json', 'cdn/latent-explorables.js', 'assets/models/pocket/unet/model.onnx', 'assets/ort/ort-wasm-simd-threaded.jsep.wasm', 'LICENSE']) {
    assert.ok(files.includes(expected), `${expected} is packed`);
  }
  const strays = files.filter((path) => /^(src|test|training|bench|docs|node_modules)\//.test(path));
  assert.deepEqual(strays, []);
});

test('the installed CLI renders a PNG with the bundled pocket model', () => {
  const out = join(project, 'sheep.png');
  const bin = join(project, 'node_modules', '.bin', 'latent-explorables');
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
  const run = spawnSync(bin, ['generate', 'a sheep riding a motorcycle', '--seed', '42', '--steps', '4', '-o', out], { encoding: 'utf8', cwd: project });
  assert.equal(run.status, 0, run.stderr);
  const png = readFileSync(out);
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  const bad = spawnSync(bin, ['generate', 'x', '--seed', 'abc'], { encoding: 'utf8', cwd: project });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /seed/);
});

test('the installed package imports in Node and generates through the node entry', () => {
  const script = `
    import { loadModelInNode, generateAll, assetUrl, createScheduler } from 'latent-explorables/node';
    import { fileURLToPath } from 'node:url';
    const model = await loadModelInNode(fileURLToPath(assetUrl('models/pocket/')));
    const { steps } = await generateAll(model, { prompt: 'a sheep riding a motorcycle', seed: 1, steps: 3 });
    await model.dispose();
    console.log(JSON.stringify({ steps: steps.length, scheduler: typeof createScheduler }));
  `;
  const run = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: project });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split('\n').at(-1)!), { steps: 3, scheduler: 'function' });
});

test('a plain HTML page with only the CDN bundle generates an image in Chromium', async () => {
  const page = join(project, 'site');
  execFileSync('mkdir', ['-p', page]);
  writeFileSync(
    join(page, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>plain page</title><link rel="icon" href="data:,">
     <script type="module" src="/cdn/latent-explorables.js"></script>
     <lx-denoising-player prompt="a sheep riding a motorcycle" seed="3" steps="4"></lx-denoising-player>`,
  );
  let server: Server | undefined;
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
  try {
    server = await serveStatic({ mounts: { '/': page, '/cdn': join(installed, 'cdn'), '/assets': join(installed, 'assets') } });
    const tab = await browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    // onnxruntime's native placement notices arrive as console errors; they are not failures.
    tab.on('console', (message) => message.type() === 'error' && !message.text().includes('[W:onnxruntime') && problems.push(message.text()));
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const completed = await tab.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const player = document.querySelector('lx-denoising-player')!;
          let steps = 0;
          player.addEventListener('lx-step', () => (steps += 1));
          player.addEventListener('lx-complete', () => resolve(steps));
          player.addEventListener('lx-error', (event) => reject(new Error((event as CustomEvent<{ error: Error }>).detail.error.message)));
          (player as unknown as { generate(): void }).generate();
        }),
    );
    assert.equal(completed, 4);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server?.close();
  }
});

test('built site and CDN folders exist after the build', () => {
  assert.ok(existsSync(join(root, 'dist/site/index.html')));
  assert.ok(existsSync(join(root, 'dist/sizes.json')));
});

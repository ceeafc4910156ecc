#!/usr/bin/env node
// `npm run build`: the npm package's dist/ (ESM entry points, .d.ts, custom-elements.json),
// the self-contained CDN bundle, and the static site, then a gzip size report with a budget.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildDocs } from './build-docs.mjs';
import { workerEntryPoints } from './workers.mjs';
import { ensureOrtRuntime } from './ort-runtime.mjs';

/** Gzipped size limits for our own code (onnxruntime's WASM and model files load on demand). */
export const BUDGETS_KIB = {
  'dist/index.js': 150,
  'dist/cdn/js/latent-explorables.js': 900,
};

async function buildLibrary() {
  const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, logLevel: 'warning', packages: 'external' };
  await build({
    ...common,
    platform: 'browser',
    splitting: true,
    outdir: 'dist',
    entryPoints: {
      index: 'src/index.ts',
      pipeline: 'src/pipeline/index.ts',
      explorers: 'src/explorers/index.ts',
      components: 'src/components/index.ts',
      define: 'src/define.ts',
    },
  });
  // Workers run on their own: bundle each with all of its dependencies.
  await build({ ...common, packages: undefined, platform: 'browser', outdir: 'dist', entryPoints: workerEntryPoints() });
  await build({
    ...common,
    platform: 'node',
    outdir: 'dist',
    entryPoints: { node: 'src/node.ts', cli: 'src/cli/main.ts' },
    banner: { js: '' },
  });
}

function buildTypes() {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

function buildManifest() {
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { stdio: 'inherit' });
  cpSync('dist/custom-elements.json', 'docs/custom-elements.json');
}

async function buildCdn() {
  // Self-contained: every dependency bundled; assets (models, vectors, ORT WASM) sit in ../assets/.
  await build({
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: { 'latent-explorables': 'src/cdn.ts', ...workerEntryPoints() },
    outdir: 'dist/cdn/js',
  });
  cpSync('assets', 'dist/cdn/assets', { recursive: true });
  ensureOrtRuntime('dist/cdn/assets/ort');
}

async function buildSite() {
  await buildDocs({ minify: true });
  rmSync('dist/site', { recursive: true, force: true });
  cpSync('docs', 'dist/site', { recursive: true, filter: (path) => !path.includes('/docs/src') });
  cpSync('assets', 'dist/site/assets', { recursive: true });
  ensureOrtRuntime('dist/site/assets/ort');
}

function sizeReport() {
  const rows = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!path.includes('assets') && !path.includes('site') && !path.includes('types')) walk(path);
      } else if (name.endsWith('.js')) {
        const bytes = readFileSync(path);
        rows.push({ path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
      }
    }
  };
  walk('dist');
  rows.sort((a, b) => b.gzip - a.gzip);
  console.log('\nBundle sizes (KiB):\n  gzip      raw  file');
  for (const row of rows) console.log(`${(row.gzip / 1024).toFixed(1).padStart(6)} ${(row.raw / 1024).toFixed(1).padStart(8)}  ${row.path}`);
  const over = Object.entries(BUDGETS_KIB).filter(([path, kib]) => {
    const row = rows.find((r) => r.path === path);
    return !row || row.gzip / 1024 > kib;
  });
  writeFileSync('dist/sizes.json', JSON.stringify(rows, null, 2));
  if (over.length) {
    console.error(`Size budget exceeded (or file missing): ${over.map(([p, k]) => `${p} > ${k} KiB gzip`).join('; ')}`);
    process.exitCode = 1;
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync('dist', { recursive: true, force: true });
  await buildLibrary();
  buildTypes();
  buildManifest();
  await buildCdn();
  await buildSite();
  ensureOrtRuntime('assets/ort');
  sizeReport();
  if (!existsSync('dist/index.js')) process.exitCode = 1;
}

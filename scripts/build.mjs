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

/**
 * Gzipped size limits (KiB). `library` is every browser module of the npm package (entries and
 * shared chunks, dependencies excluded); `cdn` is the one-script-tag bundle with lit, d3,
 * umap-js and onnxruntime-web's JS inside. onnxruntime's WASM and the model files are separate
 * assets loaded on demand and are not counted.
 */
export const BUDGETS_KIB = { library: 200, cdn: 600 };

const GROUPS = {
  library: (path) => /^dist\/(index|pipeline|explorers|components|define|chunk-[^/]+)\.js$/.test(path),
  cdn: (path) => path === 'cdn/latent-explorables.js',
};

// No source maps in the npm package's code (dist/, cdn/): about 8 MB of it, and they
// pointed at sources it does not ship; debug from src/ with npm start instead.
async function buildLibrary() {
  const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: false, logLevel: 'warning', packages: 'external' };
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
  // The Node entry and the CLI share their code, and what they import on demand (the runtimes,
  // onnxruntime) stays in chunks loaded on first use: `--help` loads no onnxruntime. cli.js keeps
  // bin.ts's shebang.
  await build({ ...common, platform: 'node', splitting: true, chunkNames: 'node-chunk-[hash]', outdir: 'dist', entryPoints: { node: 'src/node.ts', cli: 'src/cli/bin.ts' } });
}

function buildTypes() {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

function buildManifest() {
  execFileSync('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { stdio: 'inherit' });
  cpSync('dist/custom-elements.json', 'docs/custom-elements.json');
}

/** The CDN bundle into `outdir` (default `cdn/`); the e2e tests build their own copy. */
export async function buildCdn(outdir = 'cdn') {
  // Self-contained: every dependency bundled. It lives in the package's `cdn/` folder, so the
  // shipped files resolve to the package's own `assets/` (../assets/ from the bundle): host the
  // two folders side by side, or load it from an npm CDN as is.
  await build({
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    // Code the page needs only sometimes (onnxruntime, for in-page inference) goes into chunks
    // beside the bundle, loaded on demand; the workers share those chunks.
    splitting: true,
    entryPoints: { 'latent-explorables': 'src/cdn.ts', ...workerEntryPoints() },
    outdir,
  });
}

async function buildSite() {
  await buildDocs({ minify: true });
  rmSync('dist/site', { recursive: true, force: true });
  // Page sources and templates stay behind: the component pages are the ones buildDocs rendered,
  // the same files npm start serves.
  const sourceOnly = ['docs/src', 'docs/templates', 'docs/components', 'docs/build/components'];
  cpSync('docs', 'dist/site', { recursive: true, filter: (path) => !sourceOnly.some((dir) => path === dir || path.startsWith(`${dir}/`)) });
  cpSync('docs/build/components', 'dist/site/components', { recursive: true });
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
  walk('cdn');
  rows.sort((a, b) => b.gzip - a.gzip);
  console.log('\nBundle sizes (KiB):\n  gzip      raw  file');
  for (const row of rows) console.log(`${(row.gzip / 1024).toFixed(1).padStart(6)} ${(row.raw / 1024).toFixed(1).padStart(8)}  ${row.path}`);
  const totals = Object.fromEntries(
    Object.entries(GROUPS).map(([group, matches]) => [group, rows.filter((r) => matches(r.path)).reduce((sum, r) => sum + r.gzip, 0) / 1024]),
  );
  console.log('\nBudgets (KiB gzip):');
  for (const [group, kib] of Object.entries(totals)) console.log(`  ${group}: ${kib.toFixed(1)} of ${BUDGETS_KIB[group]}`);
  writeFileSync('dist/sizes.json', JSON.stringify({ totals, budgets: BUDGETS_KIB, files: rows }, null, 2));
  const over = Object.entries(totals).filter(([group, kib]) => kib === 0 || kib > BUDGETS_KIB[group]);
  if (over.length) {
    console.error(`Size budget exceeded (or bundle missing): ${over.map(([g, k]) => `${g} ${k.toFixed(1)} KiB > ${BUDGETS_KIB[g]} KiB`).join('; ')}`);
    process.exitCode = 1;
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync('dist', { recursive: true, force: true });
  rmSync('cdn', { recursive: true, force: true });
  execFileSync('node', ['scripts/gen-component-entries.mjs'], { stdio: 'inherit' });
  ensureOrtRuntime();
  await buildLibrary();
  buildTypes();
  buildManifest();
  await buildCdn();
  await buildSite();
  sizeReport();
  if (!existsSync('dist/index.js')) process.exitCode = 1;
}

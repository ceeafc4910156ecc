// Bundles the docs site's scripts (docs/src/*.ts → docs/build/*.js) with esbuild and renders the
// component pages from their sources and templates (docs/components → docs/build/components).
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { workerEntryPoints } from './workers.mjs';
import { renderComponentPages } from './component-pages.mjs';
import { copySiteFonts } from './site-fonts.mjs';

export async function buildDocs({ minify = false } = {}) {
  // Each `docs/src/<page>.page.ts` is one page's script, bundled to `docs/build/<page>.js`.
  const entryPoints = Object.fromEntries(
    readdirSync('docs/src')
      .filter((name) => name.endsWith('.page.ts'))
      .map((name) => [name.slice(0, -'.page.ts'.length), `docs/src/${name}`]),
  );
  Object.assign(entryPoints, workerEntryPoints());
  rmSync('docs/build', { recursive: true, force: true }); // no stale chunks
  copySiteFonts(); // docs/build/fonts, declared in docs/site.css
  await build({
    entryPoints,
    outdir: 'docs/build',
    bundle: true,
    format: 'esm',
    splitting: true,
    target: 'es2022',
    sourcemap: true,
    minify,
    logLevel: 'warning',
    // onnxruntime-web's .wasm/.mjs runtime is loaded at run time from assets/ort/ (scripts/ort-runtime.mjs).
    external: ['*.wasm'],
  });
  renderComponentPages(); // served at /components/ by npm start, copied into dist/site by npm run build
  return Object.keys(entryPoints).filter((name) => !name.endsWith('.worker'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entries = await buildDocs({ minify: process.argv.includes('--minify') });
  console.log(`built ${entries.length} docs bundles and the component pages into docs/build/`);
}

// Bundles the docs site's scripts (docs/src/*.ts → docs/build/*.js) with esbuild.
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';

export async function buildDocs({ minify = false } = {}) {
  // Each `docs/src/<page>.page.ts` is one page's script, bundled to `docs/build/<page>.js`.
  const entryPoints = Object.fromEntries(
    readdirSync('docs/src')
      .filter((name) => name.endsWith('.page.ts'))
      .map((name) => [name.slice(0, -'.page.ts'.length), `docs/src/${name}`]),
  );
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
    // onnxruntime-web ships its own .wasm/.mjs loaders; they are served from /vendor/ort/.
    external: ['*.wasm'],
  });
  return Object.keys(entryPoints);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entries = await buildDocs({ minify: process.argv.includes('--minify') });
  console.log(`built ${entries.length} docs bundles into docs/build/`);
}

// Bundles the docs site's scripts (docs/src/*.ts → docs/build/*.js) with esbuild.
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';

export async function buildDocs({ minify = false } = {}) {
  const entryPoints = readdirSync('docs/src')
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `docs/src/${name}`);
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
  return entryPoints;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entries = await buildDocs({ minify: process.argv.includes('--minify') });
  console.log(`built ${entries.length} docs bundles into docs/build/`);
}

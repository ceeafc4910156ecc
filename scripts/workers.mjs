// Web Workers are separate bundles. Sources start them with
// `new Worker(new URL('./name.worker.js', import.meta.url))`, so each bundle folder gets every
// `src/**/name.worker.ts` as `name.worker.js` beside the code that starts it.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export function workerEntryPoints(dir = 'src') {
  const entries = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(entries, workerEntryPoints(path));
    else if (name.endsWith('.worker.ts')) entries[basename(name, '.ts')] = path;
  }
  return entries;
}

/**
 * Bundles a test or bench page (`{ name: source }`) with every worker beside it in `outdir`,
 * where the workers' clients look for them, as in every bundle we ship.
 */
export async function bundlePageWithWorkers(page, outdir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: { ...page, ...workerEntryPoints() },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
    external: ['*.wasm'],
    // As the shipped bundles are: code loaded on demand (onnxruntime, for in-page inference) in chunks.
    splitting: true,
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

test('a browser bundle of the runtime holds onnxruntime-web once per build (default, and WASM-only in a chunk of its own), and no Node modules', async () => {
  const result = await build({
    entryPoints: ['src/pipeline/model/web.ts', 'src/pipeline/run/generate.ts', 'src/pipeline/run/sweeps.ts', 'src/pipeline/run/latent-images.ts'],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    outdir: 'out',
    splitting: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const ort = inputs.filter((path) => /onnxruntime/.test(path));
  assert.deepEqual(ort, ['node_modules/onnxruntime-web/dist/ort.bundle.min.mjs', 'node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs']);
  // The WASM-only build (what WASM sessions run on in browsers) loads on demand: its own chunk, no entry's.
  const holding = Object.entries(result.metafile.outputs).filter(([, output]) => 'node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs' in output.inputs);
  assert.equal(holding.length, 1);
  // esbuild makes a dynamically imported module an entry of its own output.
  assert.equal(holding[0]![1].entryPoint, 'node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs');
  assert.equal(inputs.some((path) => path.startsWith('node:') || /onnxruntime-node/.test(path)), false);
});

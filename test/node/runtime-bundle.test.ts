import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

test('a browser bundle of the runtime holds exactly one onnxruntime (web), and no Node modules', async () => {
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
  assert.deepEqual(ort, ['node_modules/onnxruntime-web/dist/ort.bundle.min.mjs']);
  assert.equal(inputs.some((path) => path.startsWith('node:') || /onnxruntime-node/.test(path)), false);
});

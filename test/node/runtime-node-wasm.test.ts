// The Node runtimes: onnxruntime-node when it loads, else onnxruntime-web's WASM in Node (the
// package's own test installs it without onnxruntime-node and runs the CLI that way).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import { createNodeBackend, selectNodeBackend, wasmFallbackNotice } from '../../src/pipeline/io/node-backend.js';
import { createNodeWasmBackend } from '../../src/pipeline/io/node-wasm-backend.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import { generateAll } from '../../src/pipeline/run/generate.js';
import { MissingDependencyError } from '../../src/errors.js';

const POCKET = 'assets/models/pocket';

function moduleNotFound(): Error {
  return Object.assign(new Error("Cannot find package 'onnxruntime-node' imported from /x/node-backend.js"), { code: 'ERR_MODULE_NOT_FOUND' });
}

describe('selectNodeBackend', () => {
  test('takes onnxruntime-node when it loads, and says nothing', async () => {
    const notices: string[] = [];
    const backend = await selectNodeBackend({ notice: (message) => notices.push(message) });
    assert.equal(backend.name, 'onnxruntime-node');
    assert.deepEqual(notices, []);
  });

  test('falls back to WASM where onnxruntime-node is missing, and says how to get it', async () => {
    const notices: string[] = [];
    const missing = new MissingDependencyError('onnxruntime-node', 'The native Node runtime', { cause: moduleNotFound() });
    const backend = await selectNodeBackend({ importNative: () => Promise.reject(missing), notice: (message) => notices.push(message) });
    assert.equal(backend.name, 'onnxruntime-web');
    assert.deepEqual(await backend.availableProviders(), ['wasm']);
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /^onnxruntime-node is not installed, so models run on onnxruntime-web's WASM backend \(slower\)\. For the native runtime: npm install onnxruntime-node$/);
  });

  test('names the load failure when onnxruntime-node is there but cannot load', () => {
    const broken = new MissingDependencyError('onnxruntime-node', 'The native Node runtime', { cause: new Error('libonnxruntime.so.1: cannot open shared object file\nstack…') });
    assert.match(wasmFallbackNotice(broken), /^onnxruntime-node could not be loaded \(libonnxruntime\.so\.1: cannot open shared object file\), so .* npm install onnxruntime-node$/);
  });

  test('MissingDependencyError is typed, names the package and the install command', () => {
    const error = new MissingDependencyError('onnxruntime-node', 'The native Node runtime');
    assert.equal(error.code, 'missing-dependency');
    assert.equal(error.field, 'onnxruntime-node');
    assert.equal(error.install, 'npm install onnxruntime-node');
    assert.match(error.message, /npm install onnxruntime-node/);
  });
});

describe('the pocket model on onnxruntime-web WASM in Node', () => {
  let wasm: DiffusionModel;
  let native: DiffusionModel;
  before(async () => {
    wasm = await loadModelInNode(POCKET, { backend: createNodeWasmBackend() });
    native = await loadModelInNode(POCKET, { backend: createNodeBackend() });
  });
  after(async () => {
    await wasm?.dispose();
    await native?.dispose();
  });

  test('runs every graph on WASM and matches onnxruntime-node', async () => {
    assert.deepEqual(new Set(Object.values(wasm.providers)), new Set(['wasm']));
    const options = { prompt: 'a sheep riding a motorcycle', seed: 7, steps: 3, guidanceScale: 5 };
    const [fromWasm, fromNative] = [await generateAll(wasm, options), await generateAll(native, options)];
    assert.equal(fromWasm.steps.length, 3);
    const a = fromWasm.steps.at(-1)!.latentOut.data;
    const b = fromNative.steps.at(-1)!.latentOut.data;
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    // Same graphs, two CPU kernel libraries: float rounding only.
    assert.ok(worst < 1e-3, `largest latent difference ${worst}`);
  });

  test('a session run after release is refused, a second release is harmless', async () => {
    const backend = createNodeWasmBackend();
    const { readFile } = await import('node:fs/promises');
    const session = await backend.createSession(await readFile(`${POCKET}/vae_decoder/model.onnx`), { label: 'vae_decoder' });
    assert.equal(session.provider, 'wasm');
    await session.release();
    await session.release();
    await assert.rejects(session.run({}), /released/);
  });
});

import { expect } from '@open-wc/testing';
import { loadModelFromUrl } from '../../src/pipeline/model/web.js';
import { createWebBackend } from '../../src/pipeline/io/web-backend.js';
import { generateAll } from '../../src/pipeline/run/generate.js';

// A page of its own: onnxruntime's proxy setting is global and fixed by the first session.
describe('onnxruntime-web WASM in its proxy worker (inference off the main thread)', () => {
  it('generates with every session in the worker', async () => {
    const backend = createWebBackend({ wasmBase: '/node_modules/onnxruntime-web/dist/', proxy: true });
    expect(await backend.availableProviders()).to.deep.equal(['wasm']);
    const model = await loadModelFromUrl(new URL('/test/fixtures/models/sd15/', location.href).href, { backend, cacheName: false, skipVaeEncoder: true });
    try {
      expect(model.providers.unet).to.equal('wasm');
      const { steps } = await generateAll(model, { prompt: 'a cat', seed: 1, steps: 2, width: 64, height: 64, guidanceScale: 7.5 });
      expect(steps.length).to.equal(2);
      expect(steps[1]!.latentOut.data.every(Number.isFinite)).to.equal(true);
    } finally {
      await model.dispose();
    }
  });
});

import { expect } from '@open-wc/testing';
import { loadModelFromUrl } from '../../src/pipeline/model/web.js';
import { createWebBackend, hasWebGpuFloat16 } from '../../src/pipeline/io/web-backend.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';
import type { LoadProgress } from '../../src/pipeline/model/source.js';
import { generate, generateAll } from '../../src/pipeline/run/generate.js';
import { decodeLatent, previewLatent } from '../../src/pipeline/run/latent-images.js';
import { AbortError } from '../../src/errors.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';

const backend = createWebBackend({ wasmBase: '/node_modules/onnxruntime-web/dist/' });
const SD15 = new URL('/test/fixtures/models/sd15/', location.href).href;
const TURBO = new URL('/test/fixtures/models/sd-turbo-fp16/', location.href).href;
const CACHE = 'lx-runtime-test';
const options = { prompt: 'a sheep riding a motorcycle', seed: 42, steps: 2, width: 64, height: 64, guidanceScale: 7.5 };

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('diffusion runtime in Chromium (onnxruntime-web)', () => {
  before(async () => {
    await caches.delete(CACHE);
  });
  after(async () => {
    await caches.delete(CACHE);
  });

  it('names a missing file in a ModelLoadError', async () => {
    let error: unknown;
    try {
      await loadModelFromUrl(new URL('/test/fixtures/models/no-such-model/', location.href).href, { backend, cacheName: false });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ModelLoadError);
    expect((error as ModelLoadError).field).to.equal('model_index.json');
  });

  describe('SD 1.5 fixture on WASM and on WebGPU', () => {
    let wasm: DiffusionModel;
    let webgpu: DiffusionModel;
    const firstLoad: LoadProgress[] = [];
    before(async () => {
      wasm = await loadModelFromUrl(SD15, { backend, cacheName: CACHE, providers: ['wasm'], onProgress: (p) => firstLoad.push(p) });
      webgpu = await loadModelFromUrl(SD15, { backend, cacheName: CACHE, providers: ['webgpu'], skipVaeEncoder: true });
    });

    it('loads by URL with per-file byte progress, then from the Cache API', async () => {
      const unet = firstLoad.filter((p) => p.file === 'unet/model.onnx');
      expect(unet.at(-1)!.done).to.equal(true);
      expect(unet.at(-1)!.loaded).to.be.greaterThan(10_000);
      expect(unet.at(-1)!.total).to.equal(unet.at(-1)!.loaded);
      expect(unet.every((p) => !p.fromCache)).to.equal(true);
      const cache = await caches.open(CACHE);
      expect(await cache.match(new URL('unet/model.onnx', SD15).href)).to.not.equal(undefined);
      const again: LoadProgress[] = [];
      const reloaded = await loadModelFromUrl(SD15, { backend, cacheName: CACHE, providers: ['wasm'], skipVaeEncoder: true, onProgress: (p) => again.push(p) });
      await reloaded.dispose();
      const cachedUnet = again.filter((p) => p.file === 'unet/model.onnx');
      expect(cachedUnet.length).to.be.greaterThan(0);
      expect(cachedUnet.every((p) => p.fromCache)).to.equal(true);
    });
    after(async () => {
      await wasm.dispose();
      await webgpu.dispose();
    });

    it('reports the provider each session runs on', () => {
      expect(wasm.providers.unet).to.equal('wasm');
      expect(webgpu.providers.unet).to.equal('webgpu');
      expect(webgpu.providers.textEncoder).to.equal('webgpu');
    });

    it('generates step by step with batched guidance on both, agreeing within float tolerance', async () => {
      const a = await generateAll(wasm, options);
      const b = await generateAll(webgpu, options);
      expect(a.steps.length).to.equal(2);
      expect(a.steps[0]!.noisePredUncond).to.not.equal(null);
      expect(a.info.initialLatent.data).to.deep.equal(b.info.initialLatent.data);
      expect(maxDifference(a.steps[1]!.latentOut.data, b.steps[1]!.latentOut.data)).to.be.lessThan(1e-3);
    });

    it('aborts at the next step on WebGPU and keeps the model usable', async () => {
      const controller = new AbortController();
      let caught: unknown;
      const seen: number[] = [];
      try {
        for await (const step of generate(webgpu, { ...options, steps: 4, signal: controller.signal })) {
          seen.push(step.index);
          controller.abort();
        }
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(AbortError);
      expect(seen).to.deep.equal([0]);
      expect((await generateAll(webgpu, { ...options, steps: 1 })).steps.length).to.equal(1);
    });

    it('decodes a step latent with the VAE and previews it with the linear factors', async () => {
      const { steps } = await generateAll(wasm, options);
      const image = await decodeLatent(wasm, steps[1]!.predictedOriginal);
      expect([image.width, image.height]).to.deep.equal([64, 64]);
      expect(image.data.length).to.equal(64 * 64 * 4);
      const preview = previewLatent(wasm, steps[1]!.latentOut);
      expect([preview.width, preview.height]).to.deep.equal([8, 8]);
      expect(image.data[3]).to.equal(255);
    });
  });

  it('loads a UNet whose weights sit in weights.pb (external data) and runs it', async () => {
    const model = await loadModelFromUrl(new URL('/test/fixtures/models/sd15-external-data/', location.href).href, {
      backend,
      cacheName: false,
      providers: ['wasm'],
      skipVaeEncoder: true,
    });
    try {
      const { steps } = await generateAll(model, { ...options, steps: 1 });
      expect(steps[0]!.latentOut.data.every(Number.isFinite)).to.equal(true);
    } finally {
      await model.dispose();
    }
  });

  it('runs the fp16 SD-Turbo fixture (float16 I/O); on an adapter without shader-f16 WebGPU hands it to WASM', async () => {
    const results: Float32Array[] = [];
    const float16 = await hasWebGpuFloat16();
    for (const providers of [['webgpu', 'wasm'], ['wasm']] as const) {
      const model = await loadModelFromUrl(TURBO, { backend, cacheName: CACHE, providers });
      try {
        expect(model.providers.unet).to.equal(float16 ? providers[0] : 'wasm');
        const { steps } = await generateAll(model, { ...options, steps: 1, guidanceScale: 0 });
        results.push(steps[0]!.latentOut.data);
      } finally {
        await model.dispose();
      }
    }
    expect(maxDifference(results[0]!, results[1]!)).to.be.lessThan(1e-2);
    expect(results[0]!.every(Number.isFinite)).to.equal(true);
  });
});

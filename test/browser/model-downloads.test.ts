import { expect } from '@open-wc/testing';
import { workerHttpSource } from '../../src/pipeline/model/fetch-worker/worker-source.js';
import { httpSource } from '../../src/pipeline/model/http-source.js';
import { loadModelFromUrl } from '../../src/pipeline/model/web.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import { createWebBackend } from '../../src/pipeline/io/web-backend.js';
import type { LoadProgress } from '../../src/pipeline/model/source.js';
import { AbortError } from '../../src/errors.js';
import { rejectionOf } from './rejection.js';

// Model files are downloaded in a worker of ours (receiving a 13 MB body on the page costs it
// tasks of 100–300 ms): same bytes, progress and errors as the in-page reader, and a fallback.

const POCKET = new URL('/assets/models/pocket/', location.href).href;
const UNET = 'unet/model.onnx';

/** Whether the page itself fetched a URL whose address contains `fragment`. */
const pageFetched = (fragment: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(fragment));

describe('model downloads in a worker of ours', function () {
  this.timeout(120_000);

  it('reads the same bytes as the page would, with growing progress, and the page itself fetches nothing', async () => {
    const folder = POCKET;
    const expected = new Uint8Array(await (await fetch(`${folder}${UNET}?expected`)).arrayBuffer());
    const progress: LoadProgress[] = [];
    const marker = `probe${Date.now()}`;
    const source = workerHttpSource(folder, { cacheName: false });
    // The query makes the URL unique to this test, so the resource entry check below is about this read.
    const bytes = await source.read(`${UNET}?${marker}`, { onProgress: (event) => progress.push(event) });
    expect(bytes.length).to.equal(expected.length);
    expect(bytes).to.deep.equal(expected);
    expect(progress.at(-1)).to.include({ done: true, loaded: expected.length, total: expected.length, fromCache: false });
    const loaded = progress.map((event) => event.loaded);
    expect(loaded).to.deep.equal([...loaded].sort((a, b) => a - b));
    expect(progress.length, 'progress while downloading, not only at the end').to.be.greaterThan(2);
    // Resource timing lists what a realm fetched: the worker's fetches are not the page's.
    expect(pageFetched(marker), 'the page did not fetch the file itself').to.equal(false);
    const inPage = `inpage${Date.now()}`;
    await httpSource(folder, { cacheName: false }).read(`${UNET}?${inPage}`);
    expect(pageFetched(inPage), 'the in-page reader does (the check above can fail)').to.equal(true);
  });

  it('answers exists, and names a missing file in a ModelLoadError as the in-page reader does', async () => {
    const source = workerHttpSource(POCKET, { cacheName: false });
    expect(await source.exists('model_index.json')).to.equal(true);
    expect(await source.exists('no_such/config.json')).to.equal(false);
    const inWorker = await rejectionOf(source.read('no_such/model.onnx'));
    const inPage = await rejectionOf(httpSource(POCKET, { cacheName: false }).read('no_such/model.onnx'));
    expect(inWorker).to.be.instanceOf(ModelLoadError);
    expect((inWorker as ModelLoadError).field).to.equal('no_such/model.onnx');
    expect((inWorker as Error).message).to.equal((inPage as Error).message);
    expect((inWorker as Error).message).to.match(/HTTP 404/);
  });

  it('stops with an AbortError when aborted mid-download, and keeps serving afterwards', async () => {
    const controller = new AbortController();
    const source = workerHttpSource(POCKET, { cacheName: false });
    const reading = source.read(UNET, {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.loaded > 0 && !event.done) controller.abort();
      },
    });
    expect(await rejectionOf(reading)).to.be.instanceOf(AbortError);
    expect(await rejectionOf(source.read(UNET, { signal: AbortSignal.abort() }))).to.be.instanceOf(AbortError);
    expect((await source.read('model_index.json')).length).to.be.greaterThan(10);
  });

  it('downloads in the page, saying why, when its worker cannot start', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const source = workerHttpSource(POCKET, { cacheName: false, createWorker: () => new Worker('/no-such-download-worker.js', { type: 'module' }) });
      const json = JSON.parse(new TextDecoder().decode(await source.read('model_index.json'))) as Record<string, unknown>;
      expect(json).to.have.property('_class_name');
      expect(await source.exists('no_such/config.json')).to.equal(false);
    } finally {
      console.warn = warn;
    }
    expect(warnings.join('\n')).to.match(/downloading model files in the page instead \(the download worker failed/);
  });

  it('loads the pocket model through it (the default), which then generates', async () => {
    const progress: LoadProgress[] = [];
    const model = await loadModelFromUrl(POCKET, {
      backend: createWebBackend({ wasmBase: '/node_modules/onnxruntime-web/dist/' }),
      providers: ['wasm'],
      cacheName: false,
      skipVaeEncoder: true,
      onProgress: (event) => progress.push(event),
    });
    try {
      const files = new Set(progress.filter((event) => event.done).map((event) => event.file));
      expect([...files]).to.include.members(['model_index.json', 'text_encoder/model.onnx', UNET, 'vae_decoder/model.onnx']);
      expect(model.components.unet.session.inputs.map((input) => input.name)).to.include('sample');
    } finally {
      await model.dispose();
    }
  });
});

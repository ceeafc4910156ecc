// The page-model setup that browser tests of live elements share: onnxruntime-web's WASM files
// as the dev server serves them, WASM only, no Cache Storage (every run downloads afresh, as a
// first visit does), and a lease held for a whole describe so a file loads its model once.
import { configurePageModels, pageModels } from '../../src/components/shared/page-models.js';
import { normalizeUrl, type ModelLease } from '../../src/components/shared/model-context.js';
import type { DiffusionModel } from '../../src/pipeline/model/diffusion-model.js';

/** Where the dev server serves onnxruntime-web's WASM files. */
export const WASM_BASE = '/node_modules/onnxruntime-web/dist/';

/** The SD 1.5 fixture: tiny random weights, SD 1.5's graph interfaces and real CLIP tokenizer. */
export const SD15 = normalizeUrl('/test/fixtures/models/sd15/');

/** The shipped pocket model, by the URL the dev server serves it at. */
export const POCKET = normalizeUrl('/assets/models/pocket/');

/** Page models on WASM, without Cache Storage: what the live browser tests run on. */
export function configureWasmPageModels(): void {
  configurePageModels({ web: { wasmBase: WASM_BASE }, providers: ['wasm'], cacheName: false });
}

/** A model held for a describe block: set once its `before` hook has loaded it. */
export interface HeldModel {
  model: DiffusionModel;
  /** Replaceable: a test that releases it takes a new one for the `after` hook to release. */
  lease: ModelLease<DiffusionModel>;
  /** `pageModels.loadCount` just before the lease was taken. */
  loadsBefore: number;
}

/**
 * Inside a `describe`: configures WASM page models, takes a lease on `url` and waits for the
 * model before the block's tests (`timeout` ms: on a busy machine the pocket model's load alone
 * can take a minute or two), and releases the lease after them.
 */
export function holdPageModel(url: string, options: { timeout?: number } = {}): HeldModel {
  const held = {} as HeldModel;
  before(async function () {
    if (options.timeout) this.timeout(options.timeout);
    configureWasmPageModels();
    held.loadsBefore = pageModels.loadCount;
    held.lease = pageModels.acquire(url);
    held.model = await held.lease.model;
  });
  after(() => held.lease.release());
  return held;
}

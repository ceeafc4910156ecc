/**
 * Page for the Chromium model-trust test, bundled with the download worker beside it: loads a
 * model folder by URL through the worker (the default) or in the page, with a backend that
 * must never be reached, and reports how the load ended as plain data.
 */
import { loadModelFromUrl } from '../../../src/pipeline/model/web.js';
import { workerHttpSource } from '../../../src/pipeline/model/fetch-worker/worker-source.js';
import { httpSource } from '../../../src/pipeline/model/http-source.js';
import { LatentExplorablesError } from '../../../src/errors.js';
import type { OnnxBackend } from '../../../src/pipeline/io/backend.js';
import type { ModelLimits } from '../../../src/pipeline/model/limits.js';

/** How a load or read ended, as data the test can compare. */
export interface Outcome {
  readonly ok: boolean;
  readonly name?: string;
  readonly code?: string;
  readonly field?: string;
  readonly message?: string;
}

export interface LoadRequest {
  readonly url: string;
  readonly inWorker: boolean;
  readonly limits?: Partial<ModelLimits>;
  readonly connectTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
}

const unreachable: OnnxBackend = {
  name: 'unreachable',
  availableProviders: async () => ['wasm'],
  createSession: async () => {
    throw new Error('unreachable backend: a session was asked for');
  },
};

async function outcome(work: () => Promise<unknown>): Promise<Outcome> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    const typed = error instanceof LatentExplorablesError;
    return {
      ok: false,
      name: (error as Error).name,
      ...(typed ? { code: error.code, ...(error.field === undefined ? {} : { field: error.field }) } : {}),
      message: (error as Error).message,
    };
  }
}

function load(request: LoadRequest): Promise<Outcome> {
  return outcome(() =>
    loadModelFromUrl(request.url, {
      backend: unreachable,
      cacheName: false,
      skipVaeEncoder: true,
      ...(request.inWorker ? {} : { downloadWorker: false as const }),
      ...(request.limits ? { limits: request.limits } : {}),
      ...(request.connectTimeoutMs ? { connectTimeoutMs: request.connectTimeoutMs } : {}),
      ...(request.idleTimeoutMs ? { idleTimeoutMs: request.idleTimeoutMs } : {}),
      clipAssetsUrl: '/clip/',
    }),
  );
}

function read(base: string, path: string, inWorker: boolean): Promise<Outcome> {
  const source = inWorker ? workerHttpSource(base, { cacheName: false }) : httpSource(base, { cacheName: false });
  return outcome(() => source.read(path));
}

Object.assign(window, { trust: { load, read } });

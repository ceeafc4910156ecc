import type { ExecutionProvider, OnnxBackend, OnnxSession } from '../backend.js';
import type { OrtWebSettings } from '../ort-web-realm.js';
import { remoteSession } from './remote-session.js';
import { OrtWorkerConnection, defaultOrtWorker, type OrtWorkerFactory } from './worker-connection.js';

/** How the worker backend starts and configures its worker. */
export interface WorkerBackendOptions {
  /** onnxruntime settings for the worker; the backend that starts a worker configures it. */
  readonly settings: OrtWebSettings;
  /** Providers this backend may use, best first; default every provider the worker has. */
  readonly providers?: readonly ExecutionProvider[];
  /** Starts the worker; default the bundled `ort-session.worker.js` beside this module. */
  readonly createWorker?: OrtWorkerFactory;
}

/** An `OnnxBackend` whose sessions live in a worker, plus a way to find out whether it can start. */
export interface WorkerBackend extends OnnxBackend {
  /** Starts (or reuses) the worker; rejects with an `InferenceWorkerError` when it cannot start. */
  start(): Promise<void>;
}

/** One running worker and what keeps it alive. */
interface PageWorker {
  readonly connection: OrtWorkerConnection;
  /** The providers the worker can use (its own WebGPU probe), once it answered `init`. */
  readonly ready: Promise<readonly ExecutionProvider[]>;
  /** Live sessions plus sessions being created. */
  users: number;
}

/**
 * Workers by factory: every backend of the page shares one, so the page holds one onnxruntime
 * instance (and its threads) however many models it loads, and runs one inference at a time.
 */
const pageWorkers = new Map<OrtWorkerFactory, PageWorker>();

function pageWorker(createWorker: OrtWorkerFactory, settings: OrtWebSettings): PageWorker {
  const running = pageWorkers.get(createWorker);
  if (running && !running.connection.failure) return running;
  const connection = new OrtWorkerConnection(createWorker);
  const ready = connection.call({ type: 'init', settings }).then((reply) => reply.providers);
  const started: PageWorker = { connection, ready, users: 0 };
  pageWorkers.set(createWorker, started);
  return started;
}

/** Stops a worker nobody uses any more (its last session was released). */
function stopIfUnused(createWorker: OrtWorkerFactory, worker: PageWorker): void {
  if (worker.users > 0) return;
  worker.connection.stop();
  if (pageWorkers.get(createWorker) === worker) pageWorkers.delete(createWorker);
}

/**
 * The bytes as a buffer the worker can take without a copy: the array's own buffer when the
 * array spans all of it (then the caller's array is left empty), a copy of the view otherwise.
 */
function transferable(bytes: Uint8Array): Uint8Array {
  const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes : bytes.slice();
}

/**
 * The browser backend with every session in a worker of ours, so `run` never blocks the page:
 * the page sends feeds and gets outputs back. Creating a session hands the model (and external
 * data) bytes over to the worker: those arrays are empty afterwards. The worker stops when its
 * last session is released, and a worker that dies rejects every pending call.
 */
export function createWorkerBackend(options: WorkerBackendOptions): WorkerBackend {
  const createWorker = options.createWorker ?? defaultOrtWorker;
  const allowed = (providers: readonly ExecutionProvider[]) => (options.providers ? options.providers.filter((p) => providers.includes(p)) : [...providers]);
  return {
    name: 'onnxruntime-web',
    async start() {
      await pageWorker(createWorker, options.settings).ready;
    },
    async availableProviders() {
      return allowed(await pageWorker(createWorker, options.settings).ready);
    },
    async createSession(model, request): Promise<OnnxSession> {
      const worker = pageWorker(createWorker, options.settings);
      worker.users += 1;
      try {
        const available = allowed(await worker.ready);
        const owned = transferable(model);
        const externalData = request.externalData?.map((file) => ({ path: file.path, data: transferable(file.data) }));
        const buffers = new Set<ArrayBuffer>([owned, ...(externalData ?? []).map((file) => file.data)].map((bytes) => bytes.buffer as ArrayBuffer));
        const created = await worker.connection.call(
          {
            type: 'create',
            model: owned,
            label: request.label,
            available,
            ...(request.providers ? { providers: request.providers } : {}),
            ...(externalData ? { externalData } : {}),
          },
          [...buffers],
        );
        worker.users += 1; // the session's own hold, taken before the creation's is given back
        return remoteSession(worker.connection, created, request.label, () => {
          worker.users -= 1;
          stopIfUnused(createWorker, worker);
        });
      } finally {
        worker.users -= 1;
        stopIfUnused(createWorker, worker);
      }
    },
  };
}

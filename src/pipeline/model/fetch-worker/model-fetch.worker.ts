/// <reference lib="webworker" />
/**
 * The Web Worker that downloads model files for the page (`worker-source.ts`). A browser
 * receiving a large response body does that work on the thread that reads it: on the page, the
 * 12.7 MB pocket UNet cost long tasks of up to 145 ms streamed and 254 ms as one buffer; read
 * here, none (`npx tsx bench/model-download.bench.ts`).
 * It reads with `httpSource` (progress, Cache API), posts progress, and transfers the bytes.
 */
import { AbortError } from '../../../errors.js';
import { ModelLoadError } from '../errors.js';
import { httpSource } from '../http-source.js';
import type { LoadProgress, ModelSource } from '../source.js';
import type { FetchErrorData, FetchWorkerReply, FetchWorkerRequest } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** One source per folder and cache, so an `exists` answer is reused by the `read` that follows. */
const sources = new Map<string, ModelSource>();
const running = new Map<number, AbortController>();

const reply = (message: FetchWorkerReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

function sourceFor(request: Exclude<FetchWorkerRequest, { type: 'abort' }>): ModelSource {
  const { base, cacheName, connectTimeoutMs, idleTimeoutMs } = request;
  const key = `${String(cacheName)} ${connectTimeoutMs} ${idleTimeoutMs} ${base}`;
  let source = sources.get(key);
  if (!source) {
    const options = {
      ...(cacheName === undefined ? {} : { cacheName }),
      ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
    };
    sources.set(key, (source = httpSource(base, options)));
  }
  return source;
}

function errorData(error: unknown): FetchErrorData {
  if (error instanceof ModelLoadError && error.field !== undefined) return { name: 'ModelLoadError', message: error.message, field: error.field };
  if (error instanceof AbortError) return { name: 'AbortError', message: error.message };
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

/** The bytes in a buffer of their own (transferring a view's buffer would hand over more than the file). */
function owned(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes : bytes.slice();
}

async function handle(request: Exclude<FetchWorkerRequest, { type: 'abort' }>, signal: AbortSignal): Promise<void> {
  const source = sourceFor(request);
  if (request.type === 'exists') {
    reply({ type: 'exists', id: request.id, exists: await source.exists(request.path, { signal }) });
    return;
  }
  const onProgress = (progress: LoadProgress) => reply({ type: 'progress', id: request.id, progress });
  const limit = {
    ...(request.maxBytes === undefined ? {} : { maxBytes: request.maxBytes }),
    ...(request.maxBytesOption === undefined ? {} : { maxBytesOption: request.maxBytesOption }),
  };
  const bytes = owned(await source.read(request.path, { signal, onProgress, ...limit }));
  reply({ type: 'read', id: request.id, bytes }, [bytes.buffer as ArrayBuffer]);
}

scope.addEventListener('message', (event: MessageEvent<FetchWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'abort') {
    running.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  handle(request, controller.signal)
    .catch((error: unknown) => reply({ type: 'failed', id: request.id, error: errorData(error) }))
    .finally(() => running.delete(request.id));
});

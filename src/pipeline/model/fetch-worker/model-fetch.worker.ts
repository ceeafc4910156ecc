/// <reference lib="webworker" />
/**
 * The Web Worker that downloads model files for the page (`worker-source.ts`). A browser
 * receiving a large response body does that work on the thread that reads it: on the page, the
 * 12.7 MB pocket UNet cost long tasks of up to 145 ms streamed and 254 ms as one buffer; read
 * here, none (`npx tsx bench/model-download.bench.ts`).
 * It reads with `httpSource` (progress, Cache API), posts progress, and transfers the bytes.
 */
import { serveRequests, type RequestContext } from '../../../worker-rpc.js';
import { httpSource } from '../http-source.js';
import type { LoadProgress, ModelSource } from '../source.js';
import type { FetchWorkerReply, FetchWorkerRequest } from './protocol.js';

type FolderRequest = Exclude<FetchWorkerRequest, { type: 'abort' }>;

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** One source per folder and cache, so an `exists` answer is reused by the `read` that follows. */
const sources = new Map<string, ModelSource>();

function sourceFor(request: FolderRequest): ModelSource {
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

/** The bytes in a buffer of their own (transferring a view's buffer would hand over more than the file). */
function owned(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes : bytes.slice();
}

async function handle(request: FolderRequest, { signal, progress }: RequestContext<LoadProgress>): Promise<readonly [FetchWorkerReply, Transferable[]]> {
  const source = sourceFor(request);
  if (request.type === 'exists') return [{ type: 'exists', id: request.id, exists: await source.exists(request.path, { signal }) }, []];
  const limit = {
    ...(request.maxBytes === undefined ? {} : { maxBytes: request.maxBytes }),
    ...(request.maxBytesOption === undefined ? {} : { maxBytesOption: request.maxBytesOption }),
  };
  const bytes = owned(await source.read(request.path, { signal, onProgress: progress, ...limit }));
  return [{ type: 'read', id: request.id, bytes }, [bytes.buffer as ArrayBuffer]];
}

serveRequests<FolderRequest, FetchWorkerReply, LoadProgress>(scope, handle);

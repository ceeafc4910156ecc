/**
 * Messages between the page's `workerHttpSource` (`worker-source.ts`) and the worker that
 * downloads model files for it (`model-fetch.worker.ts`). Every request but `abort` carries an
 * `id` and is answered by exactly one `read`, `exists` or `failed` reply of that `id`, after any
 * number of `progress` replies. File bytes travel as transferables.
 */
import type { LoadProgress } from '../source.js';
import type { RpcReply } from '../../../worker-rpc.js';

/** Which folder, and which Cache API cache (`false`: none; absent: the default) and timeouts. */
interface FolderRequest {
  readonly id: number;
  /** The folder's absolute URL, ending in `/`. */
  readonly base: string;
  readonly path: string;
  readonly cacheName?: string | false;
  readonly connectTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  /** `read` only: the byte limit and the option that raises it (`ReadOptions`). */
  readonly maxBytes?: number;
  readonly maxBytesOption?: string;
}

/** Page → worker. */
export type FetchWorkerRequest =
  | ({ readonly type: 'read' } & FolderRequest)
  | ({ readonly type: 'exists' } & FolderRequest)
  /** Stops request `id`; its `failed` reply (an AbortError) follows. */
  | { readonly type: 'abort'; readonly id: number };

/** Worker → page. */
export type FetchWorkerReply =
  | { readonly type: 'read'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'exists'; readonly id: number; readonly exists: boolean }
  /** `progress` replies, and `failed` (the page rebuilds the error's class, `fromWire`). */
  | RpcReply<LoadProgress>;

/** The worker's name, as developer tools list it. */
export const FETCH_WORKER_NAME = 'lx-model-downloads';

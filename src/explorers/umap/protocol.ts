/** Messages between {@link UmapWorkerClient} and `umap.worker.ts`. Arrays travel as transferables. */
import type { RpcReply } from '../../worker-rpc.js';
import type { UmapOptions, UmapProgress } from './fit-umap.js';

/** Main thread → worker. */
export type UmapRequest =
  | { readonly type: 'fit'; readonly id: number; readonly units: Float32Array; readonly dimensions: number; readonly options: UmapOptions }
  | { readonly type: 'transform'; readonly id: number; readonly units: Float32Array; readonly dimensions: number };

/** Worker → main thread: the points, or `progress` and `failed` (the error's own class, `fromWire`). */
export type UmapResponse = { readonly type: 'points'; readonly id: number; readonly points: Float32Array } | RpcReply<UmapProgress>;

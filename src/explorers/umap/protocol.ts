/** Messages between {@link UmapWorkerClient} and `umap.worker.ts`. Arrays travel as transferables. */
import type { UmapOptions, UmapProgress } from './fit-umap.js';

/** Main thread → worker. */
export type UmapRequest =
  | { readonly type: 'fit'; readonly id: number; readonly units: Float32Array; readonly dimensions: number; readonly options: UmapOptions }
  | { readonly type: 'transform'; readonly id: number; readonly units: Float32Array; readonly dimensions: number };

/** Worker → main thread. */
export type UmapResponse =
  | { readonly type: 'progress'; readonly id: number; readonly progress: UmapProgress }
  | { readonly type: 'points'; readonly id: number; readonly points: Float32Array }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly field?: string };

/**
 * Web Worker that fits UMAP off the main thread and keeps the fitted layout so that later
 * vectors (arithmetic results) can be placed into it with `transform`.
 */
import { LatentExplorablesError } from '../../errors.js';
import { fitUmap, type UmapLayout } from './fit-umap.js';
import type { UmapRequest, UmapResponse } from './protocol.js';

let layout: UmapLayout | undefined;

const reply = (message: UmapResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.addEventListener('message', (event: MessageEvent<UmapRequest>) => {
  const request = event.data;
  try {
    const points =
      request.type === 'fit'
        ? (layout = fitUmap(request.units, request.dimensions, request.options, (progress) => reply({ type: 'progress', id: request.id, progress }))).points
        : transformWithLayout(request.units, request.dimensions);
    reply({ type: 'points', id: request.id, points }, [points.buffer]);
  } catch (error) {
    const field = error instanceof LatentExplorablesError ? error.field : undefined;
    reply({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error), ...(field ? { field } : {}) });
  }
});

function transformWithLayout(units: Float32Array, dimensions: number): Float32Array {
  if (!layout) throw new LatentExplorablesError('umap-not-fitted', 'transform was requested before any layout was fitted');
  if (units.length % dimensions !== 0) throw new LatentExplorablesError('invalid-option', 'rows do not match the dimensions', { field: 'units' });
  return layout.transform(units);
}

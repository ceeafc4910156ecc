/**
 * Web Worker that fits UMAP off the main thread and keeps the fitted layout so that later
 * vectors (arithmetic results) can be placed into it with `transform`.
 */
import { LatentExplorablesError } from '../../errors.js';
import { serveRequests, type WorkerScope } from '../../worker-rpc.js';
import { fitUmap, type UmapLayout, type UmapProgress } from './fit-umap.js';
import type { UmapRequest, UmapResponse } from './protocol.js';

let layout: UmapLayout | undefined;

serveRequests<UmapRequest, UmapResponse, UmapProgress>(self as unknown as WorkerScope, (request, { progress }) => {
  const points =
    request.type === 'fit'
      ? (layout = fitUmap(request.units, request.dimensions, request.options, progress)).points
      : transformWithLayout(request.units, request.dimensions);
  return [{ type: 'points', id: request.id, points }, [points.buffer]];
});

function transformWithLayout(units: Float32Array, dimensions: number): Float32Array {
  if (!layout) throw new LatentExplorablesError('umap-not-fitted', 'transform was requested before any layout was fitted');
  if (units.length % dimensions !== 0) throw new LatentExplorablesError('invalid-option', 'rows do not match the dimensions', { field: 'units' });
  return layout.transform(units);
}

/**
 * Entry point bundled by esbuild for the Chromium harness: exposes the explorer modules on
 * `window.lx` so tests and benches can drive them with `page.evaluate`. The UMAP worker is a
 * separate bundle served next to this one.
 */
import { UMAP } from 'umap-js';
import { loadEmbeddings } from '../../../src/explorers/table/load-asset.js';
import { solveExpression } from '../../../src/explorers/analogy.js';
import { UmapWorkerClient } from '../../../src/explorers/umap/umap-client.js';
import { seededRandom } from '../../../src/explorers/umap/seeded-random.js';
import { neighbourPreservation } from '../../../src/explorers/projection/neighbour-preservation.js';

const workerUrl = new URL('./umap.worker.js', import.meta.url);

Object.assign(window, {
  lx: {
    loadEmbeddings,
    solveExpression,
    neighbourPreservation,
    seededRandom,
    UMAP,
    umapClient: () => new UmapWorkerClient(() => new Worker(workerUrl, { type: 'module' })),
  },
});

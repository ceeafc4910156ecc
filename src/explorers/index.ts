/**
 * The embedding explorer's DOM-free core: embedding tables and their assets, the arithmetic
 * language, analogy solving, projections and their distortion, and the UMAP worker client.
 * (The Node-only reader of the full GloVe npm package is `./node/read-glove-package.js`.)
 */
export { EmbeddingTable, type Metric, type Neighbour, type NearestOptions, type TableSource } from './table/embedding-table.js';
export { encodeAsset, decodeAsset, type AssetHeader } from './table/asset-codec.js';
export type { Quantisation } from './table/quantise.js';
export { loadEmbeddings, clearEmbeddingCache, DEFAULT_EMBEDDINGS_URL, type LoadProgress } from './table/load-asset.js';
export { parseProjectorTsv } from './table/projector-tsv.js';
export { parseExpression } from './expression/parse.js';
export type { ExpressionNode } from './expression/ast.js';
export { evaluateExpression, evaluateTree, type Combination, type WeightedTerm } from './expression/evaluate.js';
export { solveExpression, analogy, type AnalogyMethod, type Answer, type Solution, type SolveOptions } from './analogy.js';
export { fitPca, type PcaFit } from './projection/pca.js';
export { fitPcaAuto } from './projection/wide-pca.js';
export { customAxes, type AxisEnds, type CustomAxes } from './projection/custom-axes.js';
export { projectPoint, projectRows, type LinearMap2D } from './projection/linear-map.js';
export { neighbourPreservation, type NeighbourPreservation } from './projection/neighbour-preservation.js';
export { UmapWorkerClient, UmapWorkerError, defaultUmapWorker, type UmapWorkerFactory } from './umap/umap-client.js';
export type { UmapOptions, UmapProgress } from './umap/fit-umap.js';
export { WORD_SETS, POCKET_VOCABULARY, parseWordList, type WordSet } from './word-sets.js';
export { ExpressionSyntaxError, ExpressionTypeError, UnknownWordError, EmbeddingFormatError, EmbeddingLoadError, type SourceSpan } from './errors.js';

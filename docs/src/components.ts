/**
 * Every element the site shows. Each registration module defines its tag when it is loaded;
 * the package marks modules side-effect free, so the classes are referenced here (a bare
 * `import '…'` would be dropped by the bundler).
 */
import { assetUrl } from '../../src/assets.js';
import { configurePageModels } from '../../src/components/shared/page-models.js';
import { LxAttentionMap } from '../../src/components/attention-map/attention-map.js';
import { LxDenoisingPlayer } from '../../src/components/denoising-player/denoising-player.js';
import { LxDiffusionPlayground } from '../../src/components/diffusion-playground/diffusion-playground.js';
import { LxEmbeddingMap } from '../../src/components/embedding-map/embedding-map.js';
import { LxExplainer } from '../../src/components/explainer/explainer.js';
import { LxForwardProcess } from '../../src/components/forward-process/forward-process.js';
import { LxGuidanceComparison } from '../../src/components/guidance-comparison/guidance-comparison.js';
import { LxLatentWalk } from '../../src/components/latent-walk/latent-walk.js';
import { LxNoiseSchedule } from '../../src/components/noise-schedule/noise-schedule.js';
import { LxPipelineMap } from '../../src/components/pipeline-map/pipeline-map.js';
import { LxPromptSpace } from '../../src/components/prompt-space/prompt-space.js';
import { LxPromptTokens } from '../../src/components/prompt-tokens/prompt-tokens.js';
import { LxSchedulerComparison } from '../../src/components/scheduler-comparison/scheduler-comparison.js';
import { LxSeedComparison } from '../../src/components/seed-comparison/seed-comparison.js';
import { LxSimilarityMatrix } from '../../src/components/similarity-matrix/similarity-matrix.js';
import { LxTrajectoryPlot } from '../../src/components/trajectory-plot/trajectory-plot.js';
import { LxVectorArithmetic } from '../../src/components/vector-arithmetic/vector-arithmetic.js';

/** Tag → class of every element on the site, in the order the docs list them. */
export const SITE_ELEMENTS: ReadonlyMap<string, CustomElementConstructor> = new Map<string, CustomElementConstructor>([
  ['lx-pipeline-map', LxPipelineMap],
  ['lx-denoising-player', LxDenoisingPlayer],
  ['lx-noise-schedule', LxNoiseSchedule],
  ['lx-forward-process', LxForwardProcess],
  ['lx-prompt-tokens', LxPromptTokens],
  ['lx-attention-map', LxAttentionMap],
  ['lx-seed-comparison', LxSeedComparison],
  ['lx-guidance-comparison', LxGuidanceComparison],
  ['lx-scheduler-comparison', LxSchedulerComparison],
  ['lx-latent-walk', LxLatentWalk],
  ['lx-trajectory-plot', LxTrajectoryPlot],
  ['lx-explainer', LxExplainer],
  ['lx-diffusion-playground', LxDiffusionPlayground],
  ['lx-embedding-map', LxEmbeddingMap],
  ['lx-vector-arithmetic', LxVectorArithmetic],
  ['lx-similarity-matrix', LxSimilarityMatrix],
  ['lx-prompt-space', LxPromptSpace],
]);

/**
 * Makes sure every site element is defined and points the shared model loader at onnxruntime's
 * WASM files beside the assets. Returns the tags defined.
 */
export function defineSiteElements(): string[] {
  configurePageModels({ web: { wasmBase: assetUrl('ort/') } });
  for (const [tag, constructor] of SITE_ELEMENTS) if (!customElements.get(tag)) customElements.define(tag, constructor);
  return [...SITE_ELEMENTS.keys()];
}

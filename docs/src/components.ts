/**
 * Registers every element the site shows (each module defines its tag on import), and points
 * the elements' shared model loader at onnxruntime's WASM files shipped beside the assets.
 */
import { assetUrl } from '../../src/assets.js';
import { configurePageModels } from '../../src/components/shared/page-models.js';
import '../../src/components/denoising-player/denoising-player.js';
import '../../src/components/noise-schedule/noise-schedule.js';
import '../../src/components/prompt-tokens/prompt-tokens.js';
import '../../src/components/vector-arithmetic/vector-arithmetic.js';

configurePageModels({ web: { wasmBase: assetUrl('ort/') } });

/** Tag names of the elements registered by this module, in the order the docs list them. */
export const SITE_ELEMENTS = [
  'lx-denoising-player',
  'lx-noise-schedule',
  'lx-prompt-tokens',
  'lx-vector-arithmetic',
] as const;

/**
 * The page the playground benches and screenshots load: the element, plus the scoring helpers
 * on `window.lxPlayground` for measurements inside the page.
 */
import { LxDiffusionPlayground } from '../src/components/diffusion-playground/diffusion-playground.js';
import { samplePreset } from '../src/playground/datasets.js';
import { finalFrameOf } from './playground-frames.js';
import { sampleDrawn, trainUntil } from './playground-page-helpers.js';
import { scoreSheep } from './playground-recognisable.js';

// Referencing the element keeps its registration module in the bundle (package.json marks
// registration modules side-effect free for library users who import src/define.ts).
Object.assign(window, { lxPlayground: { element: LxDiffusionPlayground, samplePreset, scoreSheep, finalFrameOf, trainUntil, sampleDrawn } });

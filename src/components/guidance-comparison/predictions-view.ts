import { html, nothing, type TemplateResult } from 'lit';
import { select } from 'd3';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { renderImageCell } from '../shared/render/render-image-cell.js';
import { guidanceDifference } from '../../pipeline/math/guidance-difference.js';

/**
 * The "show both predictions" view: at one step of one cell, the noise the model predicts
 * without the prompt, with it, their difference ε_cond − ε_uncond (scaled up, by the factor
 * stated) that guidance multiplies, and the guided mix the sampler used (uncond + s·(cond − uncond)).
 */
export function renderPredictions(record: StepRecord | undefined): TemplateResult | typeof nothing {
  if (!record) return nothing;
  if (!record.noisePredUncond) {
    return html`<p class="hint">Guidance ${record.guidanceScale} ≤ 1 runs the prompt alone: there is no unconditional prediction.</p>`;
  }
  const { scale } = guidanceDifference(record)!;
  return html`<div class="predictions">
    <figure><canvas class="cell uncond"></canvas><figcaption>Without the prompt ε<sub>uncond</sub></figcaption></figure>
    <figure><canvas class="cell cond"></canvas><figcaption>With the prompt ε<sub>cond</sub></figcaption></figure>
    <figure>
      <canvas class="cell difference"></canvas>
      <figcaption class="difference-caption">Difference ε<sub>cond</sub> − ε<sub>uncond</sub>, shown ×${scale}: what guidance multiplies by ${record.guidanceScale}</figcaption>
    </figure>
    <figure><canvas class="cell guided"></canvas><figcaption>Guided: ε<sub>uncond</sub> + ${record.guidanceScale}·(ε<sub>cond</sub> − ε<sub>uncond</sub>)</figcaption></figure>
  </div>`;
}

/** Paints the three predictions rendered by `renderPredictions`. */
export function drawPredictions(root: ParentNode, record: StepRecord | undefined, preview: (latent: Tensor) => RgbaImage): void {
  if (!record?.noisePredUncond) return;
  const step = `step ${record.index + 1}`;
  const { scaled, scale } = guidanceDifference(record)!;
  const parts: [string, Tensor, string][] = [
    ['canvas.uncond', record.noisePredUncond, `Noise predicted without the prompt at ${step}`],
    ['canvas.cond', record.noisePredCond, `Noise predicted with the prompt at ${step}`],
    ['canvas.difference', scaled, `Difference of the two predictions at ${step}, scaled ×${scale}`],
    ['canvas.guided', record.noisePred, `Guided noise prediction at ${step}`],
  ];
  for (const [selector, latent, alt] of parts) {
    const canvas = root.querySelector<HTMLCanvasElement>(selector);
    if (canvas) renderImageCell(select(canvas), preview(latent), alt);
  }
}

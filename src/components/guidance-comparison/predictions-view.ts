import { html, nothing, type TemplateResult } from 'lit';
import { select } from 'd3';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { renderImageCell } from '../shared/render-image-cell.js';

/**
 * The "show both predictions" view: at one step of one cell, the noise the model predicts
 * without the prompt, with it, and the guided mix the sampler used (uncond + s·(cond − uncond)).
 */
export function renderPredictions(record: StepRecord | undefined): TemplateResult | typeof nothing {
  if (!record) return nothing;
  if (!record.noisePredUncond) {
    return html`<p class="hint">Guidance ${record.guidanceScale} ≤ 1 runs the prompt alone: there is no unconditional prediction.</p>`;
  }
  return html`<div class="predictions">
    <figure><canvas class="cell uncond"></canvas><figcaption>Without the prompt</figcaption></figure>
    <figure><canvas class="cell cond"></canvas><figcaption>With the prompt</figcaption></figure>
    <figure><canvas class="cell guided"></canvas><figcaption>Guided (×${record.guidanceScale})</figcaption></figure>
  </div>`;
}

/** Paints the three predictions rendered by `renderPredictions`. */
export function drawPredictions(root: ParentNode, record: StepRecord | undefined, preview: (latent: Tensor) => RgbaImage): void {
  if (!record?.noisePredUncond) return;
  const step = `step ${record.index + 1}`;
  const parts: [string, Tensor, string][] = [
    ['canvas.uncond', record.noisePredUncond, `Noise predicted without the prompt at ${step}`],
    ['canvas.cond', record.noisePredCond, `Noise predicted with the prompt at ${step}`],
    ['canvas.guided', record.noisePred, `Guided noise prediction at ${step}`],
  ];
  for (const [selector, latent, alt] of parts) {
    const canvas = root.querySelector<HTMLCanvasElement>(selector);
    if (canvas) renderImageCell(select(canvas), preview(latent), alt);
  }
}

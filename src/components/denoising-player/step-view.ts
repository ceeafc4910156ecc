import { html, nothing, type TemplateResult } from 'lit';
import { select } from 'd3';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { renderHeatmap, sharedRange } from '../shared/render-heatmap.js';
import { renderImageCell } from '../shared/render-image-cell.js';
import { fitChartScales, renderLineChart } from '../shared/render-line-chart.js';

/** Colours of the σ/ᾱ chart (overridable by custom properties). */
export const SIGMA_COLOR = 'var(--lx-color-sigma, #e8590c)';
export const ALPHA_COLOR = 'var(--lx-color-alpha, #1c7ed6)';

/** What the panels of one step need besides the record. */
export interface StepViewContext {
  readonly prompt: string;
  /** Every kept step, for the chart. */
  readonly records: readonly StepRecord[];
  /** The latent→RGB preview. */
  readonly preview: (latent: Tensor) => RgbaImage;
  /** A full VAE decode of this step, when there is one (final step of a live run, or recorded). */
  readonly decoded: RgbaImage | null;
}

/** Latent channels shown before a run's first step has said how many there are (Stable Diffusion's 4). */
const DEFAULT_CHANNELS = 4;

/**
 * The panel markup for one step: previews, the decoded image when any, channel heatmaps, chart.
 * With no record yet (a run starting) the same panels stand empty, so the layout does not jump
 * when the first step arrives, and the page builds them while the model is still loading. Their
 * canvases get drawing contexts only at the first step: making contexts for the blank 300×150
 * canvases early put a long task on the click that starts the run, for nothing shown.
 */
export function renderStepPanels(record: StepRecord | null, context: StepViewContext): TemplateResult {
  const channels = record?.latentIn.shape[1] ?? DEFAULT_CHANNELS;
  const chartLabel = record ? `σ and ᾱ over the run, log scale; step ${record.index + 1} marked` : 'σ and ᾱ over the run, log scale; no step yet';
  return html`<div class="panels" part="panels">
      <figure>
        <canvas class="cell noisy"></canvas>
        <figcaption>Noisy latent x<sub>t</sub> (preview)</figcaption>
      </figure>
      <figure>
        <canvas class="cell predicted"></canvas>
        <figcaption>Predicted final image x̂<sub>0</sub> (preview)</figcaption>
      </figure>
      ${context.decoded
        ? html`<figure>
            <canvas class="cell decoded"></canvas>
            <figcaption>Decoded image at step ${(record?.index ?? 0) + 1}</figcaption>
          </figure>`
        : nothing}
      <figure>
        <canvas class="cell noise"></canvas>
        <figcaption>Predicted noise ε̂</figcaption>
      </figure>
      <figure>
        <div class="channels">${Array.from({ length: channels }, () => html`<canvas class="cell channel"></canvas>`)}</div>
        <figcaption>The ${channels} latent channels (blue −, red +)</figcaption>
      </figure>
    </div>
    <figure class="chart" part="chart">
      <svg class="chart" role="img" aria-label=${chartLabel}></svg>
      <figcaption class="legend">
        <span style="--swatch:${SIGMA_COLOR}">σ (noise level)</span>
        <span style="--swatch:${ALPHA_COLOR}">ᾱ (signal kept)</span>
        <span class="scale-note">log scale</span>
      </figcaption>
    </figure>`;
}

/** Paints the canvases rendered by `renderStepPanels` for `record` (the chart is `drawStepChart`). */
export function drawStepPanels(root: ParentNode, record: StepRecord, context: StepViewContext): void {
  const step = `step ${record.index + 1}`;
  const cells: [string, Tensor, string][] = [
    ['canvas.noisy', record.latentIn, `Noisy latent of "${context.prompt}" at ${step}`],
    ['canvas.predicted', record.predictedOriginal, `Predicted final image of "${context.prompt}" at ${step}`],
    ['canvas.noise', record.noisePred, `Noise predicted at ${step}`],
  ];
  for (const [selector, latent, alt] of cells) {
    const canvas = root.querySelector<HTMLCanvasElement>(selector);
    if (canvas) renderImageCell(select(canvas), context.preview(latent), alt);
  }
  const decodedCanvas = root.querySelector<HTMLCanvasElement>('canvas.decoded');
  if (decodedCanvas && context.decoded) renderImageCell(select(decodedCanvas), context.decoded, `${context.prompt} — decoded at ${step}`);
  const range = sharedRange(record.latentIn);
  root.querySelectorAll<HTMLCanvasElement>('canvas.channel').forEach((canvas, channel) => {
    renderHeatmap(select(canvas), record.latentIn, channel, range, `Latent channel ${channel + 1} at ${step}`);
  });
}

/** Height of the σ/ᾱ chart in CSS pixels (as in the styles); its width follows the layout. */
const CHART_HEIGHT = 140;

/**
 * Draws the σ/ᾱ chart of `renderStepPanels` one viewBox unit per CSS pixel, `width` being its
 * laid-out width (so the 10 px labels stay 10 px at any page width), `record`'s step marked.
 */
export function drawStepChart(root: ParentNode, record: StepRecord, records: readonly StepRecord[], width: number): void {
  const svg = root.querySelector<SVGSVGElement>('svg.chart');
  if (!svg) return;
  const x = Float64Array.from(records, (r) => r.index + 1);
  const series = [
    { label: 'σ', x, y: Float64Array.from(records, (r) => r.sigma), color: SIGMA_COLOR },
    { label: 'ᾱ', x, y: Float64Array.from(records, (r) => r.alphaCumprod), color: ALPHA_COLOR },
  ];
  const scales = fitChartScales(series, { width: Math.round(width), height: CHART_HEIGHT }, { logY: true });
  scales.x.domain([1, Math.max(2, record.totalSteps)]);
  // "log scale" is in the legend: over the y axis it would collide with the top tick label.
  renderLineChart(select(svg), series, scales, { x: 'step', y: '' }, { x: record.index + 1, label: `step ${record.index + 1}` });
}

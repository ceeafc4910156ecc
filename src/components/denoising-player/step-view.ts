import { html, nothing, type TemplateResult } from 'lit';
import { select } from 'd3';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { clearImageCell, renderImageCell } from '../shared/render/render-image-cell.js';
import { fitChartScales, renderLineChart } from '../shared/render/render-line-chart.js';
import { stepImages } from './step-images.js';

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
  /** The VAE decode of this step's x̂₀, when there is one (every step on small models and in recordings that store them). */
  readonly decoded: RgbaImage | null;
  /** Why a step may lack its picture: a recording made without them, or a large model decoded only at the end. */
  readonly missingDecoded: 'not-recorded' | 'final-only';
  /** A sentence on the prompt's words the model replaced or did not know, shown under the pictures; null when none. */
  readonly vocabularyNote: string | null;
}

const MISSING_DECODED_NOTE = {
  'not-recorded': 'not in this recording',
  'final-only': 'decoded at the last step',
} as const;

/** Latent channels shown before a run's first step has said how many there are (Stable Diffusion's 4). */
const DEFAULT_CHANNELS = 4;

/**
 * The panel markup for one step: the decoded picture of x̂₀, the latent previews (16×16 mosaics
 * at latent resolution), channel heatmaps, chart. Every panel stands at every step, empty where
 * a step has nothing for it, with captions that do not change, so the row never re-flows while
 * scrubbing. With no record yet (a run starting) the same panels stand empty, so the layout does not jump
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
        <figcaption>Predicted final image x̂<sub>0</sub> (latent preview)</figcaption>
      </figure>
      <figure class="decoded-figure">
        <div class="cell-frame">
          <canvas class="cell decoded"></canvas>
          <span class="cell-note" ?hidden=${!record || context.decoded !== null}>${MISSING_DECODED_NOTE[context.missingDecoded]}</span>
        </div>
        <figcaption>x̂<sub>0</sub> decoded by the VAE</figcaption>
      </figure>
      <figure>
        <canvas class="cell noise"></canvas>
        <figcaption>Predicted noise ε̂</figcaption>
      </figure>
      <figure>
        <div class="channels">${Array.from({ length: channels }, () => html`<canvas class="cell channel"></canvas>`)}</div>
        <figcaption>The ${channels} latent channels (blue −, red +)</figcaption>
      </figure>
    </div>
    ${context.vocabularyNote ? html`<p class="vocabulary-note" role="note">${context.vocabularyNote}</p>` : nothing}
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
  const images = stepImages(record, context.preview, context.decoded);
  const cells: [string, RgbaImage, string][] = [
    ['canvas.noisy', images.noisy, `Noisy latent of "${context.prompt}" at ${step}`],
    ['canvas.predicted', images.predicted, `Predicted final image of "${context.prompt}" at ${step}`],
    ['canvas.noise', images.noise, `Noise predicted at ${step}`],
  ];
  for (const [selector, image, alt] of cells) {
    const canvas = root.querySelector<HTMLCanvasElement>(selector);
    if (canvas) renderImageCell(select(canvas), image, alt);
  }
  const decodedCanvas = root.querySelector<HTMLCanvasElement>('canvas.decoded');
  if (decodedCanvas && images.decoded) renderImageCell(select(decodedCanvas), images.decoded, `${context.prompt} — x̂₀ decoded at ${step}`);
  else if (decodedCanvas) clearImageCell(decodedCanvas, `No decoded picture at ${step}: ${MISSING_DECODED_NOTE[context.missingDecoded]}`);
  root.querySelectorAll<HTMLCanvasElement>('canvas.channel').forEach((canvas, channel) => {
    const image = images.channels[channel];
    if (image) renderImageCell(select(canvas), image, `Latent channel ${channel + 1} at ${step}`);
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

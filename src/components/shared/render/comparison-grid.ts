import { html, nothing, type TemplateResult } from 'lit';
import { select } from 'd3';
import type { StepRecord } from '../../../pipeline/math/step-record.js';
import type { Tensor } from '../../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../../pipeline/image/rgba-image.js';
import { renderImageCell } from './render-image-cell.js';

/** One image of a comparison: what varies, the steps so far, and its decode once finished. */
export interface ComparisonCell {
  /** e.g. "guidance 7.5" or "seed 3". */
  readonly label: string;
  /** The prompt the cell was drawn from (alt text). */
  readonly prompt: string;
  readonly records: readonly StepRecord[];
  readonly decoded: RgbaImage | null;
}

/**
 * The grid markup: one figure per cell with its label and how far it is (out of the cell's own
 * step count once it has a step, else `totalSteps`). Cells fill in as
 * their steps arrive (the preview of the latest x̂₀), then show the decoded image.
 */
export function renderComparisonGrid(cells: readonly ComparisonCell[], totalSteps: number): TemplateResult {
  return html`<div class="grid" part="grid">
    ${cells.map(
      (cell, i) => html`<figure class="grid-cell" data-index=${i}>
        <canvas class="cell"></canvas>
        <figcaption>
          <strong>${cell.label}</strong>
          ${cell.decoded ? nothing : html`<span class="cell-progress">${cell.records.length}/${cell.records[0]?.totalSteps ?? totalSteps} steps</span>`}
        </figcaption>
      </figure>`,
    )}
  </div>`;
}

/**
 * Paints each cell's canvas: the decode when there is one (the cell's, or the one its last step
 * carries: a recording's stored picture), else the latest x̂₀ preview.
 */
export function drawComparisonGrid(root: ParentNode, cells: readonly ComparisonCell[], preview: (latent: Tensor) => RgbaImage): void {
  root.querySelectorAll<HTMLCanvasElement>('.grid-cell canvas').forEach((canvas, i) => {
    const cell = cells[i];
    const last = cell?.records.at(-1);
    if (!cell || !last) return;
    const decoded = cell.decoded ?? (last.index === last.totalSteps - 1 ? last.decodedImage : undefined);
    const image = decoded ?? preview(last.predictedOriginal);
    const state = decoded ? 'final image' : `prediction at step ${last.index + 1}`;
    renderImageCell(select(canvas), image, `"${cell.prompt}", ${cell.label}: ${state}`);
  });
}

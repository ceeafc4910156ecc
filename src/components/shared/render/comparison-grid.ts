import { html, nothing, type TemplateResult } from 'lit';
import { select } from 'd3';
import type { StepRecord } from '../../../pipeline/math/step-record.js';
import type { Tensor } from '../../../pipeline/math/tensor.js';
import type { RgbaImage } from '../../../pipeline/image/rgba-image.js';
import type { SheetLayout } from '../../../pipeline/image/sheet.js';
import { renderImageCell } from './render-image-cell.js';
import { renderSaveButton } from './save-image.js';

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
export function renderComparisonGrid(cells: readonly ComparisonCell[], totalSteps: number, onSave?: () => void): TemplateResult {
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
  </div>
  ${onSave ? html`<div class="save-row">${renderSaveButton('Save PNG', 'save-png', !cells.some((cell) => cell.records.length), onSave)}</div>` : nothing}`;
}

/** What a cell shows: its decode when there is one, else the latest x̂₀ preview; null before its first step. */
export function cellImage(cell: ComparisonCell, preview: (latent: Tensor) => RgbaImage): RgbaImage | null {
  const last = cell.records.at(-1);
  return cellDecode(cell) ?? (last ? preview(last.predictedOriginal) : null);
}

/** The cell's decode: its own, or the one its last step carries (a recording's stored picture). */
function cellDecode(cell: ComparisonCell): RgbaImage | undefined {
  const last = cell.records.at(-1);
  return cell.decoded ?? (last && last.index === last.totalSteps - 1 ? last.decodedImage : undefined);
}

/** The grid as a captioned sheet to save: every cell with a picture, under its label. */
export function comparisonSheet(cells: readonly ComparisonCell[], preview: (latent: Tensor) => RgbaImage, title: string): SheetLayout | undefined {
  const panels = cells.flatMap((cell) => {
    const image = cellImage(cell, preview);
    return image ? [{ label: cell.label, image }] : [];
  });
  if (!panels.length) return undefined;
  // One row up to five cells, else two rows (a walk's nine frames: five and four).
  return { panels, columns: panels.length <= 5 ? panels.length : Math.ceil(panels.length / 2), title };
}

/**
 * Paints each cell's canvas: the decode when there is one (the cell's, or the one its last step
 * carries: a recording's stored picture), else the latest x̂₀ preview.
 */
export function drawComparisonGrid(root: ParentNode, cells: readonly ComparisonCell[], preview: (latent: Tensor) => RgbaImage): void {
  root.querySelectorAll<HTMLCanvasElement>('.grid-cell canvas').forEach((canvas, i) => {
    const cell = cells[i];
    const last = cell?.records.at(-1);
    const image = cell && cellImage(cell, preview);
    if (!cell || !last || !image) return;
    const state = cellDecode(cell) ? 'final image' : `prediction at step ${last.index + 1}`;
    renderImageCell(select(canvas), image, `"${cell.prompt}", ${cell.label}: ${state}`);
  });
}

import { InvalidOptionError } from '../../errors.js';
import type { RgbaImage } from './rgba-image.js';
import { solidImage } from './rgba-image.js';
import { drawText, measureText } from './text.js';

/** What to put in a labelled grid. */
export interface GridLayout {
  /** Images by row, then column; all the same size. */
  readonly cells: readonly (readonly RgbaImage[])[];
  /** One label per row, drawn left of it (e.g. `seed 1`). */
  readonly rowLabels?: readonly string[];
  /** One label per column, drawn above it (e.g. `guidance 7.5`). */
  readonly columnLabels?: readonly string[];
  /** Pixels between cells and around the edge (default 4). */
  readonly gap?: number;
  /** Font pixels per 5×7 glyph pixel (default 2). */
  readonly textScale?: number;
  /** RGBA bytes (defaults: white paper, near-black ink). */
  readonly background?: readonly number[];
  readonly foreground?: readonly number[];
}

function checkCells(cells: GridLayout['cells']): { rows: number; columns: number; width: number; height: number } {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  if (rows === 0 || columns === 0) throw new InvalidOptionError('cells', 'the grid needs at least one image');
  const { width, height } = cells[0]![0]!;
  cells.forEach((row, r) => {
    if (row.length !== columns) throw new InvalidOptionError(`cells[${r}]`, `has ${row.length} images, row 0 has ${columns}`);
    row.forEach((cell, c) => {
      if (cell.width !== width || cell.height !== height) {
        throw new InvalidOptionError(`cells[${r}][${c}]`, `is ${cell.width}×${cell.height}, the first cell is ${width}×${height}`);
      }
    });
  });
  return { rows, columns, width, height };
}

function checkLabels(labels: readonly string[] | undefined, count: number, field: string): readonly string[] {
  if (labels && labels.length !== count) throw new InvalidOptionError(field, `${labels.length} labels for ${count} ${field === 'rowLabels' ? 'rows' : 'columns'}`);
  return labels ?? [];
}

/** Copies `source` into `target` with its top-left corner at (x, y). */
function blit(target: RgbaImage, source: RgbaImage, x: number, y: number): void {
  for (let row = 0; row < source.height; row += 1) {
    const from = row * source.width * 4;
    target.data.set(source.data.subarray(from, from + source.width * 4), ((y + row) * target.width + x) * 4);
  }
}

/**
 * Lays equal-sized images out in a grid with row labels on the left and column labels on
 * top — the `grid` command's seeds × guidance sheet. Pure: returns a new image.
 */
export function composeGrid(layout: GridLayout): RgbaImage {
  const { rows, columns, width, height } = checkCells(layout.cells);
  const rowLabels = checkLabels(layout.rowLabels, rows, 'rowLabels');
  const columnLabels = checkLabels(layout.columnLabels, columns, 'columnLabels');
  const gap = layout.gap ?? 4;
  const scale = layout.textScale ?? 2;
  const ink = layout.foreground ?? [24, 24, 24, 255];
  const labelHeight = measureText('', scale).height;
  const rowLabelWidth = Math.max(0, ...rowLabels.map((label) => measureText(label, scale).width));
  const columnWidth = Math.max(width, ...columnLabels.map((label) => measureText(label, scale).width));
  const left = gap + (rowLabelWidth > 0 ? rowLabelWidth + gap : 0);
  const top = gap + (columnLabels.length > 0 ? labelHeight + gap : 0);
  const canvas = solidImage(left + columns * (columnWidth + gap), top + rows * (height + gap), layout.background ?? [255, 255, 255, 255]);
  columnLabels.forEach((label, c) => {
    const x = left + c * (columnWidth + gap) + Math.floor((columnWidth - measureText(label, scale).width) / 2);
    drawText(canvas, label, x, gap, ink, scale);
  });
  rowLabels.forEach((label, r) => {
    const x = left - gap - measureText(label, scale).width;
    drawText(canvas, label, x, top + r * (height + gap) + Math.floor((height - labelHeight) / 2), ink, scale);
  });
  layout.cells.forEach((row, r) =>
    row.forEach((cell, c) => blit(canvas, cell, left + c * (columnWidth + gap) + Math.floor((columnWidth - width) / 2), top + r * (height + gap))),
  );
  return canvas;
}

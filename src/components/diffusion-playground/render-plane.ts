import type { PlaneScales } from './plane-scales.js';
import { renderField, type FieldArrows } from './render-field.js';
import { renderPaths } from './render-paths.js';
import { renderPoints } from './render-points.js';

/** Everything drawn on the plane, back to front. */
export interface PlaneContent {
  /** Noise-field arrows, or null when hidden. */
  readonly field: FieldArrows | null;
  readonly fieldCell: number;
  /** Data points as shown (already moved through the forward process when t > 0). */
  readonly data: Float32Array;
  /** A sampling run and the frame reached in its replay, or null before any sampling. */
  readonly run: { readonly frames: Float32Array; readonly count: number; readonly frame: number } | null;
  /** The keyboard drawing cursor in data units, or null when not drawing. */
  readonly cursor: readonly [number, number] | null;
}

/** Colours of the plane's layers (CSS colour strings). */
export interface PlaneColors {
  readonly data: string;
  /** Opacity of the data alone, and behind samples. */
  readonly dataOpacity: number;
  readonly dataFadedOpacity: number;
  readonly samples: string;
  readonly field: string;
  readonly cursor: string;
}

/** Draws the plane: field arrows, data, sample paths and samples, and the drawing cursor. */
export function renderPlane(context: CanvasRenderingContext2D, content: PlaneContent, scales: PlaneScales, colors: PlaneColors): void {
  if (content.field) renderField(context, content.field, scales, { color: colors.field, cell: content.fieldCell });
  // Fainter data once there are samples, so the samples read on top of it.
  renderPoints(context, content.data, scales, { color: colors.data, radius: 1.2, alpha: content.run ? colors.dataFadedOpacity : colors.dataOpacity });
  if (content.run) {
    const { frames, count, frame } = content.run;
    renderPaths(context, { frames, count }, frame, scales, { color: colors.samples, paths: 80 });
    const frameSize = count * 2;
    renderPoints(context, frames.subarray(frame * frameSize, (frame + 1) * frameSize), scales, { color: colors.samples, radius: 1.6, alpha: 0.9 });
  }
  if (content.cursor) {
    context.strokeStyle = colors.cursor;
    context.strokeRect(scales.x(content.cursor[0]) - 6, scales.y(content.cursor[1]) - 6, 12, 12);
  }
}

import { interpolateRdBu, rgb, type Selection } from 'd3';
import { renderImageCell } from './render-image-cell.js';

/** A rows × cols grid of values, row-major (e.g. one latent channel, or token embeddings). */
export interface HeatmapData {
  readonly values: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * A diverging colour scale centred on 0 and symmetric around it, so sign reads at a glance
 * (negative blue, positive red); `extent` is the |value| that gets the strongest colour.
 * Colours are precomputed into a lookup table so painting stays cheap for big grids.
 */
export interface DivergingPalette {
  readonly extent: number;
  /** 256 RGB triples from −extent to +extent. */
  readonly table: Uint8ClampedArray;
}

const LEVELS = 256;

/** Builds the palette for values in [−extent, extent]. */
export function divergingPalette(extent: number): DivergingPalette {
  const table = new Uint8ClampedArray(LEVELS * 3);
  for (let level = 0; level < LEVELS; level += 1) {
    const { r, g, b } = rgb(interpolateRdBu(1 - level / (LEVELS - 1)));
    table.set([r, g, b], level * 3);
  }
  return { extent: extent > 0 && Number.isFinite(extent) ? extent : 1, table };
}

/** The largest |value|, for one colour scale shared by several heatmaps. */
export function maxAbs(values: Float32Array): number {
  let max = 0;
  for (const value of values) if (Math.abs(value) > max) max = Math.abs(value);
  return max;
}

/** Paints one pixel per value into the canvas (CSS scales it up). */
export function renderHeatmap(
  canvas: Selection<HTMLCanvasElement, unknown, null, undefined>,
  heatmap: HeatmapData,
  palette: DivergingPalette,
  alt: string,
): void {
  const count = heatmap.rows * heatmap.cols;
  const pixels = new Uint8ClampedArray(count * 4);
  const { table, extent } = palette;
  for (let i = 0; i < count; i += 1) {
    const value = heatmap.values[i] ?? 0;
    // Non-finite values paint as the neutral middle rather than poisoning the lookup.
    const t = Number.isFinite(value) ? (value / extent + 1) / 2 : 0.5;
    const level = Math.round(Math.min(1, Math.max(0, t)) * (LEVELS - 1)) * 3;
    pixels[i * 4] = table[level]!;
    pixels[i * 4 + 1] = table[level + 1]!;
    pixels[i * 4 + 2] = table[level + 2]!;
    pixels[i * 4 + 3] = 255;
  }
  renderImageCell(canvas, { width: heatmap.cols, height: heatmap.rows, data: pixels }, alt);
}

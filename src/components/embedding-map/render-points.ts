import { extent, scaleLinear, type ScaleLinear, type Selection } from 'd3';
import type { MapLayout } from './map-layout.js';
import { placeLabels } from './place-labels.js';

/** Map size in SVG units; the SVG scales to its container. */
export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 440;
const MARGIN = 24;

/** Scales for a layout, equal units on both axes so distances are not stretched. */
export interface MapScales {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
}

/** Fits scales to a layout's points and any extra points drawn over it (an arithmetic path). */
export function mapScales(layout: MapLayout, extra: readonly (readonly [number, number])[] = []): MapScales {
  const xs = [...layout.points.filter((_, i) => i % 2 === 0), ...extra.map((p) => p[0])];
  const ys = [...layout.points.filter((_, i) => i % 2 === 1), ...extra.map((p) => p[1])];
  const [x0 = 0, x1 = 1] = extent(xs);
  const [y0 = 0, y1 = 1] = extent(ys);
  const width = MAP_WIDTH - 2 * MARGIN - 80; // room for the rightmost label
  const height = MAP_HEIGHT - 2 * MARGIN;
  const unit = Math.min(width / Math.max(x1 - x0, 1e-9), height / Math.max(y1 - y0, 1e-9));
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const [left, top] = [MARGIN + width / 2, MARGIN + height / 2];
  return {
    x: scaleLinear().domain([cx - 1, cx + 1]).range([left - unit, left + unit]),
    y: scaleLinear().domain([cy - 1, cy + 1]).range([top + unit, top - unit]),
  };
}

/** Which words to emphasise. */
export interface Highlight {
  readonly selected: string | undefined;
  readonly neighbours: ReadonlySet<string>;
}

/**
 * Draws the points and the non-overlapping labels into `layer`. Points are keyboard-focusable
 * buttons when there are few enough to tab through.
 */
export function renderPoints(
  layer: Selection<SVGGElement, unknown, null, undefined>,
  layout: MapLayout,
  scales: MapScales,
  highlight: Highlight,
): void {
  const data = layout.words.map((word, i) => ({
    word,
    rank: layout.rows[i]!,
    x: scales.x(layout.points[2 * i]!),
    y: scales.y(layout.points[2 * i + 1]!),
  }));
  const labelled = placeLabels(data.map((d) => ({ x: d.x, y: d.y, text: d.word, priority: d.word === highlight.selected ? -1 : d.rank })));
  const focusable = data.length <= 150;
  const points = layer
    .selectAll<SVGGElement, (typeof data)[number]>('g.point')
    .data(data, (d) => d.word)
    .join((enter) => {
      const g = enter.append('g');
      g.append('circle').attr('r', 4);
      g.append('text').attr('dx', 6).attr('dy', 4);
      return g;
    });
  points
    .attr('class', (d) => `point${d.word === highlight.selected ? ' selected' : ''}${highlight.neighbours.has(d.word) ? ' neighbour' : ''}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-word', (d) => d.word)
    .attr('tabindex', focusable ? 0 : null)
    .attr('role', focusable ? 'button' : null)
    .attr('aria-label', focusable ? (d) => d.word : null);
  points.select('text').text((d, i) => (labelled.has(i) || highlight.neighbours.has(d.word) ? d.word : ''));
}

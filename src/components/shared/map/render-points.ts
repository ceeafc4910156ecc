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

/** Label size in SVG units (see `labelFontSize`); 12 when the map is drawn at its own size. */
export const MAP_LABEL_SIZE = 12;

/**
 * Draws the points and the non-overlapping labels into `layer`. Points are keyboard-focusable
 * buttons when there are few enough to tab through. A point whose label found no free spot
 * still holds it, hidden (class `unlabelled`), shown on hover and focus by the styles.
 * `fontSize` is the label size in SVG units (larger when the map is drawn small).
 */
export function renderPoints(
  layer: Selection<SVGGElement, unknown, null, undefined>,
  layout: MapLayout,
  scales: MapScales,
  highlight: Highlight,
  fontSize = MAP_LABEL_SIZE,
): void {
  const data = layout.words.map((word, i) => ({
    word,
    rank: layout.rows[i]!,
    x: scales.x(layout.points[2 * i]!),
    y: scales.y(layout.points[2 * i + 1]!),
  }));
  // Neighbours of the selection are placed first, so their labels are always visible.
  const priority = (d: (typeof data)[number]) => (d.word === highlight.selected ? -2 : highlight.neighbours.has(d.word) ? -1 : d.rank);
  const labelled = placeLabels(data.map((d) => ({ x: d.x, y: d.y, text: d.word, priority: priority(d) })), fontSize);
  const focusable = data.length <= 150;
  const points = layer
    .selectAll<SVGGElement, (typeof data)[number]>('g.point')
    .data(data, (d) => d.word)
    .join((enter) => {
      const g = enter.append('g');
      g.append('circle').attr('r', 4);
      g.append('text');
      return g;
    });
  points
    .attr('class', (d, i) => `point${d.word === highlight.selected ? ' selected' : ''}${highlight.neighbours.has(d.word) ? ' neighbour' : ''}${labelled.has(i) ? '' : ' unlabelled'}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-word', (d) => d.word)
    .attr('tabindex', focusable ? 0 : null)
    .attr('role', focusable ? 'button' : null)
    .attr('aria-label', focusable ? (d) => d.word : null);
  // An unlabelled point's label shows on hover, right of the dot (over its neighbours' labels).
  const spot = (i: number) => labelled.get(i) ?? { dx: fontSize / 2, dy: fontSize / 3, anchor: 'start' as const };
  points
    .select('text')
    .style('font-size', `${fontSize}px`)
    .attr('dx', (_, i) => spot(i).dx)
    .attr('dy', (_, i) => spot(i).dy)
    .attr('text-anchor', (_, i) => spot(i).anchor)
    .text((d) => d.word);
}

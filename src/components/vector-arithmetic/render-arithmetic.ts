import { extent, scaleLinear, type ScaleLinear, type Selection } from 'd3';
import type { ArithmeticPlot } from './arithmetic-plot.js';

/** Plot size in SVG units (the SVG scales to its container). */
export const PLOT_WIDTH = 420;
export const PLOT_HEIGHT = 300;
const MARGIN = 36;
/** Extra room on the right for the labels, which sit to the right of their points. */
const LABEL_ROOM = 56;

/** Scales that fit every point and path vertex, with equal units on both axes. */
export function plotScales(plot: ArithmeticPlot): { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> } {
  const xs = [...plot.points.map((p) => p.x), ...plot.path.map((p) => p[0])];
  const ys = [...plot.points.map((p) => p.y), ...plot.path.map((p) => p[1])];
  const [x0 = 0, x1 = 1] = extent(xs);
  const [y0 = 0, y1 = 1] = extent(ys);
  // One data unit is the same length on both axes, so angles and parallelograms are true.
  const width = PLOT_WIDTH - 2 * MARGIN - LABEL_ROOM;
  const span = Math.max(x1 - x0, ((y1 - y0) * width) / (PLOT_HEIGHT - 2 * MARGIN), 1e-6);
  const ySpan = (span * (PLOT_HEIGHT - 2 * MARGIN)) / width;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return {
    x: scaleLinear().domain([cx - span / 2, cx + span / 2]).range([MARGIN, MARGIN + width]),
    y: scaleLinear().domain([cy - ySpan / 2, cy + ySpan / 2]).range([PLOT_HEIGHT - MARGIN, MARGIN]),
  };
}

/** Draws the path of the sum as arrows, then the labelled points, into `svg`. */
export function renderArithmetic(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  plot: ArithmeticPlot,
  scales: { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> },
): void {
  svg.attr('viewBox', `0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}`);
  let defs = svg.select<SVGDefsElement>('defs');
  if (defs.empty()) {
    defs = svg.append('defs');
    defs.append('marker').attr('id', 'arrow').attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
      .attr('markerWidth', 7).attr('markerHeight', 7).attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M0,0L10,5L0,10z').attr('class', 'arrow-head');
  }
  const segments = plot.path.slice(1).map((end, i) => [plot.path[i]!, end] as const);
  svg.selectAll('line.step').data(segments).join('line').attr('class', 'step')
    .attr('x1', (d) => scales.x(d[0][0])).attr('y1', (d) => scales.y(d[0][1]))
    .attr('x2', (d) => scales.x(d[1][0])).attr('y2', (d) => scales.y(d[1][1]))
    .attr('marker-end', 'url(#arrow)');
  const points = svg.selectAll('g.point').data(plot.points, (d) => (d as { label: string }).label).join((enter) => {
    const g = enter.append('g');
    g.append('circle').attr('r', 4.5);
    g.append('text').attr('dx', 7).attr('dy', 4);
    return g;
  });
  points.attr('class', (d) => `point ${d.kind}`).attr('transform', (d) => `translate(${scales.x(d.x)},${scales.y(d.y)})`);
  points.select('text').text((d) => (d.kind === 'result' ? '= result' : d.label));
}

import { extent, line, scaleLinear, type ScaleLinear, type Selection } from 'd3';

/** One run's projected path (interleaved x, y) and which points belong to which step. */
export interface PlottedPath {
  readonly label: string;
  readonly color: string;
  /** 'solid' for the latents' path, 'dashed' for the x̂₀ predictions'. */
  readonly style: 'solid' | 'dashed';
  readonly points: Float32Array;
  /** Step of each point (same order). */
  readonly steps: readonly number[];
}

/** Pixel scales of the plot. */
export interface PlotScales {
  readonly width: number;
  readonly height: number;
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
}

/** Pixels kept clear around the points. */
const PLOT_PADDING = 16;

/** Scales that fit every point of `paths` into a `size` plot (padded, with nice round ends). */
export function fitPlotScales(paths: readonly PlottedPath[], size: { width: number; height: number }): PlotScales {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const path of paths) path.points.forEach((value, i) => (i % 2 === 0 ? xs : ys).push(value));
  const [x0 = 0, x1 = 1] = extent(xs);
  const [y0 = 0, y1 = 1] = extent(ys);
  return {
    ...size,
    x: scaleLinear().domain([x0, x1]).range([PLOT_PADDING, size.width - PLOT_PADDING]).nice(),
    y: scaleLinear().domain([y0, y1]).range([size.height - PLOT_PADDING, PLOT_PADDING]).nice(),
  };
}

/**
 * Draws every path from noise (hollow start marker) to image (filled end marker), one dot per
 * step, and rings the points at `highlightStep`. `onHover(step)` fires when the pointer nears a dot.
 */
export function renderTrajectories(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  paths: readonly PlottedPath[],
  scales: PlotScales,
  highlightStep: number,
  onHover: (step: number) => void,
): void {
  const { width, height, x, y } = scales;
  svg.attr('viewBox', `0 0 ${width} ${height}`);
  svg.selectAll('*').remove();
  const at = (points: Float32Array, i: number): [number, number] => [x(points[i * 2]!), y(points[i * 2 + 1]!)];
  for (const path of paths) {
    const count = path.points.length / 2;
    const xy = Array.from({ length: count }, (_, i) => at(path.points, i));
    const group = svg.append('g').attr('class', `path ${path.style}`);
    group
      .append('path')
      .attr('d', line()(xy))
      .attr('fill', 'none')
      .attr('stroke', path.color)
      .attr('stroke-width', path.style === 'solid' ? 2 : 1.25)
      .attr('stroke-dasharray', path.style === 'dashed' ? '4 3' : null)
      .attr('opacity', path.style === 'solid' ? 0.9 : 0.6);
    group
      .selectAll('circle.point')
      .data(xy)
      .join('circle')
      .attr('class', 'point')
      .attr('cx', (p) => p[0])
      .attr('cy', (p) => p[1])
      .attr('r', (_, i) => (i === 0 || i === count - 1 ? 5 : 3))
      .attr('fill', (_, i) => (i === 0 ? 'var(--_bg)' : path.color))
      .attr('stroke', path.color)
      .attr('stroke-width', 1.5)
      .on('pointerenter', (_, p) => onHover(path.steps[xy.indexOf(p)]!));
    path.steps.forEach((step, i) => {
      if (step !== highlightStep) return;
      const [cx, cy] = xy[i]!;
      group.append('circle').attr('class', 'highlight').attr('cx', cx).attr('cy', cy).attr('r', 8).attr('fill', 'none').attr('stroke', 'var(--_fg)').attr('stroke-width', 2);
    });
  }
}

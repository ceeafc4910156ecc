import { axisBottom, axisLeft, extent, line, scaleLinear, scaleLog, type ScaleContinuousNumeric, type Selection } from 'd3';

/** One named curve: matching x and y arrays. */
export interface LineSeries {
  readonly label: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** A CSS colour (custom properties allowed). */
  readonly color: string;
}

/** Where the chart sits in its SVG and how values map to pixels. */
export interface ChartScales {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  readonly x: ScaleContinuousNumeric<number, number>;
  readonly y: ScaleContinuousNumeric<number, number>;
}

/** Optional vertical marker, e.g. the current step. */
export interface ChartMarker {
  readonly x: number;
  readonly label: string;
}

const MARGIN = { top: 10, right: 12, bottom: 30, left: 46 } as const;

/**
 * Fits scales to the series. With `logY`, only positive values count (SNR, σ span decades);
 * `xReversed` draws x from high to low, as diffusion runs from t = T down to 0.
 */
export function fitChartScales(
  series: readonly LineSeries[],
  size: { width: number; height: number },
  options: { logY?: boolean; xReversed?: boolean } = {},
): ChartScales {
  const xs = series.flatMap((s) => Array.from(s.x));
  const ys = series.flatMap((s) => Array.from(s.y)).filter((y) => Number.isFinite(y) && (!options.logY || y > 0));
  const [x0 = 0, x1 = 1] = extent(xs);
  const [y0 = 0, y1 = 1] = extent(ys);
  const xRange = [MARGIN.left, size.width - MARGIN.right];
  const x = scaleLinear().domain(options.xReversed ? [x1, x0] : [x0, x1]).range(xRange);
  const y = options.logY
    ? scaleLog().domain([y0, y1 > y0 ? y1 : y0 * 10]).range([size.height - MARGIN.bottom, MARGIN.top]).nice()
    : scaleLinear().domain([Math.min(0, y0), y1 > y0 ? y1 : y0 + 1]).range([size.height - MARGIN.bottom, MARGIN.top]).nice();
  return { width: size.width, height: size.height, margin: MARGIN, x, y };
}

/** Draws axes, one path per series and the optional marker into `svg` (replacing its content). */
export function renderLineChart(
  svg: Selection<SVGSVGElement, unknown, null, undefined>,
  series: readonly LineSeries[],
  scales: ChartScales,
  labels: { x: string; y: string },
  marker?: ChartMarker,
): void {
  const { width, height, margin, x, y } = scales;
  svg.attr('viewBox', `0 0 ${width} ${height}`).attr('preserveAspectRatio', 'xMidYMid meet');
  svg.selectAll('*').remove();
  svg
    .append('g')
    .attr('class', 'axis x')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 80))));
  svg
    .append('g')
    .attr('class', 'axis y')
    .attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(4, y.domain()[0]! > 0 && isLog(y) ? '~g' : undefined));
  svg
    .append('text')
    .attr('class', 'axis-label')
    .attr('x', width - margin.right)
    .attr('y', height - 2)
    .attr('text-anchor', 'end')
    .text(labels.x);
  svg.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', margin.top - 1).attr('dominant-baseline', 'hanging').text(labels.y);
  for (const s of series) {
    const points = Array.from(s.x, (xValue, i) => [xValue, s.y[i]!] as [number, number]).filter(
      ([, yValue]) => Number.isFinite(yValue) && (!isLog(y) || yValue > 0),
    );
    svg
      .append('path')
      .attr('class', 'series')
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', 2)
      .attr('d', line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1]))(points));
  }
  if (marker) {
    const markerX = x(marker.x);
    const group = svg.append('g').attr('class', 'marker');
    group.append('line').attr('x1', markerX).attr('x2', markerX).attr('y1', margin.top).attr('y2', height - margin.bottom);
    // The label goes on the side with more room, so it stays inside the chart. (Measuring the
    // text instead would force a layout in the middle of drawing.)
    const rightHalf = markerX > (margin.left + width - margin.right) / 2;
    group
      .append('text')
      .attr('x', rightHalf ? markerX - 4 : markerX + 4)
      .attr('text-anchor', rightHalf ? 'end' : 'start')
      .attr('y', margin.top + 10)
      .text(marker.label);
  }
}

function isLog(scale: ScaleContinuousNumeric<number, number>): boolean {
  return 'base' in scale;
}

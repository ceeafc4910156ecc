import { axisBottom, axisLeft, bin, line, max, scaleLinear, type Selection } from 'd3';
import type { ToySamplingRun } from '../../src/pipeline/math/toy-sampling.js';

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export interface ToyRunScales {
  readonly width: number;
  readonly height: number;
  /** Step index → x pixel. */
  readonly step: ReturnType<typeof scaleLinear<number, number>>;
  /** Sample value → y pixel, shared by the paths and the histogram. */
  readonly value: ReturnType<typeof scaleLinear<number, number>>;
  /** Where the histogram panel starts (x pixel). */
  readonly histogramLeft: number;
}

/** Fits scales so every path and the target density fit; the histogram takes the right fifth. */
export function fitToyRunScales(run: ToySamplingRun, width: number, height: number): ToyRunScales {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of run.samples) for (const v of values) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  const histogramLeft = Math.round(width * 0.8);
  return {
    width,
    height,
    histogramLeft,
    step: scaleLinear().domain([0, run.samples.length - 1]).range([44, histogramLeft - 12]),
    value: scaleLinear().domain([lo, hi]).nice().range([height - 28, 10]),
  };
}

/**
 * Draws `paths` sample trajectories from noise (left) to data (right) and, on the right, the
 * histogram of all final samples against the target density N(μ, s²).
 */
export function renderToyRun(svg: Svg, run: ToySamplingRun, scales: ToyRunScales, target: { mean: number; std: number }, paths = 48): void {
  const { width, height, step, value, histogramLeft } = scales;
  svg.attr('viewBox', `0 0 ${width} ${height}`).selectAll('*').remove();
  svg.append('g').attr('transform', `translate(0,${height - 28})`).call(axisBottom(step).ticks(Math.min(10, run.samples.length - 1)));
  svg.append('g').attr('transform', 'translate(44,0)').call(axisLeft(value).ticks(6));
  svg.append('text').attr('class', 'axis-label').attr('x', histogramLeft - 12).attr('y', height - 2).attr('text-anchor', 'end').text('step');

  const count = Math.min(paths, run.samples[0]!.length);
  const trace = line<number>().x((_, i) => step(i)).y((v) => value(v));
  const group = svg.append('g').attr('class', 'paths');
  for (let p = 0; p < count; p++) {
    group.append('path').attr('d', trace(run.samples.map((values) => values[p]!))).attr('fill', 'none').attr('class', 'path');
  }

  const final = Array.from(run.samples.at(-1)!);
  const bins = bin().domain(value.domain() as [number, number]).thresholds(40)(final);
  const peak = Math.max(max(bins, (b) => b.length / final.length / (b.x1! - b.x0!)) ?? 1, 1 / (target.std * Math.sqrt(2 * Math.PI)));
  const density = scaleLinear().domain([0, peak]).range([histogramLeft, width - 6]);
  const histogram = svg.append('g').attr('class', 'histogram');
  for (const b of bins) {
    const heightOfBin = b.length / final.length / (b.x1! - b.x0!);
    histogram
      .append('rect')
      .attr('x', histogramLeft)
      .attr('y', value(b.x1!))
      .attr('height', Math.max(0, value(b.x0!) - value(b.x1!) - 0.5))
      .attr('width', density(heightOfBin) - histogramLeft);
  }
  const ys = value.ticks(80);
  const gaussian = (y: number) => Math.exp(-0.5 * ((y - target.mean) / target.std) ** 2) / (target.std * Math.sqrt(2 * Math.PI));
  svg
    .append('path')
    .attr('class', 'target')
    .attr('fill', 'none')
    .attr('d', line<number>().x((y) => density(gaussian(y))).y((y) => value(y))(ys));
}

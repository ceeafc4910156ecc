import { interpolateRdBu, lab, scaleBand, scaleDiverging, type Selection } from 'd3';
import type { SimilarityMatrix } from './similarity.js';

/** Space for row and column labels, in SVG units. */
const LABEL_SPACE = 90;
const CELL = 28;

/** Diverging colours: blue for similar, red for opposite, neutral at 0. */
export const similarityColour = scaleDiverging(interpolateRdBu).domain([-1, 0, 1]);

/** A cosine to one decimal without its leading zero (".7", "-.3"); a value that rounds to zero is ".0", never "-.0". */
export function shortCosine(value: number): string {
  const rounded = Math.round(value * 10) / 10 || 0;
  return rounded.toFixed(1).replace(/^(-?)0\./, '$1.');
}

/** Dark text on light cells and light text on dark ones, whatever the page theme. */
export function labelColourOn(cellColour: string): string {
  return lab(cellColour).l > 60 ? '#111' : '#fff';
}

/** Draws the heatmap with labels into `svg` (one rect per pair, with a tooltip). */
export function renderMatrix(svg: Selection<SVGSVGElement, unknown, null, undefined>, matrix: SimilarityMatrix): void {
  const n = matrix.words.length;
  const size = LABEL_SPACE + n * CELL;
  const band = scaleBand<number>().domain(matrix.words.map((_, i) => i)).range([LABEL_SPACE, size]).padding(0.04);
  svg.attr('viewBox', `0 0 ${size} ${size}`).style('max-width', `${size * 1.6}px`);
  const cells = Array.from(matrix.values, (value, k) => ({ i: Math.floor(k / n), j: k % n, value }));
  svg.selectAll('rect.cell').data(cells).join((enter) => {
    const rect = enter.append('rect').attr('class', 'cell');
    rect.append('title');
    return rect;
  })
    .attr('x', (d) => band(d.j)!).attr('y', (d) => band(d.i)!)
    .attr('width', band.bandwidth()).attr('height', band.bandwidth())
    .attr('fill', (d) => similarityColour(d.value))
    .select('title').text((d) => `${matrix.words[d.i]} · ${matrix.words[d.j]}: ${d.value.toFixed(2)}`);
  svg.selectAll('text.value').data(cells).join('text').attr('class', 'value')
    .attr('x', (d) => band(d.j)! + band.bandwidth() / 2).attr('y', (d) => band(d.i)! + band.bandwidth() / 2 + 3)
    .attr('fill', (d) => labelColourOn(similarityColour(d.value)))
    .text((d) => shortCosine(d.value));
  svg.selectAll('text.row').data(matrix.words).join('text').attr('class', 'row')
    .attr('x', LABEL_SPACE - 4).attr('y', (_, i) => band(i)! + band.bandwidth() / 2 + 4).text((d) => d);
  svg.selectAll('text.column').data(matrix.words).join('text').attr('class', 'column')
    .attr('transform', (_, i) => `translate(${band(i)! + band.bandwidth() / 2 + 4},${LABEL_SPACE - 4}) rotate(-60)`).text((d) => d);
}

import type { Selection } from 'd3';
import type { MapOverlay } from './map-layout.js';
import type { MapScales } from './render-points.js';
import { svg } from 'lit';

/** The arrowhead `renderOverlay` puts on each term's arrow; render it inside the map's `<svg>`. */
export const overlayArrowDefs = svg`<defs>
  <marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
    <path d="M0,0L10,5L0,10z"></path>
  </marker>
</defs>`;

/** Draws an arithmetic overlay (arrows for each term, a ring at the result) into `layer`. */
export function renderOverlay(layer: Selection<SVGGElement, unknown, null, undefined>, overlay: MapOverlay | undefined, scales: MapScales): void {
  const segments = overlay ? overlay.path.slice(1).map((end, i) => [overlay.path[i]!, end] as const) : [];
  layer
    .selectAll('line.step')
    .data(segments)
    .join('line')
    .attr('class', 'step')
    .attr('x1', (d) => scales.x(d[0][0]))
    .attr('y1', (d) => scales.y(d[0][1]))
    .attr('x2', (d) => scales.x(d[1][0]))
    .attr('y2', (d) => scales.y(d[1][1]))
    .attr('marker-end', 'url(#map-arrow)');
  layer
    .selectAll('circle.result')
    .data(overlay ? [overlay] : [])
    .join('circle')
    .attr('class', (d) => `result${d.exact ? '' : ' approximate'}`)
    .attr('r', 7)
    .attr('cx', (d) => scales.x(d.result[0]))
    .attr('cy', (d) => scales.y(d.result[1]));
}

import type { Selection } from 'd3';
import type { MapLayout } from '../shared/map/map-layout.js';
import type { MapScales } from '../shared/map/render-points.js';
import { placeLabels } from '../shared/map/place-labels.js';

/** Words every caption shares; leaving them out of the map's labels keeps them short. */
const FILLER = new Set(['a', 'an', 'the', 'on', 'in', 'at', 'during', 'riding', 'driving']);

/** The label drawn beside a prompt's point: its content words ("sheep motorcycle road"). */
export function shortLabel(prompt: string): string {
  const words = prompt.split(/\s+/u).filter((word) => word !== '' && !FILLER.has(word.toLowerCase()));
  return words.length ? words.join(' ') : prompt;
}

/** Which points to emphasise, and which one holds the map's single Tab stop. */
export interface PromptHighlight {
  /** The point that is tabbable (the roving tabindex). */
  readonly active: number;
  /** The point whose neighbours are listed, if a point (not a sum) is selected. */
  readonly selected: number | undefined;
  readonly neighbours: ReadonlySet<number>;
  readonly generated: number | undefined;
}

/** Label size in SVG units when the map is drawn at its own size (see `labelFontSize`). */
export const PROMPT_LABEL_SIZE = 11;

/**
 * Draws prompts as points with non-overlapping short labels. Each point is a button named by
 * its full prompt; only the active one is tabbable (a roving tabindex), the arrows move it.
 * Every point carries its prompt as a `<title>`, so a point whose label found no free spot
 * still tells its prompt on hover. `fontSize` is the label size in SVG units.
 */
export function renderPromptPoints(
  layer: Selection<SVGGElement, unknown, null, undefined>,
  layout: MapLayout,
  scales: MapScales,
  highlight: PromptHighlight,
  fontSize = PROMPT_LABEL_SIZE,
): Array<[number, number]> {
  const data = layout.words.map((prompt, index) => ({
    index,
    prompt,
    label: shortLabel(prompt),
    x: scales.x(layout.points[2 * index]!),
    y: scales.y(layout.points[2 * index + 1]!),
  }));
  const labelled = placeLabels(data.map((d) => ({ x: d.x, y: d.y, text: d.label, priority: d.index === highlight.selected ? -1 : d.index })), fontSize, 4);
  const points = layer
    .selectAll<SVGGElement, (typeof data)[number]>('g.point')
    .data(data, (d) => d.prompt)
    .join((enter) => {
      const g = enter.append('g').attr('role', 'button');
      g.append('circle').attr('r', 5);
      g.append('title');
      return g;
    });
  const classes = (d: (typeof data)[number]): string =>
    ['point', d.index === highlight.selected ? 'selected' : '', highlight.neighbours.has(d.index) ? 'neighbour' : '', d.index === highlight.generated ? 'generated' : '']
      .filter(Boolean)
      .join(' ');
  points
    .attr('class', classes)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-index', (d) => d.index)
    .attr('tabindex', (d) => (d.index === highlight.active ? 0 : -1))
    .attr('aria-label', (d) => d.prompt);
  points.select('title').text((d) => d.prompt);
  // Labels sit outside the buttons: a button's visible text must be part of its name, and the
  // short label ("dog car snow") is not a substring of the prompt it abbreviates.
  const labels = layer.selectAll<SVGGElement, null>('g.labels').data([null]).join((enter) => enter.append('g').attr('class', 'labels').attr('aria-hidden', 'true'));
  labels
    .selectAll<SVGTextElement, (typeof data)[number]>('text')
    .data(data.filter((d) => labelled.has(d.index)), (d) => d.prompt)
    .join('text')
    .style('font-size', `${fontSize}px`)
    .attr('x', (d) => d.x + labelled.get(d.index)!.dx)
    .attr('y', (d) => d.y + labelled.get(d.index)!.dy)
    .attr('text-anchor', (d) => labelled.get(d.index)!.anchor)
    .text((d) => d.label);
  return data.map((d) => [d.x, d.y]);
}

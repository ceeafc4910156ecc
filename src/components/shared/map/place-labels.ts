/**
 * Greedy label placement: labels are considered in priority order (more frequent words
 * first); each tries the right of its point, then the left, above and below, and is shown at
 * the first spot whose box overlaps no label already shown (nor another point's dot). A point
 * left without a spot keeps its label for hover and focus (see render-points.ts). Cheap enough
 * to redo on every zoom for the few hundred to few thousand words of a map.
 */

/** A label candidate in screen coordinates. */
export interface LabelCandidate {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Lower is placed first. */
  readonly priority: number;
}

/** Where a shown label sits: its text anchor point relative to the dot, and its alignment. */
export interface LabelSpot {
  readonly dx: number;
  readonly dy: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

/** Approximate text box width for a label at the map's font size. */
export const labelWidth = (text: string, fontSize = 12): number => text.length * fontSize * 0.6 + 4;

/**
 * The label font size, in SVG units, that draws at least `minPixels` CSS pixels when a map
 * `viewBoxWidth` units wide is shown `renderedWidth` pixels wide (a phone shrinks the whole
 * map; its labels must not shrink with it). Never below `base`, never above three times it.
 */
export function labelFontSize(base: number, viewBoxWidth: number, renderedWidth: number | undefined, minPixels = base): number {
  if (!renderedWidth || renderedWidth <= 0) return base;
  return Math.min(3 * base, Math.max(base, (minPixels * viewBoxWidth) / renderedWidth));
}

/**
 * The spots tried, in order: right of the dot, left, above, below; a label above or below
 * clears the boxes of labels beside the same dot (see `boxAt`).
 */
function spots(size: number): LabelSpot[] {
  return [
    { dx: size / 2, dy: size / 3, anchor: 'start' },
    { dx: -size / 2, dy: size / 3, anchor: 'end' },
    { dx: 0, dy: -0.8 * size - 1, anchor: 'middle' },
    { dx: 0, dy: 1.45 * size + 1, anchor: 'middle' },
  ];
}

type Box = [number, number, number, number];

/** The box a label covers at `spot` (x0, y0, x1, y1). */
function boxAt(x: number, y: number, width: number, size: number, spot: LabelSpot): Box {
  const left = spot.anchor === 'start' ? x + spot.dx : spot.anchor === 'end' ? x + spot.dx - width : x - width / 2;
  const baseline = y + spot.dy;
  return [left, baseline - size * 0.85, left + width, baseline + size * 0.25];
}

const overlaps = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * The labels to show, by index into `candidates`, with the spot each sits at. `dotRadius`
 * keeps labels off the other points' dots.
 */
export function placeLabels(candidates: readonly LabelCandidate[], fontSize = 12, dotRadius = 3): Map<number, LabelSpot> {
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[a]!.priority - candidates[b]!.priority);
  const dots: Box[] = candidates.map(({ x, y }) => [x - dotRadius, y - dotRadius, x + dotRadius, y + dotRadius]);
  const boxes: Box[] = [];
  const shown = new Map<number, LabelSpot>();
  for (const i of order) {
    const { x, y, text } = candidates[i]!;
    const width = labelWidth(text, fontSize);
    for (const spot of spots(fontSize)) {
      const box = boxAt(x, y, width, fontSize, spot);
      if (boxes.some((other) => overlaps(box, other)) || dots.some((dot, j) => j !== i && overlaps(box, dot))) continue;
      boxes.push(box);
      shown.set(i, spot);
      break;
    }
  }
  return shown;
}

/**
 * Greedy label placement: labels are considered in priority order (more frequent words
 * first) and a label is shown only if its box overlaps no label already shown. Cheap enough
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

/** Approximate text box width for a label at the map's font size. */
export const labelWidth = (text: string, fontSize = 12): number => text.length * fontSize * 0.6 + 4;

/** Indices (into `candidates`) of the labels to show. */
export function placeLabels(candidates: readonly LabelCandidate[], fontSize = 12): Set<number> {
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[a]!.priority - candidates[b]!.priority);
  const boxes: [number, number, number, number][] = [];
  const shown = new Set<number>();
  for (const i of order) {
    const { x, y, text } = candidates[i]!;
    // Label sits to the right of its point, vertically centred.
    const box: [number, number, number, number] = [x + 6, y - fontSize / 2, x + 6 + labelWidth(text, fontSize), y + fontSize / 2];
    if (boxes.some((other) => box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3])) continue;
    boxes.push(box);
    shown.add(i);
  }
  return shown;
}

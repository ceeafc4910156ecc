/**
 * Arrow-key movement between points on a map (a roving tabindex: the map is one Tab stop and
 * the arrows walk it). An arrow moves to the nearest point in that direction, so the keyboard
 * follows the picture rather than the order of a list.
 */

/** The keys that move, and their direction on screen (SVG y grows downwards). */
const DIRECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowDown: [0, 1],
  ArrowUp: [0, -1],
};

/**
 * The point to focus after `key`, or undefined when the key does not move (or nothing lies
 * that way). `points` are screen positions; Home and End go to the first and last point, and
 * PageDown / PageUp step through the list order, which reaches points hidden under others.
 */
export function nextPoint(points: readonly (readonly [number, number])[], from: number, key: string): number | undefined {
  if (key === 'Home') return points.length ? 0 : undefined;
  if (key === 'End') return points.length ? points.length - 1 : undefined;
  if (key === 'PageDown' || key === 'PageUp') return points.length ? (from + (key === 'PageDown' ? 1 : points.length - 1)) % points.length : undefined;
  const direction = DIRECTIONS[key];
  const origin = points[from];
  if (!direction || !origin) return undefined;
  let best: number | undefined;
  let bestCost = Infinity;
  points.forEach(([x, y], i) => {
    const [dx, dy] = [x - origin[0], y - origin[1]];
    const along = dx * direction[0] + dy * direction[1];
    const across = Math.abs(dx * direction[1] - dy * direction[0]);
    // Within 45° of the arrow; sideways distance counts double so the move stays on course.
    if (i === from || along <= 0 || across > along) return;
    const cost = along + 2 * across;
    if (cost < bestCost) [best, bestCost] = [i, cost];
  });
  return best;
}

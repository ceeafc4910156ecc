/**
 * "Did you mean…" for unknown words: labels within a small edit distance, closest first and,
 * among equals, the more frequent (earlier) label first.
 */

/** Up to `limit` labels spelled closest to `word` (edit distance ≤ 1 for short words, ≤ 2 otherwise). */
export function closestSpellings(word: string, labels: readonly string[], limit = 5): string[] {
  const target = word.toLowerCase();
  const maxDistance = target.length <= 4 ? 1 : 2;
  const found: { label: string; distance: number; rank: number }[] = [];
  const seen = new Set<string>();
  for (let rank = 0; rank < labels.length; rank++) {
    const label = labels[rank]!;
    if (Math.abs(label.length - target.length) > maxDistance) continue;
    const distance = boundedEditDistance(target, label.toLowerCase(), maxDistance);
    if (distance <= maxDistance && distance > 0 && !seen.has(label)) {
      seen.add(label);
      found.push({ label, distance, rank });
    }
  }
  return found
    .sort((a, b) => a.distance - b.distance || a.rank - b.rank)
    .slice(0, limit)
    .map((entry) => entry.label);
}

/**
 * Levenshtein distance with adjacent transpositions, giving up (returning `max + 1`) as soon
 * as every cell of a row exceeds `max`, so scanning a large vocabulary stays fast.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  let previous = new Int32Array(b.length + 1).map((_, j) => j);
  let before = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let cell = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cell = Math.min(cell, before[j - 2]! + 1);
      current[j] = cell;
      rowBest = Math.min(rowBest, cell);
    }
    if (rowBest > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

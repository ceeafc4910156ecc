import type { EmbeddingTable } from '../../explorers/table/embedding-table.js';
import { closestSpellings } from '../../explorers/table/spelling.js';

/** A word the map was asked to show but the table lacks, with the closest spellings it has. */
export interface SkippedWord {
  readonly word: string;
  readonly suggestions: readonly string[];
}

/**
 * Splits a word list into the words the table has (kept, in order) and those it lacks (skipped,
 * with spelling suggestions), so one unknown word costs the reader that word, not the map.
 */
export function splitKnownWords(table: EmbeddingTable, words: readonly string[]): { known: string[]; skipped: SkippedWord[] } {
  const known: string[] = [];
  const skipped: SkippedWord[] = [];
  for (const word of words) {
    if (table.has(word)) known.push(word);
    else skipped.push({ word, suggestions: closestSpellings(word, table.labels, 2) });
  }
  return { known, skipped };
}

/** "ewee (did you mean ewe?), qux" */
export function describeSkipped(skipped: readonly SkippedWord[]): string {
  return skipped
    .map(({ word, suggestions }) => (suggestions.length ? `${word} (did you mean ${suggestions.join(' or ')}?)` : word))
    .join(', ');
}

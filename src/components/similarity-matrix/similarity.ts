import { UnknownWordError } from '../../explorers/errors.js';
import type { EmbeddingTable } from '../../explorers/table/embedding-table.js';
import { closestSpellings } from '../../explorers/table/spelling.js';

/** Pairwise cosine similarities of a word list, row-major `n × n`. */
export interface SimilarityMatrix {
  readonly words: readonly string[];
  readonly values: Float32Array;
}

/**
 * Looks up each word (unknown words are a typed error naming the first one, with suggestions)
 * and computes every pairwise cosine similarity.
 */
export function similarityMatrix(table: EmbeddingTable, words: readonly string[]): SimilarityMatrix {
  let position = 0;
  const rows = words.map((word) => {
    const row = table.indexOf(word);
    if (row < 0) throw new UnknownWordError(word, { start: position, end: position + word.length }, closestSpellings(word, table.labels));
    position += word.length + 2; // as written back in the list, "a, b, …"
    return row;
  });
  const values = new Float32Array(rows.length * rows.length);
  rows.forEach((a, i) => rows.forEach((b, j) => (values[i * rows.length + j] = table.similarity(a, b))));
  return { words: rows.map((row) => table.labels[row]!), values };
}

/**
 * Answering arithmetic queries the way the word-vector literature evaluates analogies:
 *
 * - 3CosAdd (Mikolov et al., 2013): the row most cosine-similar to Σ wᵢ·v̂ᵢ.
 * - 3CosMul (Levy & Goldberg, 2014): argmax Π cos′(x, pᵢ)^wᵢ / (Π cos′(x, nⱼ)^|wⱼ| + ε) over the
 *   positive terms p and negative terms n, with cos′ = (cos + 1) / 2 so every factor is positive.
 *   With weights ±1 this is exactly their formula; other weights act as exponents.
 *
 * In both, the words of the query are excluded from the answers, as in the standard benchmarks.
 */
import { InvalidOptionError } from '../errors.js';
import { evaluateExpression, type Combination } from './expression/evaluate.js';
import type { EmbeddingTable, NearestOptions } from './table/embedding-table.js';
import { dotRow } from './table/vector-math.js';
import { TopK } from './table/top-k.js';

/** The two scoring rules. */
export type AnalogyMethod = '3cosadd' | '3cosmul';

/** One ranked answer; `score` is cosine for 3CosAdd and the 3CosMul ratio otherwise. */
export interface Answer {
  readonly index: number;
  readonly label: string;
  readonly score: number;
  /** Cosine similarity between the answer and the expression's vector, whatever the method. */
  readonly similarity: number;
}

/** Result of {@link solveExpression}. */
export interface Solution extends Combination {
  readonly method: AnalogyMethod;
  readonly answers: readonly Answer[];
}

/** Options of {@link solveExpression}. */
export interface SolveOptions {
  /** Number of answers (default 10). */
  readonly k?: number;
  /** Default `'3cosadd'`. */
  readonly method?: AnalogyMethod;
  /** Leave the query's own words out of the answers (default true). */
  readonly excludeInputs?: boolean;
  /** 3CosAdd's search: see {@link NearestOptions.scan} (the answers are the same either way). */
  readonly scan?: NearestOptions['scan'];
}

const EPSILON = 1e-3;

/** Evaluates `expression` over `table` and ranks the answers. */
export function solveExpression(table: EmbeddingTable, expression: string, options: SolveOptions = {}): Solution {
  const { k = 10, method = '3cosadd', excludeInputs = true } = options;
  if (method !== '3cosadd' && method !== '3cosmul') throw new InvalidOptionError('method', `expected 3cosadd or 3cosmul, got "${method}"`);
  const combination = evaluateExpression(expression, table);
  const exclude = excludeInputs ? combination.terms.map((term) => term.index) : [];
  const answers =
    method === '3cosadd'
      ? table.nearest(combination.vector, { k, exclude, ...(options.scan ? { scan: options.scan } : {}) }).map((n) => ({ index: n.index, label: n.label, score: n.similarity, similarity: n.similarity }))
      : rankByCosMul(table, combination, k, new Set(exclude));
  return { ...combination, method, answers };
}

/** `a : b :: c : ?` — e.g. `analogy(table, 'man', 'king', 'woman')` solves `king − man + woman`. */
export function analogy(table: EmbeddingTable, a: string, b: string, c: string, options: SolveOptions = {}): Solution {
  const quote = (word: string) => `"${word.replaceAll('"', '')}"`;
  return solveExpression(table, `${quote(b)} - ${quote(a)} + ${quote(c)}`, options);
}

function rankByCosMul(table: EmbeddingTable, combination: Combination, k: number, excluded: Set<number>): Answer[] {
  const { terms } = combination;
  const termRows = terms.map((term) => table.unit(term.index));
  const best = new TopK(Math.min(k, table.size));
  for (let row = 0, offset = 0; row < table.size; row++, offset += table.dimensions) {
    if (excluded.has(row)) continue;
    let numerator = 1;
    let denominator = 1;
    for (let t = 0; t < terms.length; t++) {
      const shifted = (dotRow(termRows[t]!, table.units, offset) + 1) / 2;
      const weight = terms[t]!.weight;
      if (weight > 0) numerator *= shifted ** weight;
      else denominator *= shifted ** -weight;
    }
    best.push(row, numerator / (denominator + EPSILON));
  }
  const queryLength = Math.hypot(...combination.vector);
  return Array.from({ length: best.count }, (_, rank) => {
    const index = best.indices[rank]!;
    const similarity = queryLength === 0 ? 0 : dotRow(combination.vector, table.units, index * table.dimensions) / queryLength;
    return { index, label: table.labels[index]!, score: best.scores[rank]!, similarity };
  });
}

/**
 * Evaluates an expression over a table. Everything the language can say is linear, so a
 * value is either a number or a weighted sum of table rows; keeping the weights (rather than
 * only the summed vector) is what lets analogies exclude their input words, lets 3CosMul score
 * each term separately, and lets a linear projection draw each step as an arrow.
 */
import { ExpressionTypeError, UnknownWordError, type SourceSpan } from '../errors.js';
import { closestSpellings } from '../table/spelling.js';
import type { EmbeddingTable } from '../table/embedding-table.js';
import type { ExpressionNode } from './ast.js';
import { parseExpression } from './parse.js';

/** One row of the table with its weight in the combination, in first-mention order. */
export interface WeightedTerm {
  readonly index: number;
  readonly label: string;
  readonly weight: number;
}

/** The value of a vector expression. */
export interface Combination {
  /** Rows with non-zero weight. */
  readonly terms: readonly WeightedTerm[];
  /** Σ weight × unit row: the point the expression names (not normalised). */
  readonly vector: Float32Array;
}

type Value = { kind: 'scalar'; value: number; span: SourceSpan } | { kind: 'vector'; weights: Map<number, number>; span: SourceSpan };

/** Parses and evaluates `source`; the result must be a vector. */
export function evaluateExpression(source: string, table: EmbeddingTable): Combination {
  return evaluateTree(parseExpression(source), table);
}

/** Evaluates a parsed expression; throws {@link UnknownWordError} for the first unknown word. */
export function evaluateTree(tree: ExpressionNode, table: EmbeddingTable): Combination {
  const value = evaluate(tree, table);
  if (value.kind === 'scalar') throw new ExpressionTypeError('the expression is a number; it needs at least one word', value.span);
  const terms = [...value.weights]
    .filter(([, weight]) => weight !== 0)
    .map(([index, weight]) => ({ index, label: table.labels[index]!, weight }));
  if (terms.length === 0) throw new ExpressionTypeError('the words cancel out, leaving the zero vector', value.span);
  const vector = new Float32Array(table.dimensions);
  for (const { index, weight } of terms) {
    const row = table.unit(index);
    for (let i = 0; i < vector.length; i++) vector[i]! += weight * row[i]!;
  }
  return { terms, vector };
}

function evaluate(node: ExpressionNode, table: EmbeddingTable): Value {
  switch (node.kind) {
    case 'number':
      return { kind: 'scalar', value: node.value, span: node.span };
    case 'word': {
      const index = table.indexOf(node.text);
      if (index < 0) throw new UnknownWordError(node.text, node.span, closestSpellings(node.text, table.labels));
      return { kind: 'vector', weights: new Map([[index, 1]]), span: node.span };
    }
    case 'negate':
      return scale(evaluate(node.operand, table), -1, node.span);
    case 'call': {
      const args = node.args.map((arg) => evaluate(arg, table));
      return scale(args.reduce((sum, arg) => add(sum, arg, 1, node.span)), 1 / args.length, node.span);
    }
    case 'binary': {
      const left = evaluate(node.left, table);
      const right = evaluate(node.right, table);
      if (node.operator === '+' || node.operator === '-') return add(left, right, node.operator === '+' ? 1 : -1, node.span);
      if (node.operator === '*') {
        if (left.kind === 'vector' && right.kind === 'vector') {
          throw new ExpressionTypeError('two words cannot be multiplied; write a number times a word, e.g. 0.5*hot', node.span);
        }
        return left.kind === 'scalar' ? scale(right, left.value, node.span) : scale(left, (right as { value: number }).value, node.span);
      }
      if (right.kind === 'vector') throw new ExpressionTypeError('you can only divide by a number', right.span);
      if (right.value === 0) throw new ExpressionTypeError('division by zero', right.span);
      return scale(left, 1 / right.value, node.span);
    }
  }
}

function add(a: Value, b: Value, sign: 1 | -1, span: SourceSpan): Value {
  if (a.kind === 'scalar' && b.kind === 'scalar') return finite({ kind: 'scalar', value: a.value + sign * b.value, span });
  if (a.kind === 'scalar' || b.kind === 'scalar') {
    throw new ExpressionTypeError('a number cannot be added to a word; did you mean to multiply (e.g. 2*word)?', span);
  }
  const weights = new Map(a.weights);
  for (const [index, weight] of b.weights) weights.set(index, (weights.get(index) ?? 0) + sign * weight);
  return finite({ kind: 'vector', weights, span });
}

function scale(value: Value, factor: number, span: SourceSpan): Value {
  if (value.kind === 'scalar') return finite({ kind: 'scalar', value: value.value * factor, span });
  return finite({ kind: 'vector', weights: new Map([...value.weights].map(([index, weight]) => [index, weight * factor])), span });
}

/** Huge literals can overflow; say so instead of searching with an infinite vector. */
function finite(value: Value): Value {
  const numbers = value.kind === 'scalar' ? [value.value] : [...value.weights.values()];
  if (numbers.some((n) => !Number.isFinite(n))) throw new ExpressionTypeError('a number in this expression is too large', value.span);
  return value;
}

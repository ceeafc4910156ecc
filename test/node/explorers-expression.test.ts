import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, MAX_NESTING } from '../../src/explorers/expression/parse.js';
import { MAX_EXPRESSION_LENGTH, tokenize } from '../../src/explorers/expression/tokens.js';
import { evaluateExpression } from '../../src/explorers/expression/evaluate.js';
import { ExpressionSyntaxError, ExpressionTypeError, UnknownWordError } from '../../src/explorers/errors.js';
import { EmbeddingTable } from '../../src/explorers/table/embedding-table.js';
import { LatentExplorablesError } from '../../src/errors.js';

/** A 4-d table where each word is a basis direction (so combinations are easy to read off). */
function basisTable(): EmbeddingTable {
  const labels = ['king', 'man', 'woman', 'queen', 'new york', 'café', '東京', '2010'];
  const vectors = new Float32Array(labels.length * labels.length);
  labels.forEach((_, i) => (vectors[i * labels.length + i] = 2));
  return EmbeddingTable.fromVectors(labels, vectors, labels.length, { name: 'basis' });
}

const weightsOf = (source: string) =>
  Object.fromEntries(evaluateExpression(source, basisTable()).terms.map((term) => [term.label, Number(term.weight.toFixed(6))]));

function assertSyntaxError(source: string, start: number, message: RegExp): void {
  assert.throws(
    () => parseExpression(source),
    (error: unknown) => {
      assert.ok(error instanceof ExpressionSyntaxError, `expected ExpressionSyntaxError, got ${String(error)}`);
      assert.equal(error.span.start, start, `start of "${source}": ${error.message}`);
      assert.match(error.message, message);
      return true;
    },
  );
}

test('analogy syntax evaluates to signed weights on unit rows', () => {
  assert.deepEqual(weightsOf('king - man + woman'), { king: 1, man: -1, woman: 1 });
  const { vector } = evaluateExpression('king - man + woman', basisTable());
  assert.deepEqual(Array.from(vector.subarray(0, 4)), [1, -1, 1, 0]);
});

test('weights, parentheses, division, unary minus and mean()', () => {
  assert.deepEqual(weightsOf('0.5*king + 0.5 * queen'), { king: 0.5, queen: 0.5 });
  assert.deepEqual(weightsOf('king - (man - woman)'), { king: 1, man: -1, woman: 1 });
  assert.deepEqual(weightsOf('(king + queen) / 4'), { king: 0.25, queen: 0.25 });
  assert.deepEqual(weightsOf('-king + 2*queen*3'), { king: -1, queen: 6 });
  assert.deepEqual(weightsOf('mean(king, man, woman)'), { king: 0.333333, man: 0.333333, woman: 0.333333 });
  assert.deepEqual(weightsOf('MEAN(king, queen) - man'), { king: 0.5, queen: 0.5, man: -1 });
  assert.deepEqual(weightsOf('king + king'), { king: 2 });
});

test('quoted and unicode entries, typographic operators, case folding', () => {
  assert.deepEqual(weightsOf('"new york" + café - 東京'), { 'new york': 1, café: 1, 東京: -1 });
  assert.deepEqual(weightsOf('“new york” − King × 2'), { 'new york': 1, king: -2 });
  assert.deepEqual(weightsOf('"2010" + 2 * man'), { '2010': 1, man: 2 });
});

test('syntax errors carry the position of the problem', () => {
  assertSyntaxError('king - ', 7, /ends too early/);
  assertSyntaxError('king man', 5, /expected an operator/);
  assertSyntaxError('(king + man', 11, /expected "\)" to close the "\(" at character 1/);
  assertSyntaxError('king + man)', 10, /no matching "\("/);
  assertSyntaxError('king + * man', 7, /found "\*"/);
  assertSyntaxError('king $ man', 5, /unexpected character "\$"/);
  assertSyntaxError('king + "man', 7, /never closed/);
  assertSyntaxError('   ', 0, /empty/);
  assertSyntaxError('king + 🙂', 7, /unexpected character "🙂"/);
  assertSyntaxError('mean()', 5, /found "\)"/);
});

test('positions count characters as a reader does: an emoji is one', () => {
  // "🙂" is two UTF-16 units; the span stays in units (for slice and selection), the message in characters.
  assertSyntaxError('"🙂" + king $', 12, /unexpected character "\$" \(at character 12\)$/);
  const source = '"🙂🙂" + king $';
  const error = (() => {
    try {
      parseExpression(source);
    } catch (caught) {
      return caught as ExpressionSyntaxError;
    }
    throw new Error('no error');
  })();
  assert.deepEqual(error.span, { start: 14, end: 15, character: 13 });
  assert.equal(source.slice(error.span.start, error.span.end), '$');
  assertSyntaxError('("🙂" + king', 12, /close the "\(" at character 1 \(at character 12\)$/);
  // The length limit counts characters too: 2000 emoji are 4000 units and still allowed.
  assert.doesNotThrow(() => tokenize(`"${'🙂'.repeat(MAX_EXPRESSION_LENGTH - 2)}"`));
  assert.throws(
    () => tokenize('🙂'.repeat(MAX_EXPRESSION_LENGTH + 1)),
    (e: unknown) => e instanceof ExpressionSyntaxError && /\(2001 characters; at most 2000\) \(at character 2001\)$/.test(e.message),
  );
});

test('type errors: vector × vector, number alone, division by a word or zero, overflow', () => {
  const table = basisTable();
  const typeError = (source: string, message: RegExp) =>
    assert.throws(() => evaluateExpression(source, table), (error: unknown) => error instanceof ExpressionTypeError && message.test(error.message));
  typeError('king * man', /cannot be multiplied/);
  typeError('2 + 3', /needs at least one word/);
  typeError('king / man', /divide by a number/);
  typeError('king / 0', /division by zero/);
  typeError('king + 1', /cannot be added/);
  typeError('king - king', /cancel out/);
  typeError(`${'9'.repeat(300)} * ${'9'.repeat(300)} * king`, /too large/);
});

test('an unknown word is named, located and given spelling suggestions', () => {
  assert.throws(
    () => evaluateExpression('king - mna + woman', basisTable()),
    (error: unknown) => {
      assert.ok(error instanceof UnknownWordError);
      assert.equal(error.word, 'mna');
      assert.deepEqual(error.span, { start: 7, end: 10, character: 8 });
      assert.deepEqual(error.suggestions, ['man']);
      assert.equal(error.code, 'unknown-word');
      assert.match(error.message, /Did you mean "man"/);
      return true;
    },
  );
});

test('hostile input: too long, too deeply nested, endless signs — typed errors, no stack overflow', () => {
  const started = performance.now();
  assert.throws(() => tokenize('king + '.repeat(100_000)), (error: unknown) => error instanceof ExpressionSyntaxError && /too long/.test(error.message));
  assert.throws(() => parseExpression('x'.repeat(MAX_EXPRESSION_LENGTH + 1)), ExpressionSyntaxError);
  const deep = '('.repeat(600) + 'king' + ')'.repeat(600);
  assertSyntaxError(deep, MAX_NESTING, /nested too deeply/);
  assertSyntaxError('-'.repeat(1500) + 'king', MAX_NESTING, /nested too deeply/);
  assertSyntaxError('mean('.repeat(300) + 'king' + ')'.repeat(300), 4 + 5 * MAX_NESTING, /nested too deeply/);
  // Within limits, a long flat sum is fine.
  const flat = Array.from({ length: 150 }, () => 'king').join(' + ');
  assert.deepEqual(weightsOf(flat), { king: 150 });
  // Every failure above is a LatentExplorablesError, never a RangeError from the call stack.
  for (const source of ['(('.repeat(900), '\u0000\u0001', '\uD800 king', 'king\u202E + man']) {
    assert.throws(() => evaluateExpression(source, basisTable()), LatentExplorablesError);
  }
  assert.ok(performance.now() - started < 5_000, 'hostile inputs are rejected in bounded time');
});

test('random garbage never escapes the typed error family', () => {
  const alphabet = ['king', 'man', ' ', '+', '-', '*', '/', '(', ')', ',', '"', '1', '0', '.', 'mean', '😀', 'é', '\t'];
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let trial = 0; trial < 2000; trial++) {
    const source = Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join('');
    try {
      const { vector } = evaluateExpression(source, basisTable());
      assert.ok(vector.every(Number.isFinite), source);
    } catch (error) {
      assert.ok(error instanceof LatentExplorablesError, `"${source}" threw ${String(error)}`);
    }
  }
});

/**
 * Arithmetic on prompts, e.g. `"a sheep riding a motorcycle" - sheep + duck`. The explorers'
 * expression language does the parsing and the weighting; its terms here are prompts, and the
 * table it evaluates over holds each named prompt's whole text-encoder state, flattened
 * (S·D values). The result is a text state [1, S, D] that `generate` takes as
 * `encoderHiddenStates`, so the UNet is conditioned on the combination itself.
 *
 * This glue lives with the element because it needs both halves (the explorers must not
 * import the pipeline).
 */
import { characterAt, UnknownWordError, type SourceSpan } from '../../explorers/errors.js';
import type { ExpressionNode } from '../../explorers/expression/ast.js';
import { evaluateTree } from '../../explorers/expression/evaluate.js';
import { parseExpression } from '../../explorers/expression/parse.js';
import { EmbeddingTable } from '../../explorers/table/embedding-table.js';
import { closestSpellings } from '../../explorers/table/spelling.js';
import { tensor, type Tensor } from '../../pipeline/math/tensor.js';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';
import { embedPrompts } from '../../pipeline/run/prompt-embeddings.js';
import type { TokenizedPrompt } from '../../pipeline/tokenizers/types.js';

/** One prompt of an expression with its weight in the result. */
export interface PromptTerm {
  readonly prompt: string;
  readonly weight: number;
  /** How the tokenizer read it (word-map rewrites included). */
  readonly tokens: TokenizedPrompt;
  /** The prompt's pooled vector (see `embedPrompts`). */
  readonly pooled: Float32Array;
}

/** The value of a prompt expression. */
export interface PromptCombination {
  readonly expression: string;
  /** Prompts with non-zero weight, in first-mention order. */
  readonly terms: readonly PromptTerm[];
  /** Σ weight × the prompt's text state, [1, S, D]: what generation is conditioned on. */
  readonly states: Tensor;
  /** Σ weight × the prompt's pooled vector: where the result sits among pooled prompts. */
  readonly pooled: Float32Array;
}

/** A prompt named in an expression and where. */
interface NamedPrompt {
  readonly text: string;
  readonly span: SourceSpan;
}

/** The distinct prompts (quoted or bare words) an expression names, in first-mention order. */
export function promptsNamed(tree: ExpressionNode): NamedPrompt[] {
  const found = new Map<string, NamedPrompt>();
  const visit = (node: ExpressionNode): void => {
    if (node.kind === 'word') {
      if (!found.has(node.text)) found.set(node.text, { text: node.text, span: node.span });
    } else if (node.kind === 'negate') visit(node.operand);
    else if (node.kind === 'binary') [node.left, node.right].forEach(visit);
    else if (node.kind === 'call') node.args.forEach(visit);
  };
  visit(tree);
  return [...found.values()];
}

/**
 * Evaluates `expression` over the text states of the prompts it names. A prompt with a word
 * the tokenizer cannot read (neither in the vocabulary nor in its word map) is an
 * {@link UnknownWordError} at that word's position, with spelling suggestions from
 * `knownWords`; syntax and type errors are the parser's and evaluator's own, with positions.
 */
export async function combinePrompts(model: DiffusionModel, expression: string, knownWords: readonly string[] = []): Promise<PromptCombination> {
  const tree = parseExpression(expression);
  const named = promptsNamed(tree);
  const embeddings = await embedPrompts(model, named.map((prompt) => prompt.text));
  embeddings.encoded.forEach(({ tokens }, i) => {
    const [word] = tokens.unknownWords;
    if (word !== undefined) throw new UnknownWordError(word, wordSpan(expression, named[i]!.span, word), closestSpellings(word, knownWords));
  });
  // No prompt at all ("2 * 3"): an empty table lets the evaluator give its own typed error.
  if (named.length === 0) evaluateTree(tree, EmbeddingTable.fromVectors([], new Float32Array(0), 1, { name: 'no prompts' }));
  const [, length, width] = embeddings.encoded[0]!.states.shape as [number, number, number];
  const size = length * width;
  const flat = new Float32Array(named.length * size);
  embeddings.encoded.forEach(({ states }, row) => flat.set(states.data, row * size));
  const table = EmbeddingTable.fromVectors(
    named.map((prompt) => prompt.text),
    flat,
    size,
    { name: 'text-encoder states' },
  );
  // The evaluator sums unit rows; only its weights are used, applied to the states as they are.
  const { terms } = evaluateTree(tree, table);
  const states = new Float32Array(size);
  const pooled = new Float32Array(embeddings.dimensions);
  const dimensions = embeddings.dimensions;
  for (const { index, weight } of terms) {
    addScaled(states, embeddings.encoded[index]!.states.data, weight);
    addScaled(pooled, embeddings.pooled.subarray(index * dimensions, (index + 1) * dimensions), weight);
  }
  return {
    expression,
    terms: terms.map(({ index, weight }) => ({
      prompt: named[index]!.text,
      weight,
      tokens: embeddings.encoded[index]!.tokens,
      pooled: embeddings.pooled.slice(index * dimensions, (index + 1) * dimensions),
    })),
    states: tensor(states, [1, length, width]),
    pooled,
  };
}

function addScaled(into: Float32Array, values: Float32Array, weight: number): void {
  for (let i = 0; i < into.length; i++) into[i]! += weight * values[i]!;
}

/** Where `word` sits inside a term's span (the tokenizer lower-cases), or the whole term. */
function wordSpan(source: string, term: SourceSpan, word: string): SourceSpan {
  // Unknown words are runs of [a-z0-9] (the tokenizer's split), so they are safe in a pattern.
  const pattern = new RegExp(`(?<![a-z0-9])${word}(?![a-z0-9])`, 'g');
  pattern.lastIndex = term.start;
  const at = pattern.exec(source.toLowerCase())?.index ?? -1;
  return at >= 0 && at + word.length <= term.end ? { start: at, end: at + word.length, character: characterAt(source, at) } : term;
}

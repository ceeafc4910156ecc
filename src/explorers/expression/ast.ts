import type { SourceSpan } from '../errors.js';

/** Syntax tree of an arithmetic expression; every node keeps its source span for errors and highlighting. */
export type ExpressionNode =
  | { readonly kind: 'number'; readonly value: number; readonly span: SourceSpan }
  | { readonly kind: 'word'; readonly text: string; readonly span: SourceSpan }
  | { readonly kind: 'negate'; readonly operand: ExpressionNode; readonly span: SourceSpan }
  | {
      readonly kind: 'binary';
      readonly operator: '+' | '-' | '*' | '/';
      readonly left: ExpressionNode;
      readonly right: ExpressionNode;
      readonly span: SourceSpan;
    }
  | { readonly kind: 'call'; readonly name: ExpressionFunction; readonly args: readonly ExpressionNode[]; readonly span: SourceSpan };

/** Functions the language knows. `mean(a, b, …)` averages its arguments. */
export type ExpressionFunction = 'mean';

/** Names recognised as functions when followed by `(`. */
export const FUNCTIONS: readonly ExpressionFunction[] = ['mean'];

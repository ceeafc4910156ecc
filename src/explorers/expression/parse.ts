/**
 * Recursive-descent parser:
 *
 *   sum     := product (("+" | "-") product)*
 *   product := unary (("*" | "/") unary)*
 *   unary   := "-" unary | "+" unary | primary
 *   primary := number | word | "(" sum ")" | function "(" sum ("," sum)* ")"
 *
 * Nesting is capped so that hostile input ("((((…", "- - - - …") ends in a typed error long
 * before the call stack does.
 */
import { ExpressionSyntaxError, type SourceSpan } from '../errors.js';
import { FUNCTIONS, type ExpressionFunction, type ExpressionNode } from './ast.js';
import { tokenize, type Token } from './tokens.js';

/** Deepest nesting of parentheses, calls and signs accepted. */
export const MAX_NESTING = 32;

/** Parses an expression such as `king - man + woman` or `mean(hot, cold) * 2`. */
export function parseExpression(source: string): ExpressionNode {
  const parser = new Parser(tokenize(source));
  if (parser.peek().kind === 'end') throw new ExpressionSyntaxError('the expression is empty', { start: 0, end: source.length, character: 1 });
  const node = parser.sum(0);
  const rest = parser.peek();
  if (rest.kind !== 'end') {
    const hint = rest.kind === 'symbol' && rest.symbol === ')' ? 'this ")" has no matching "("' : 'expected an operator (+ - * /) here';
    throw new ExpressionSyntaxError(hint, rest.span);
  }
  return node;
}

class Parser {
  #at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[this.#at]!;
  }

  sum(depth: number): ExpressionNode {
    let node = this.product(depth);
    for (let token = this.peek(); isSymbol(token, '+') || isSymbol(token, '-'); token = this.peek()) {
      this.#at++;
      const right = this.product(depth);
      node = { kind: 'binary', operator: symbolOf(token) as '+' | '-', left: node, right, span: cover(node.span, right.span) };
    }
    return node;
  }

  product(depth: number): ExpressionNode {
    let node = this.unary(depth);
    for (let token = this.peek(); isSymbol(token, '*') || isSymbol(token, '/'); token = this.peek()) {
      this.#at++;
      const right = this.unary(depth);
      node = { kind: 'binary', operator: symbolOf(token) as '*' | '/', left: node, right, span: cover(node.span, right.span) };
    }
    return node;
  }

  unary(depth: number): ExpressionNode {
    const token = this.peek();
    if (isSymbol(token, '-') || isSymbol(token, '+')) {
      this.#nest(depth, token.span);
      this.#at++;
      const operand = this.unary(depth + 1);
      const span = cover(token.span, operand.span);
      return symbolOf(token) === '-' ? { kind: 'negate', operand, span } : operand;
    }
    return this.primary(depth);
  }

  primary(depth: number): ExpressionNode {
    const token = this.peek();
    if (token.kind === 'number') {
      this.#at++;
      return { kind: 'number', value: token.value, span: token.span };
    }
    if (token.kind === 'word') {
      this.#at++;
      const next = this.peek();
      const name = token.text.toLowerCase() as ExpressionFunction;
      if (!token.quoted && isSymbol(next, '(') && FUNCTIONS.includes(name)) return this.#call(name, token.span, depth);
      return { kind: 'word', text: token.text, span: token.span };
    }
    if (isSymbol(token, '(')) {
      this.#nest(depth, token.span);
      this.#at++;
      const inner = this.sum(depth + 1);
      const close = this.#close(token.span);
      return { ...inner, span: cover(token.span, close) } as ExpressionNode;
    }
    if (token.kind === 'end') throw new ExpressionSyntaxError('the expression ends too early: expected a word or a number', token.span);
    throw new ExpressionSyntaxError(`expected a word or a number, found "${symbolOf(token)}"`, token.span);
  }

  #call(name: ExpressionFunction, nameSpan: SourceSpan, depth: number): ExpressionNode {
    const open = this.peek().span;
    this.#nest(depth, open);
    this.#at++;
    const args = [this.sum(depth + 1)];
    while (isSymbol(this.peek(), ',')) {
      this.#at++;
      args.push(this.sum(depth + 1));
    }
    const close = this.#close(open);
    return { kind: 'call', name, args, span: cover(nameSpan, close) };
  }

  #close(open: SourceSpan): SourceSpan {
    const token = this.peek();
    if (!isSymbol(token, ')')) {
      throw new ExpressionSyntaxError(`expected ")" to close the "(" at character ${open.character ?? open.start + 1}`, token.span);
    }
    this.#at++;
    return token.span;
  }

  #nest(depth: number, span: SourceSpan): void {
    if (depth >= MAX_NESTING) throw new ExpressionSyntaxError(`nested too deeply (more than ${MAX_NESTING} levels)`, span);
  }
}

function isSymbol(token: Token, symbol: string): boolean {
  return token.kind === 'symbol' && token.symbol === symbol;
}

function symbolOf(token: Token): string {
  return token.kind === 'symbol' ? token.symbol : '';
}

/** The span from the start of `a` to the end of `b` (`a` comes first in the text). */
function cover(a: SourceSpan, b: SourceSpan): SourceSpan {
  const first = a.start <= b.start ? a : b;
  return { start: first.start, end: Math.max(a.end, b.end), ...(first.character === undefined ? {} : { character: first.character }) };
}

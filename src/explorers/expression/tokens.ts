/**
 * Tokenizer of the arithmetic language. Words are runs of letters, marks, digits, `_`, `'`,
 * `.` and `&` in any script (so `café`, `u.s.`, `東京` work); a run of digits with an optional
 * fraction is a number; anything else, including `-` inside a word, needs "double quotes".
 */
import { characterAt, ExpressionSyntaxError, type SourceSpan } from '../errors.js';

/** Longest expression accepted, in characters, so hostile input is rejected in bounded time. */
export const MAX_EXPRESSION_LENGTH = 2000;

/** A lexical token with its position in the source. */
export type Token =
  | { readonly kind: 'number'; readonly value: number; readonly span: SourceSpan }
  | { readonly kind: 'word'; readonly text: string; readonly quoted: boolean; readonly span: SourceSpan }
  | { readonly kind: 'symbol'; readonly symbol: '+' | '-' | '*' | '/' | '(' | ')' | ','; readonly span: SourceSpan }
  | { readonly kind: 'end'; readonly span: SourceSpan };

const WORD_CHAR = /[\p{L}\p{M}\p{N}_'.&]/u;
const NUMBER = /^\d+(?:\.\d+)?$/;
const SYMBOLS = new Set(['+', '-', '*', '/', '(', ')', ',']);
/** Straight and typographic opening quotes, mapped to the quote that closes them. */
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '„': '“' };
/** Typographic operators people paste from documents. */
const SYMBOL_ALIASES: Record<string, string> = { '−': '-', '–': '-', '×': '*', '·': '*', '÷': '/' };

/** Splits `source` into tokens, ending with an `end` token; spans carry their character position. */
export function tokenize(source: string): Token[] {
  // Cheap bound first (UTF-16 units ≥ characters), then the exact count.
  const characters = source.length > MAX_EXPRESSION_LENGTH ? characterAt(source, source.length) - 1 : source.length;
  if (characters > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(`the expression is too long (${characters} characters; at most ${MAX_EXPRESSION_LENGTH})`, {
      start: indexOfCharacter(source, MAX_EXPRESSION_LENGTH),
      end: source.length,
      character: MAX_EXPRESSION_LENGTH + 1,
    });
  }
  const located = (span: { start: number; end: number }): SourceSpan => ({ ...span, character: characterAt(source, span.start) });
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = String.fromCodePoint(source.codePointAt(at)!);
    if (/\s/u.test(char)) {
      at += char.length;
    } else if (SYMBOLS.has(char) || char in SYMBOL_ALIASES) {
      tokens.push({ kind: 'symbol', symbol: (SYMBOL_ALIASES[char] ?? char) as '+', span: located({ start: at, end: at + 1 }) });
      at += 1;
    } else if (char in QUOTES) {
      at = readQuoted(source, at, QUOTES[char]!, tokens, located);
    } else if (WORD_CHAR.test(char)) {
      at = readWord(source, at, tokens, located);
    } else {
      throw new ExpressionSyntaxError(`unexpected character "${char}"`, located({ start: at, end: at + char.length }));
    }
  }
  tokens.push({ kind: 'end', span: located({ start: source.length, end: source.length }) });
  return tokens;
}

/** The UTF-16 offset of the character with 0-based index `count`. */
function indexOfCharacter(source: string, count: number): number {
  let at = 0;
  for (let seen = 0; seen < count && at < source.length; seen++) at += source.codePointAt(at)! > 0xffff ? 2 : 1;
  return at;
}

type Locate = (span: { start: number; end: number }) => SourceSpan;

function readWord(source: string, start: number, tokens: Token[], located: Locate): number {
  let at = start;
  while (at < source.length) {
    const char = String.fromCodePoint(source.codePointAt(at)!);
    if (!WORD_CHAR.test(char)) break;
    at += char.length;
  }
  const text = source.slice(start, at);
  const span = located({ start, end: at });
  tokens.push(NUMBER.test(text) ? { kind: 'number', value: Number(text), span } : { kind: 'word', text, quoted: false, span });
  return at;
}

function readQuoted(source: string, start: number, closing: string, tokens: Token[], located: Locate): number {
  const end = source.indexOf(closing, start + 1);
  const alternative = closing === '”' ? source.indexOf('"', start + 1) : -1;
  const close = end >= 0 ? end : alternative;
  if (close < 0) throw new ExpressionSyntaxError('this quote is never closed', located({ start, end: source.length }));
  const text = source.slice(start + 1, close).trim();
  if (text === '') throw new ExpressionSyntaxError('empty quotes', located({ start, end: close + 1 }));
  tokens.push({ kind: 'word', text, quoted: true, span: located({ start, end: close + 1 }) });
  return close + 1;
}

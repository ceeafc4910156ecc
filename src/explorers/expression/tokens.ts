/**
 * Tokenizer of the arithmetic language. Words are runs of letters, marks, digits, `_`, `'`,
 * `.` and `&` in any script (so `café`, `u.s.`, `東京` work); a run of digits with an optional
 * fraction is a number; anything else, including `-` inside a word, needs "double quotes".
 */
import { ExpressionSyntaxError, type SourceSpan } from '../errors.js';

/** Longest expression accepted, so hostile input is rejected in bounded time. */
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

/** Splits `source` into tokens, ending with an `end` token. */
export function tokenize(source: string): Token[] {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(`the expression is too long (${source.length} characters; at most ${MAX_EXPRESSION_LENGTH})`, {
      start: MAX_EXPRESSION_LENGTH,
      end: source.length,
    });
  }
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = String.fromCodePoint(source.codePointAt(at)!);
    if (/\s/u.test(char)) {
      at += char.length;
    } else if (SYMBOLS.has(char) || char in SYMBOL_ALIASES) {
      tokens.push({ kind: 'symbol', symbol: (SYMBOL_ALIASES[char] ?? char) as '+', span: { start: at, end: at + 1 } });
      at += 1;
    } else if (char in QUOTES) {
      at = readQuoted(source, at, QUOTES[char]!, tokens);
    } else if (WORD_CHAR.test(char)) {
      at = readWord(source, at, tokens);
    } else {
      throw new ExpressionSyntaxError(`unexpected character "${char}"`, { start: at, end: at + char.length });
    }
  }
  tokens.push({ kind: 'end', span: { start: source.length, end: source.length } });
  return tokens;
}

function readWord(source: string, start: number, tokens: Token[]): number {
  let at = start;
  while (at < source.length) {
    const char = String.fromCodePoint(source.codePointAt(at)!);
    if (!WORD_CHAR.test(char)) break;
    at += char.length;
  }
  const text = source.slice(start, at);
  const span = { start, end: at };
  tokens.push(NUMBER.test(text) ? { kind: 'number', value: Number(text), span } : { kind: 'word', text, quoted: false, span });
  return at;
}

function readQuoted(source: string, start: number, closing: string, tokens: Token[]): number {
  const end = source.indexOf(closing, start + 1);
  const alternative = closing === '”' ? source.indexOf('"', start + 1) : -1;
  const close = end >= 0 ? end : alternative;
  if (close < 0) throw new ExpressionSyntaxError('this quote is never closed', { start, end: source.length });
  const text = source.slice(start + 1, close).trim();
  if (text === '') throw new ExpressionSyntaxError('empty quotes', { start, end: close + 1 });
  tokens.push({ kind: 'word', text, quoted: true, span: { start, end: close + 1 } });
  return close + 1;
}

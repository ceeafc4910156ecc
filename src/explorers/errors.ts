import { LatentExplorablesError, registerErrorClass } from '../errors.js';

/**
 * Half-open range `[start, end)` in the expression text, in UTF-16 code units (what
 * `String.slice` and `setSelectionRange` take), plus where it starts as a reader counts.
 */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
  /**
   * 1-based position of `start` in characters (code points: an emoji is one), as messages give
   * it; absent, messages use `start + 1`.
   */
  readonly character?: number;
}

/** The 1-based character (code point) position of UTF-16 offset `index` in `source`. */
export function characterAt(source: string, index: number): number {
  let count = 1;
  for (let at = 0; at < index && at < source.length; count++) at += source.codePointAt(at)! > 0xffff ? 2 : 1;
  return count;
}

/** Where a span starts, for messages. */
const position = (span: SourceSpan): number => span.character ?? span.start + 1;

/** The expression text is malformed: the span says where, the message says what was expected. */
export class ExpressionSyntaxError extends LatentExplorablesError {
  readonly span: SourceSpan;

  constructor(message: string, span: SourceSpan) {
    super('expression-syntax', `${message} (at character ${position(span)})`, { field: 'expression' });
    this.span = span;
  }
}

/** The expression is well formed but cannot be evaluated (vector × vector, division by zero…). */
export class ExpressionTypeError extends LatentExplorablesError {
  readonly span: SourceSpan;

  constructor(message: string, span: SourceSpan) {
    super('expression-type', `${message} (at character ${position(span)})`, { field: 'expression' });
    this.span = span;
  }
}

/** A word is not in the embedding table; `suggestions` are the closest spellings that are. */
export class UnknownWordError extends LatentExplorablesError {
  readonly word: string;
  readonly span: SourceSpan;
  readonly suggestions: readonly string[];

  constructor(word: string, span: SourceSpan, suggestions: readonly string[]) {
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
    super('unknown-word', `"${word}" is not in the vocabulary (at character ${position(span)}).${hint}`, {
      field: 'expression',
    });
    this.word = word;
    this.span = span;
    this.suggestions = suggestions;
  }
}

/** An embedding file (our asset, a TSV, the npm package) is truncated or malformed; `field` names the file. */
export class EmbeddingFormatError extends LatentExplorablesError {
  constructor(file: string, message: string, options: { cause?: unknown } = {}) {
    super('embedding-format', `${file}: ${message}`, { field: file, ...options });
  }
}

/** Downloading an embedding asset failed (network, HTTP status). */
export class EmbeddingLoadError extends LatentExplorablesError {
  constructor(url: string, message: string, options: { cause?: unknown } = {}) {
    super('embedding-load', `${url}: ${message}`, { field: url, ...options });
  }
}

registerErrorClass(ExpressionSyntaxError, 'expression-syntax');
registerErrorClass(ExpressionTypeError, 'expression-type');
registerErrorClass(UnknownWordError, 'unknown-word');
registerErrorClass(EmbeddingFormatError, 'embedding-format');
registerErrorClass(EmbeddingLoadError, 'embedding-load');

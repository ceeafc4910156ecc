import { LatentExplorablesError } from '../errors.js';

/** Half-open character range `[start, end)` in the expression text (UTF-16 code units). */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

/** The expression text is malformed: the span says where, the message says what was expected. */
export class ExpressionSyntaxError extends LatentExplorablesError {
  readonly span: SourceSpan;

  constructor(message: string, span: SourceSpan) {
    super('expression-syntax', `${message} (at character ${span.start + 1})`, { field: 'expression' });
    this.span = span;
  }
}

/** The expression is well formed but cannot be evaluated (vector × vector, division by zero…). */
export class ExpressionTypeError extends LatentExplorablesError {
  readonly span: SourceSpan;

  constructor(message: string, span: SourceSpan) {
    super('expression-type', `${message} (at character ${span.start + 1})`, { field: 'expression' });
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
    super('unknown-word', `"${word}" is not in the vocabulary (at character ${span.start + 1}).${hint}`, {
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

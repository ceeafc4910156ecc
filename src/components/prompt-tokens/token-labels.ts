import type { PromptTokenizer, TokenizedPrompt } from '../../pipeline/tokenizers/types.js';

/** What one token position shows: its id, a readable label, and how the word got there. */
export interface TokenLabel {
  readonly id: number;
  /** The word, the byte-pair piece (without `</w>`), or the marker's name. */
  readonly label: string;
  /** e.g. `"lamb" → sheep (cosine 0.81)` or `"zorb" is not in the vocabulary`; empty when nothing happened. */
  readonly note: string;
  readonly kind: 'marker' | 'word' | 'mapped' | 'unknown';
  /** False for a piece that the next token continues (CLIP splits some words into several pieces). */
  readonly endsWord: boolean;
  /** Hover text: the vocabulary entry and the prompt characters it came from. */
  readonly detail: string;
}

/** The padding after the kept tokens, shown as one line rather than dozens of identical chips. */
export interface PaddingSummary {
  readonly token: string;
  readonly id: number;
  readonly count: number;
  /** The sequence length the text encoder is fed (tokens + padding). */
  readonly length: number;
}

const quoted = (text: string): string => JSON.stringify(text);

/** Where a token came from in the prompt, for its hover text. */
function origin(tokenized: TokenizedPrompt, span: readonly [number, number] | null): string {
  return span ? ` from ${quoted(tokenized.text.slice(span[0], span[1]))}` : '';
}

/** Labels the kept tokens of a tokenized prompt from the tokenizer's readable tokens. */
export function tokenLabels(tokenized: TokenizedPrompt): TokenLabel[] {
  const similarity = new Map(tokenized.mappedWords.map((m) => [m.word, m.similarity]));
  return tokenized.tokens.map((token): TokenLabel => {
    const base = { id: token.id, label: token.text, endsWord: token.endsWord, detail: `${token.vocabEntry}${origin(tokenized, token.span)}` };
    const word = token.sourceWord ?? '';
    switch (token.kind) {
      case 'start':
      case 'end':
        return { ...base, note: '', kind: 'marker' };
      case 'mapped':
        return { ...base, note: `${quoted(word)} → ${token.text} (cosine ${(similarity.get(word) ?? 0).toFixed(2)})`, kind: 'mapped' };
      case 'unknown':
        return { ...base, note: `${quoted(word)} is not in the vocabulary`, kind: 'unknown' };
      default:
        return { ...base, note: '', kind: 'word' };
    }
  });
}

/** How the ids were padded up to the encoder's length. */
export function paddingSummary(tokenizer: PromptTokenizer, tokenized: TokenizedPrompt): PaddingSummary {
  return { token: tokenizer.padToken, id: tokenizer.padId, count: tokenized.ids.length - tokenized.tokenCount, length: tokenized.ids.length };
}

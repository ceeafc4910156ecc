/**
 * Which text positions belong to which word of the prompt, so a reader can point at a word and
 * see its attention. A word may span several tokens (CLIP's byte pairs: "motor" + "cycle"); its
 * map is the sum of its tokens' maps. The start and end markers are entries of their own, and all
 * the padding positions are one entry (they are copies of one token, and together they take a
 * large share of the attention).
 */
import { InvalidOptionError } from '../../errors.js';
import type { TokenizedPrompt } from '../tokenizers/types.js';

/** What an entry of the prompt is, for attention: a word, a marker, or the padding. */
export type AttentionWordKind = 'word' | 'start' | 'end' | 'padding';

/** One thing of the prompt a reader can point at, and the text positions it covers. */
export interface AttentionWord {
  /** The word as written in the prompt; a marker's token text; "padding" for the padding. */
  readonly label: string;
  readonly kind: AttentionWordKind;
  /** Text positions (0-based, into the encoder's S) whose attention this entry sums. */
  readonly positions: readonly number[];
  /** UTF-16 range of the prompt this word came from; null for markers and padding. */
  readonly span: readonly [number, number] | null;
}

/**
 * The prompt's words, in order: start marker, each word (its tokens grouped until one ends the
 * word), end marker, then one padding entry when `textLength` leaves room after the tokens.
 */
export function attentionWords(tokens: TokenizedPrompt, textLength: number): AttentionWord[] {
  if (!Number.isInteger(textLength) || textLength < tokens.tokenCount) {
    throw new InvalidOptionError('textLength', `must be an integer of at least ${tokens.tokenCount}, got ${textLength}`);
  }
  const words: AttentionWord[] = [];
  let pending: number[] = [];
  let start = -1;
  let end = -1;
  const flush = () => {
    if (pending.length === 0) return;
    const span = start >= 0 ? ([start, end] as const) : null;
    const first = tokens.tokens[pending[0]!]!;
    const label = span ? tokens.text.slice(span[0], span[1]) : pending.map((p) => tokens.tokens[p]!.text).join('');
    words.push({ label: label || first.text, kind: 'word', positions: pending, span });
    pending = [];
    start = -1;
    end = -1;
  };
  tokens.tokens.forEach((token, position) => {
    if (token.kind === 'start' || token.kind === 'end') {
      flush();
      words.push({ label: token.text, kind: token.kind, positions: [position], span: null });
      return;
    }
    pending.push(position);
    if (token.span) {
      if (start < 0) start = token.span[0];
      end = token.span[1];
    }
    if (token.endsWord) flush();
  });
  flush();
  if (textLength > tokens.tokenCount) {
    const positions = Array.from({ length: textLength - tokens.tokenCount }, (_, i) => tokens.tokenCount + i);
    words.push({ label: 'padding', kind: 'padding', positions, span: null });
  }
  return words;
}

/**
 * Each entry's share of all the attention (the sum of its positions' `attentionShares`), and the
 * part taken by the start, end and padding entries together.
 */
export function wordShares(words: readonly AttentionWord[], shares: Float32Array): { perWord: Float32Array; special: number } {
  const perWord = Float32Array.from(words, (word) => word.positions.reduce((sum, p) => sum + (shares[p] ?? 0), 0));
  const special = words.reduce((sum, word, i) => (word.kind === 'word' ? sum : sum + perWord[i]!), 0);
  return { perWord, special };
}

import { splitWords } from '../../pipeline/tokenizers/word-level-tokenizer.js';
import type { PromptTokenizer, TokenizedPrompt } from '../../pipeline/tokenizers/types.js';

/** What one token position shows: its id, a readable label, and how the word got there. */
export interface TokenLabel {
  readonly id: number;
  readonly label: string;
  /** e.g. `"lamb" → sheep (cosine 0.81)` or `"zorb" is unknown`; empty when nothing happened. */
  readonly note: string;
  readonly kind: 'marker' | 'word' | 'mapped' | 'unknown';
}

/**
 * Labels the kept tokens of a tokenized prompt. For word-level vocabularies the words are
 * known from the prompt and the tokenizer's rewrite list; CLIP's byte-pair pieces are not
 * exposed by the tokenizer, so its tokens are labelled by id with the start and end markers named.
 */
export function tokenLabels(tokenizer: PromptTokenizer, tokenized: TokenizedPrompt): TokenLabel[] {
  const ids = Array.from(tokenized.ids.subarray(0, tokenized.tokenCount));
  const last = ids.length - 1;
  if (tokenizer.kind !== 'word-level') {
    return ids.map((id, i) => ({
      id,
      label: i === 0 ? '<start>' : i === last ? '<end>' : `#${id}`,
      note: '',
      kind: i === 0 || i === last ? 'marker' : 'word',
    }));
  }
  const mapped = new Map(tokenized.mappedWords.map((m) => [m.word, m]));
  const unknown = new Set(tokenized.unknownWords);
  const words = splitWords(tokenized.text);
  return ids.map((id, i): TokenLabel => {
    if (i === 0) return { id, label: '[BOS]', note: '', kind: 'marker' };
    if (i === last) return { id, label: '[EOS]', note: '', kind: 'marker' };
    const word = words[i - 1] ?? '';
    const mapping = mapped.get(word);
    if (mapping) {
      return { id, label: mapping.replacement, note: `"${word}" → ${mapping.replacement} (cosine ${mapping.similarity.toFixed(2)})`, kind: 'mapped' };
    }
    if (unknown.has(word)) return { id, label: '[UNK]', note: `"${word}" is not in the vocabulary`, kind: 'unknown' };
    return { id, label: word, note: '', kind: 'word' };
  });
}

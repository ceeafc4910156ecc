/** An out-of-vocabulary word the word-level tokenizer replaced with a known one. */
export interface WordMapping {
  /** The word as the user wrote it (lower-cased). */
  readonly word: string;
  /** The in-vocabulary word used instead. */
  readonly replacement: string;
  /** How close the two are (cosine similarity from the word map). */
  readonly similarity: number;
}

/**
 * What one kept token is: a start or end marker, text from the prompt, or (word-level
 * vocabularies) a word rewritten to a known one, or the unknown-word token.
 */
export type PromptTokenKind = 'start' | 'end' | 'text' | 'mapped' | 'unknown';

/** One token of a tokenized prompt, readable. */
export interface PromptToken {
  readonly id: number;
  /**
   * Readable text: the word, or the byte-pair piece without CLIP's `</w>` end-of-word marker
   * (see `endsWord`); a marker's own name (`<|startoftext|>`, `[BOS]`). A piece holding only
   * part of a multi-byte character is shown as its bytes (`⟨f0 9f 90⟩`), one holding only
   * invisible characters (a variation selector, a combining mark) as code points (`U+FE0F`).
   */
  readonly text: string;
  /** The vocabulary entry exactly as stored, e.g. `cycle</w>`, `ðŁĲĳ</w>` or `[UNK]`. */
  readonly vocabEntry: string;
  readonly kind: PromptTokenKind;
  /** True when a word ends with this token (CLIP's `</w>`; every word-level token; markers). */
  readonly endsWord: boolean;
  /**
   * UTF-16 range [start, end) of `TokenizedPrompt.text` the token came from. null for the
   * start and end markers, and for every token when the tokenizer's normalisation could not be
   * traced back to the prompt (see `traceNormalization`); a piece holding part of a character
   * covers the whole character.
   */
  readonly span: readonly [number, number] | null;
  /** For `mapped` and `unknown` tokens: the word as the user wrote it (lower-cased). */
  readonly sourceWord?: string;
}

/** A prompt turned into the text encoder's input, with what happened on the way. */
export interface TokenizedPrompt {
  /** The prompt as given. */
  readonly text: string;
  /** Token ids, start and end markers included, padded to the tokenizer's `maxLength`. */
  readonly ids: Int32Array;
  /** Tokens before padding (markers included, after truncation). */
  readonly tokenCount: number;
  /** True when the prompt was longer than `maxLength` and its tail was cut off. */
  readonly truncated: boolean;
  /** How many tokens truncation removed. */
  readonly droppedTokens: number;
  /** The kept tokens, one per id before padding (`tokens.length === tokenCount`). */
  readonly tokens: readonly PromptToken[];
  /** Words rewritten through the model's word map (word-level tokenizers only). */
  readonly mappedWords: readonly WordMapping[];
  /** Words neither in the vocabulary nor in the word map (encoded as the unknown token). */
  readonly unknownWords: readonly string[];
}

/** Turns prompts into fixed-length id sequences for one model's text encoder. */
export interface PromptTokenizer {
  /** `"clip-bpe"` or `"word-level"`. */
  readonly kind: 'clip-bpe' | 'word-level';
  /** The text encoder's sequence length (77 for CLIP). */
  readonly maxLength: number;
  /** The id used to pad. */
  readonly padId: number;
  /** The padding token's vocabulary entry (`<|endoftext|>`, `!`, `[PAD]`). */
  readonly padToken: string;
  encode(text: string): TokenizedPrompt;
}

/** The words of a prompt the model does not know as written: replaced through its word map, or unknown. */
export interface PromptWords {
  readonly mapped: readonly WordMapping[];
  readonly unknown: readonly string[];
}

/** What a tokenized prompt replaced or could not read; null when every word was known as written. */
export function promptWordsOf(tokenized: TokenizedPrompt | null | undefined): PromptWords | null {
  if (!tokenized || (tokenized.mappedWords.length === 0 && tokenized.unknownWords.length === 0)) return null;
  return { mapped: tokenized.mappedWords, unknown: tokenized.unknownWords };
}

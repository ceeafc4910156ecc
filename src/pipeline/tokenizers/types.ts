/** An out-of-vocabulary word the word-level tokenizer replaced with a known one. */
export interface WordMapping {
  /** The word as the user wrote it (lower-cased). */
  readonly word: string;
  /** The in-vocabulary word used instead. */
  readonly replacement: string;
  /** How close the two are (cosine similarity from the word map). */
  readonly similarity: number;
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
  encode(text: string): TokenizedPrompt;
}

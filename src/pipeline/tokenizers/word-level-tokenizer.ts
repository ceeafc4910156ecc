import { originalSpan, traceNormalization } from './text-offsets.js';
import type { PromptToken, PromptTokenizer, TokenizedPrompt, WordMapping } from './types.js';

/** `tokenizer/word_map.json`: out-of-vocabulary words and the known word each stands for. */
export interface WordMap {
  readonly version: 1;
  readonly source?: string;
  readonly map: Readonly<Record<string, readonly [string, number]>>;
}

/** The parts of a Hugging Face WordLevel `tokenizer.json` this tokenizer reads. */
interface WordLevelJson {
  model?: { type?: string; vocab?: Record<string, number>; unk_token?: string };
  padding?: { pad_id?: number } | null;
}

/** Checks a parsed `word_map.json` and returns it typed; throws naming the bad entry. */
export function parseWordMap(value: unknown): WordMap {
  const map = (value as { map?: unknown } | null)?.map;
  if ((value as { version?: unknown } | null)?.version !== 1 || !map || typeof map !== 'object') {
    throw new Error('word_map.json: expected {"version": 1, "map": {...}}');
  }
  for (const [word, entry] of Object.entries(map)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') {
      throw new Error(`word_map.json: entry ${JSON.stringify(word)} is not [word, similarity]`);
    }
  }
  return value as WordMap;
}

/**
 * Lower-cases and splits on anything but ASCII letters and digits — the pocket tokenizer.json's
 * normalizer (Lowercase, then Replace `[^a-z0-9]+` → " ") followed by its WhitespaceSplit.
 */
export function splitWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** The words `splitWords` finds, each with the range of `text` it was written in (null if untraceable). */
export function splitWordsWithSpans(text: string): { word: string; span: readonly [number, number] | null }[] {
  const traced = traceNormalization(text, { normalizeRun: (run) => run.toLowerCase(), collapseWhitespace: false });
  const lower = text.toLowerCase();
  const traceable = traced.text === lower;
  return [...lower.matchAll(/[a-z0-9]+/g)].map((match) => ({
    word: match[0],
    span: traceable ? originalSpan(traced, match.index, match.index + match[0].length) : null,
  }));
}

/**
 * The pocket model's tokenizer: one id per word, `[BOS] … [EOS]`, padded to `maxLength`.
 * Words outside the vocabulary are first rewritten through the word map (so "lamb" becomes
 * "sheep"), and the result lists every rewrite so a widget can show it; words in neither
 * become `[UNK]` and are listed too.
 */
export function createWordLevelTokenizer(tokenizerJson: unknown, wordMap: WordMap | null, maxLength: number): PromptTokenizer {
  const json = tokenizerJson as WordLevelJson;
  const vocab = json.model?.vocab;
  if (json.model?.type !== 'WordLevel' || !vocab) throw new Error('tokenizer.json: expected a WordLevel model with a vocab');
  const id = (token: string): number | undefined => (Object.hasOwn(vocab, token) ? vocab[token] : undefined);
  const unkId = id(json.model.unk_token ?? '[UNK]');
  const bosId = id('[BOS]');
  const eosId = id('[EOS]');
  const padId = json.padding?.pad_id ?? id('[PAD]') ?? 0;
  if (unkId === undefined || bosId === undefined || eosId === undefined) {
    throw new Error('tokenizer.json: the vocab needs [UNK], [BOS] and [EOS]');
  }
  const unkToken = json.model.unk_token ?? '[UNK]';
  const padToken = Object.keys(vocab).find((token) => vocab[token] === padId) ?? '[PAD]';
  const marker = (kind: 'start' | 'end'): PromptToken => {
    const entry = kind === 'start' ? '[BOS]' : '[EOS]';
    return { id: kind === 'start' ? bosId : eosId, text: entry, vocabEntry: entry, kind, endsWord: true, span: null };
  };
  return {
    kind: 'word-level',
    maxLength,
    padId,
    padToken,
    encode(text: string): TokenizedPrompt {
      const mappedWords: WordMapping[] = [];
      const unknownWords: string[] = [];
      const wordTokens = splitWordsWithSpans(text).map(({ word, span }): PromptToken => {
        const known = id(word);
        if (known !== undefined) return { id: known, text: word, vocabEntry: word, kind: 'text', endsWord: true, span };
        const entry = wordMap?.map[word];
        const mapped = entry ? id(entry[0]) : undefined;
        if (entry && mapped !== undefined) {
          mappedWords.push({ word, replacement: entry[0], similarity: entry[1] });
          return { id: mapped, text: entry[0], vocabEntry: entry[0], kind: 'mapped', endsWord: true, span, sourceWord: word };
        }
        unknownWords.push(word);
        return { id: unkId, text: unkToken, vocabEntry: unkToken, kind: 'unknown', endsWord: true, span, sourceWord: word };
      });
      const room = maxLength - 2;
      const tokens = [marker('start'), ...wordTokens.slice(0, room), marker('end')];
      const ids = new Int32Array(maxLength).fill(padId);
      ids.set(tokens.map((token) => token.id));
      return {
        text,
        ids,
        tokenCount: tokens.length,
        tokens,
        truncated: wordTokens.length > room,
        droppedTokens: Math.max(0, wordTokens.length - room),
        mappedWords,
        unknownWords,
      };
    },
  };
}

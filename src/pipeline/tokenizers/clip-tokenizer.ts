import { Tokenizer } from '@huggingface/tokenizers';
import { clipPromptTokens } from './clip-prompt-tokens.js';
import type { PromptToken, PromptTokenizer, TokenizedPrompt } from './types.js';

/** CLIP's context length. */
export const CLIP_MAX_LENGTH = 77;

/** The token a diffusers `tokenizer_config.json` / `special_tokens_map.json` names as padding. */
export function padTokenOf(config: Record<string, unknown>): string | undefined {
  const pad = config['pad_token'];
  if (typeof pad === 'string') return pad;
  if (pad && typeof pad === 'object' && typeof (pad as { content?: unknown }).content === 'string') {
    return (pad as { content: string }).content;
  }
  return undefined;
}

/**
 * A CLIP BPE tokenizer over a Hugging Face `tokenizer.json` object, through transformers.js's
 * tokenizer package. Pads to `maxLength` with the configured pad token — SD 1.x pads with
 * `<|endoftext|>` (49407), SD 2.x/SD-Turbo with `!` (0) — and truncates long prompts the way
 * diffusers does: keep the first `maxLength − 1` tokens, end with `<|endoftext|>`. Each kept
 * token comes with its readable piece and the characters of the prompt it stands for.
 */
export function createClipTokenizer(
  tokenizerJson: Record<string, unknown>,
  config: Record<string, unknown> = {},
  maxLength = CLIP_MAX_LENGTH,
): PromptTokenizer {
  const tokenizer = sharedTokenizer(tokenizerJson);
  const endId = requireId(tokenizer, '<|endoftext|>');
  const padToken = padTokenOf(config) ?? '<|endoftext|>';
  const padId = requireId(tokenizer, padToken);
  const endMarker: PromptToken = { id: endId, text: '<|endoftext|>', vocabEntry: '<|endoftext|>', kind: 'end', endsWord: true, span: null };
  return {
    kind: 'clip-bpe',
    maxLength,
    padId,
    padToken,
    encode(text: string): TokenizedPrompt {
      const encoding = tokenizer.encode(text);
      const all = clipPromptTokens(text, encoding.tokens, encoding.ids);
      const truncated = all.length > maxLength;
      const tokens = truncated ? [...all.slice(0, maxLength - 1), endMarker] : all;
      const ids = new Int32Array(maxLength).fill(padId);
      ids.set(tokens.map((token) => token.id));
      return {
        text,
        ids,
        tokenCount: tokens.length,
        tokens,
        truncated,
        droppedTokens: all.length - tokens.length,
        mappedWords: [],
        unknownWords: [],
      };
    },
  };
}

/** Built tokenizers by tokenizer.json object: building one indexes ~49k merges, so models sharing a vocabulary share it. */
const built = new WeakMap<object, Tokenizer>();

function sharedTokenizer(tokenizerJson: Record<string, unknown>): Tokenizer {
  let tokenizer = built.get(tokenizerJson);
  if (!tokenizer) {
    // Padding and truncation are applied here, so the HF config's own settings are not needed.
    tokenizer = new Tokenizer(tokenizerJson, {});
    built.set(tokenizerJson, tokenizer);
  }
  return tokenizer;
}

function requireId(tokenizer: Tokenizer, token: string): number {
  const id = tokenizer.token_to_id(token);
  if (id === undefined) throw new Error(`CLIP tokenizer: ${JSON.stringify(token)} is not in the vocabulary`);
  return id;
}

/**
 * A Hugging Face `tokenizer.json` for CLIP, built from a vocabulary and merge list. It encodes
 * CLIP's reference algorithm in the fast-tokenizer format: NFC, collapse whitespace, lower-case;
 * split with CLIP's word pattern; byte-level symbols; BPE with a `</w>` end-of-word suffix;
 * `<|startoftext|>` … `<|endoftext|>` around the result.
 */

/** CLIP's pre-tokenisation pattern (OpenAI `simple_tokenizer.py`), as an Oniguruma/HF regex. */
export const CLIP_WORD_PATTERN =
  "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

/** The tokenizer.json object for the given vocabulary (token → id) and merges (`"a b"` pairs). */
export function clipTokenizerJson(vocab: ReadonlyMap<string, number>, merges: readonly string[]): Record<string, unknown> {
  const id = (token: string): number => {
    const value = vocab.get(token);
    if (value === undefined) throw new Error(`CLIP vocabulary lacks ${token}`);
    return value;
  };
  const special = (content: string) => ({
    id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special('<|startoftext|>'), special('<|endoftext|>')],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFC' },
        { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' },
        { type: 'Lowercase' },
      ],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: CLIP_WORD_PATTERN }, behavior: 'Removed', invert: true },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['<|endoftext|>', id('<|endoftext|>')],
      cls: ['<|startoftext|>', id('<|startoftext|>')],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '<|endoftext|>',
      continuing_subword_prefix: '',
      end_of_word_suffix: '</w>',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(vocab),
      merges: [...merges],
    },
  };
}

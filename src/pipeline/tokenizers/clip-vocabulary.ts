/**
 * CLIP's byte-pair vocabulary, rebuilt from OpenAI's `bpe_simple_vocab_16e6.txt.gz` the way
 * CLIP's reference tokenizer builds it: 256 byte symbols, the same with the end-of-word marker,
 * one entry per merge, then the two special tokens. This yields ids 0…49407.
 */

/** Number of merges CLIP uses from the file (49152 − 256 − 2). */
export const CLIP_MERGE_COUNT = 49152 - 256 - 2;

/**
 * The printable stand-in character for each byte value, as GPT-2/CLIP byte-level BPE defines
 * it, keyed by byte; iteration order is vocabulary order (printable bytes first, then the rest).
 */
export function byteSymbolTable(): Map<number, string> {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b += 1) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b += 1) printable.push(b);
  for (let b = 0xae; b <= 0xff; b += 1) printable.push(b);
  const symbols = new Map<number, string>(printable.map((b) => [b, String.fromCharCode(b)]));
  let extra = 0;
  for (let b = 0; b < 256; b += 1) {
    if (!symbols.has(b)) symbols.set(b, String.fromCharCode(256 + extra++));
  }
  return symbols;
}

/** The 256 byte symbols in vocabulary order (ids 0…255). */
export function byteSymbols(): string[] {
  return [...byteSymbolTable().values()];
}

/** The vocabulary (token → id) and merge list CLIP derives from the BPE file's text. */
export function clipVocabulary(bpeText: string): { vocab: Map<string, number>; merges: string[] } {
  const lines = bpeText.split('\n');
  const merges = lines.slice(1, 1 + CLIP_MERGE_COUNT);
  if (merges.length !== CLIP_MERGE_COUNT || merges.some((m) => m.split(' ').length !== 2)) {
    throw new Error(`CLIP BPE file: expected ${CLIP_MERGE_COUNT} merges after the header line`);
  }
  const tokens = byteSymbols();
  tokens.push(...tokens.map((symbol) => `${symbol}</w>`));
  for (const merge of merges) tokens.push(merge.replace(' ', ''));
  tokens.push('<|startoftext|>', '<|endoftext|>');
  return { vocab: new Map(tokens.map((token, id) => [token, id])), merges };
}

/** Decompresses gzip bytes to text with the platform's DecompressionStream (browsers and Node ≥ 18). */
export async function gunzipText(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

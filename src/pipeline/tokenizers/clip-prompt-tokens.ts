/**
 * Readable CLIP tokens: each byte-pair piece's text, whether it ends a word, and which
 * characters of the prompt it came from. The tokenizer library returns the pieces but no
 * offsets, so the spans are rebuilt by replaying CLIP's normalisation and word split on the
 * prompt and walking the pieces through each word's UTF-8 bytes.
 */
import { pieceBytes, readableBytes } from './byte-level-text.js';
import { CLIP_WORD_PATTERN } from './clip-tokenizer-json.js';
import { originalSpan, traceNormalization, type TracedText } from './text-offsets.js';
import type { PromptToken } from './types.js';

/** CLIP's end-of-word suffix on the last piece of every word. */
export const END_OF_WORD = '</w>';
/** CLIP's start and end markers, which the tokenizer also recognises when typed in a prompt. */
export const CLIP_SPECIAL_TOKENS: ReadonlySet<string> = new Set(['<|startoftext|>', '<|endoftext|>']);

const SPECIAL_SPLIT = /(<\|startoftext\|>|<\|endoftext\|>)/u;
const WORD = new RegExp(CLIP_WORD_PATTERN, 'gu');

/** CLIP's normaliser on a whole prompt: NFC, whitespace runs to one space, lower case. */
export function normalizeClipText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').toLowerCase();
}

type Span = readonly [number, number] | null;

/** One piece's readable form, without its span. */
function describePiece(piece: string, id: number, position: 'first' | 'last' | 'inner'): PromptToken {
  if (CLIP_SPECIAL_TOKENS.has(piece)) {
    const kind = position === 'first' ? 'start' : position === 'last' ? 'end' : 'text';
    return { id, text: piece, vocabEntry: piece, kind, endsWord: true, span: null };
  }
  const endsWord = piece.endsWith(END_OF_WORD);
  const core = endsWord ? piece.slice(0, -END_OF_WORD.length) : piece;
  const bytes = pieceBytes(core);
  return { id, text: bytes ? readableBytes(bytes) : core, vocabEntry: piece, kind: 'text', endsWord, span: null };
}

/** Words of the normalised text in the tokenizer's order: special tokens split out first, then CLIP's word pattern. */
function clipWords(normalized: string): { start: number; end: number }[] {
  const words: { start: number; end: number }[] = [];
  let offset = 0;
  for (const segment of normalized.split(SPECIAL_SPLIT)) {
    if (CLIP_SPECIAL_TOKENS.has(segment)) words.push({ start: offset, end: offset + segment.length });
    else for (const match of segment.matchAll(WORD)) {
      words.push({ start: offset + match.index, end: offset + match.index + match[0].length });
    }
    offset += segment.length;
  }
  return words;
}

const utf8 = new TextEncoder();

/** Bytes UTF-8 needs for one code point. */
const utf8Width = (codePoint: number): number => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** For each UTF-8 byte of `word`, the UTF-16 range [from, to) of the character it belongs to. */
function byteCharacters(word: string): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  let unit = 0;
  for (const character of word) {
    const range = { from: unit, to: unit + character.length };
    const width = utf8Width(character.codePointAt(0)!);
    for (let i = 0; i < width; i += 1) ranges.push(range);
    unit += character.length;
  }
  return ranges;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Spans of one word's pieces starting at `pieces[first]`, or null if the pieces do not spell the word. */
function wordPieceSpans(traced: TracedText, word: { start: number; end: number }, pieces: readonly string[], first: number): Span[] | null {
  const text = traced.text.slice(word.start, word.end);
  if (CLIP_SPECIAL_TOKENS.has(text)) return pieces[first] === text ? [originalSpan(traced, word.start, word.end)] : null;
  const wordBytes = utf8.encode(text);
  const characters = byteCharacters(text);
  const spans: Span[] = [];
  let byte = 0;
  for (let p = first; byte < wordBytes.length; p += 1) {
    const piece = pieces[p];
    if (piece === undefined) return null;
    const endsWord = piece.endsWith(END_OF_WORD);
    const bytes = pieceBytes(endsWord ? piece.slice(0, -END_OF_WORD.length) : piece);
    const next = byte + (bytes?.length ?? 0);
    if (!bytes || bytes.length === 0 || !sameBytes(bytes, wordBytes.subarray(byte, next)) || endsWord !== (next === wordBytes.length)) {
      return null;
    }
    spans.push(originalSpan(traced, word.start + characters[byte]!.from, word.start + characters[next - 1]!.to));
    byte = next;
  }
  return spans;
}

/** Every piece's span in `text`, or null when the pieces cannot be traced back to it. */
function pieceSpans(text: string, pieces: readonly string[]): Span[] | null {
  const traced = traceNormalization(text, { normalizeRun: (run) => run.normalize('NFC').toLowerCase(), collapseWhitespace: true });
  if (traced.text !== normalizeClipText(text)) return null;
  const hasStart = pieces[0] === '<|startoftext|>';
  const hasEnd = pieces.length > (hasStart ? 1 : 0) && pieces.at(-1) === '<|endoftext|>';
  const spans: Span[] = hasStart ? [null] : [];
  for (const word of clipWords(traced.text)) {
    const wordSpans = wordPieceSpans(traced, word, pieces, spans.length);
    if (!wordSpans) return null;
    spans.push(...wordSpans);
  }
  if (hasEnd) spans.push(null);
  return spans.length === pieces.length ? spans : null;
}

/**
 * Readable tokens for a CLIP encoding of `text`: `pieces` and `ids` as the tokenizer returned
 * them, markers included, before truncation. Spans are null throughout when the pieces cannot
 * be matched to the prompt (a tokenizer.json whose normaliser or word split differs from CLIP's).
 */
export function clipPromptTokens(text: string, pieces: readonly string[], ids: readonly number[]): PromptToken[] {
  const spans = pieceSpans(text, pieces);
  const last = pieces.length - 1;
  return pieces.map((piece, i) => {
    const token = describePiece(piece, ids[i]!, i === 0 ? 'first' : i === last ? 'last' : 'inner');
    return { ...token, span: spans?.[i] ?? null };
  });
}

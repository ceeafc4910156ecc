/**
 * Byte-level BPE pieces spell UTF-8 bytes with stand-in characters (`Ġ`, `ð`, `Ł`…). These
 * helpers turn a piece back into its bytes and those bytes into something a person can read.
 */
import { byteSymbolTable } from './clip-vocabulary.js';

let symbolBytes: Map<string, number> | undefined;

/** The UTF-8 bytes a byte-level piece spells, or null if it holds a character that is no byte symbol. */
export function pieceBytes(piece: string): Uint8Array | null {
  symbolBytes ??= new Map([...byteSymbolTable()].map(([byte, symbol]) => [symbol, byte]));
  const bytes = new Uint8Array(piece.length);
  for (let i = 0; i < piece.length; i += 1) {
    const byte = symbolBytes.get(piece[i]!);
    if (byte === undefined) return null;
    bytes[i] = byte;
  }
  return bytes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
/** Characters that show nothing on their own: combining marks, format and control characters, spaces. */
const INVISIBLE = /^[\p{M}\p{C}\p{Z}]+$/u;

const hex = (value: number, width: number): string => value.toString(16).toUpperCase().padStart(width, '0');

/**
 * Readable form of some UTF-8 bytes: the text itself; `U+FE0F`-style code points when the
 * text would be invisible; `⟨f0 9f 90⟩` when the bytes are part of a character, not whole ones.
 */
export function readableBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return `⟨${Array.from(bytes, (b) => hex(b, 2).toLowerCase()).join(' ')}⟩`;
  }
  if (text.length > 0 && INVISIBLE.test(text)) {
    return [...text].map((c) => `U+${hex(c.codePointAt(0)!, 4)}`).join(' ');
  }
  return text;
}

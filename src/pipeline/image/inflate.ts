/**
 * A small synchronous zlib (RFC 1950) / deflate (RFC 1951) decoder, so recordings' stored
 * pictures decode in browsers and Node alike with no dependency and no await. It inflates
 * into a buffer of the exact size the caller expects and refuses anything else, so a hostile
 * stream cannot grow memory past it. Follows the structure of zlib's reference `puff.c`.
 */
import { adler32 } from './zlib-store.js';

/** A zlib stream that cannot be decoded (bad header, bad code, wrong size, bad checksum). */
export class InflateError extends Error {
  override readonly name = 'InflateError';
}

const MAX_BITS = 15;
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** Order in which the code-length code's lengths are sent. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  readonly counts: Uint16Array;
  readonly symbols: Uint16Array;
}

function huffman(lengths: Uint8Array): Huffman {
  const counts = new Uint16Array(MAX_BITS + 1);
  for (const length of lengths) counts[length]! += 1;
  let left = 1;
  for (let length = 1; length <= MAX_BITS; length += 1) {
    left = left * 2 - counts[length]!;
    if (left < 0) throw new InflateError('over-subscribed Huffman code');
  }
  const offsets = new Uint16Array(MAX_BITS + 2);
  for (let length = 1; length <= MAX_BITS; length += 1) offsets[length + 1] = offsets[length]! + counts[length]!;
  const symbols = new Uint16Array(lengths.length);
  lengths.forEach((length, symbol) => {
    if (length !== 0) symbols[offsets[length]!++] = symbol;
  });
  return { counts, symbols };
}

class BitReader {
  private position: number;
  private buffer = 0;
  private count = 0;

  constructor(
    private readonly input: Uint8Array,
    start: number,
  ) {
    this.position = start;
  }

  bits(need: number): number {
    let value = this.buffer;
    while (this.count < need) {
      if (this.position >= this.input.length) throw new InflateError('the stream ends early');
      value |= this.input[this.position++]! << this.count;
      this.count += 8;
    }
    this.buffer = value >>> need;
    this.count -= need;
    return value & ((1 << need) - 1);
  }

  decode(code: Huffman): number {
    let value = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length <= MAX_BITS; length += 1) {
      value |= this.bits(1);
      const count = code.counts[length]!;
      if (value - count < first) return code.symbols[index + (value - first)]!;
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw new InflateError('a code that is not in the Huffman table');
  }

  /** Drops the bits left of the current byte and returns the byte position. */
  alignToByte(): number {
    this.buffer = 0;
    this.count = 0;
    return this.position;
  }

  skipTo(position: number): void {
    this.position = position;
  }
}

const FIXED = (() => {
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  return { literals: huffman(lengths), distances: huffman(new Uint8Array(30).fill(5)) };
})();

function dynamicCodes(reader: BitReader): { literals: Huffman; distances: Huffman } {
  const literalCount = reader.bits(5) + 257;
  const distanceCount = reader.bits(5) + 1;
  const codeLengthCount = reader.bits(4) + 4;
  if (literalCount > 286 || distanceCount > 30) throw new InflateError('too many codes');
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < codeLengthCount; i += 1) codeLengths[CODE_LENGTH_ORDER[i]!] = reader.bits(3);
  const lengthCode = huffman(codeLengths);
  const lengths = new Uint8Array(literalCount + distanceCount);
  for (let i = 0; i < lengths.length; ) {
    const symbol = reader.decode(lengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (symbol === 16) {
      if (i === 0) throw new InflateError('a repeat with no previous length');
      value = lengths[i - 1]!;
      repeat = 3 + reader.bits(2);
    } else repeat = symbol === 17 ? 3 + reader.bits(3) : 11 + reader.bits(7);
    if (i + repeat > lengths.length) throw new InflateError('code lengths overrun');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw new InflateError('no end-of-block code');
  return { literals: huffman(lengths.subarray(0, literalCount)), distances: huffman(lengths.subarray(literalCount)) };
}

/**
 * Inflates the zlib stream `input` into exactly `size` bytes, checking its header and Adler-32
 * trailer. Throws `InflateError` on any damage or when the output is not exactly `size` bytes.
 */
export function inflateZlib(input: Uint8Array, size: number): Uint8Array {
  if (input.length < 6) throw new InflateError('too short for a zlib stream');
  const [method, flags] = [input[0]!, input[1]!];
  if ((method & 0x0f) !== 8 || method >> 4 > 7 || ((method << 8) | flags) % 31 !== 0 || flags & 0x20) {
    throw new InflateError('not a zlib deflate stream');
  }
  const out = new Uint8Array(size);
  let written = 0;
  const reader = new BitReader(input, 2);
  let last = 0;
  while (!last) {
    last = reader.bits(1);
    const type = reader.bits(2);
    if (type === 0) {
      const start = reader.alignToByte();
      if (start + 4 > input.length) throw new InflateError('the stream ends early');
      const length = input[start]! | (input[start + 1]! << 8);
      if ((length ^ (input[start + 2]! | (input[start + 3]! << 8))) !== 0xffff) throw new InflateError('a stored block with a bad length');
      if (start + 4 + length > input.length) throw new InflateError('the stream ends early');
      if (written + length > size) throw new InflateError(`more than the ${size} bytes expected`);
      out.set(input.subarray(start + 4, start + 4 + length), written);
      written += length;
      reader.skipTo(start + 4 + length);
      continue;
    }
    if (type === 3) throw new InflateError('an invalid block type');
    const { literals, distances } = type === 1 ? FIXED : dynamicCodes(reader);
    for (;;) {
      const symbol = reader.decode(literals);
      if (symbol === 256) break;
      if (symbol < 256) {
        if (written >= size) throw new InflateError(`more than the ${size} bytes expected`);
        out[written++] = symbol;
        continue;
      }
      const lengthSymbol = symbol - 257;
      if (lengthSymbol >= 29) throw new InflateError('an invalid length code');
      const length = LENGTH_BASE[lengthSymbol]! + reader.bits(LENGTH_EXTRA[lengthSymbol]!);
      const distanceSymbol = reader.decode(distances);
      if (distanceSymbol >= 30) throw new InflateError('an invalid distance code');
      const distance = DIST_BASE[distanceSymbol]! + reader.bits(DIST_EXTRA[distanceSymbol]!);
      if (distance > written) throw new InflateError('a distance before the start of the output');
      if (written + length > size) throw new InflateError(`more than the ${size} bytes expected`);
      for (let i = 0; i < length; i += 1, written += 1) out[written] = out[written - distance]!;
    }
  }
  if (written !== size) throw new InflateError(`${written} bytes, not the ${size} expected`);
  const end = reader.alignToByte();
  if (end + 4 > input.length) throw new InflateError('the stream ends before its checksum');
  const expected = ((input[end]! << 24) | (input[end + 1]! << 16) | (input[end + 2]! << 8) | input[end + 3]!) >>> 0;
  if (adler32(out) !== expected) throw new InflateError('the Adler-32 checksum does not match');
  return out;
}

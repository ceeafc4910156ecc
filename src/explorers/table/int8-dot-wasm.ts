/**
 * A tiny WebAssembly SIMD kernel, assembled here byte by byte (no toolchain needed): integer dot
 * products of an int16 query with every int8 row of a table.
 *
 *   scan(query, rows, rowCount, chunks, out)
 *
 * `rows` holds `rowCount` rows of `chunks × 16` int8 codes back to back (zero padded); `query`
 * holds `chunks × 16` int16 values; `out` receives one int32 per row. Each 16-byte chunk of a row
 * is widened to two i16x8 vectors and multiplied into an i32x4 accumulator with
 * `i32x4.dot_i16x8_s`, so a 100-dimension row costs 7 loads and 14 dot instructions, and reads
 * a quarter of the bytes a Float32 row does. The sums are exact integers (|sum| ≤ 112 · 127 ·
 * 32767 < 2³¹).
 */

const SIMD = 0xfd;
const I32 = 0x7f;
const V128 = 0x7b;

// Locals: parameters 0…4, then our own.
const [QUERY, ROWS, COUNT, CHUNKS, OUT, ROW_AT, QUERY_AT, CHUNK, ACC, CODES] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const tee = (local: number) => [0x22, local];
const i32Const = (value: number) => [0x41, value]; // small positive values only (one-byte LEB128)
const simd = (opcode: number) => (opcode < 0x80 ? [SIMD, opcode] : [SIMD, (opcode & 0x7f) | 0x80, opcode >> 7]);
const v128Load = (offset: number) => [...simd(0x00), 0x00, offset];
const extendLow = simd(0x87); // i16x8.extend_low_i8x16_s
const extendHigh = simd(0x88); // i16x8.extend_high_i8x16_s
const dot = simd(0xba); // i32x4.dot_i16x8_s
const addI32x4 = simd(0xae); // i32x4.add
const lane = (index: number) => [...simd(0x1b), index]; // i32x4.extract_lane

const body = [
  // locals: 3 × i32 (row pointer, query pointer, chunk counter), 2 × v128 (accumulator, codes)
  0x02, 3, I32, 2, V128,
  ...get(ROWS), ...set(ROW_AT),
  0x02, 0x40, // block
  ...get(COUNT), 0x45, 0x0d, 0, // if rowCount == 0, leave
  0x03, 0x40, // loop over rows
  ...simd(0x0c), ...new Array(16).fill(0), ...set(ACC),
  ...get(QUERY), ...set(QUERY_AT),
  ...get(CHUNKS), ...set(CHUNK),
  0x03, 0x40, // loop over 16-byte chunks
  ...get(ROW_AT), ...v128Load(0), ...set(CODES),
  ...get(ACC),
  ...get(CODES), ...extendLow, ...get(QUERY_AT), ...v128Load(0), ...dot, ...addI32x4,
  ...get(CODES), ...extendHigh, ...get(QUERY_AT), ...v128Load(16), ...dot, ...addI32x4,
  ...set(ACC),
  ...get(ROW_AT), ...i32Const(16), 0x6a, ...set(ROW_AT),
  ...get(QUERY_AT), ...i32Const(32), 0x6a, ...set(QUERY_AT),
  ...get(CHUNK), ...i32Const(1), 0x6b, ...tee(CHUNK), 0x0d, 0, // next chunk while any left
  0x0b, // end chunk loop
  ...get(OUT),
  ...get(ACC), ...lane(0), ...get(ACC), ...lane(1), 0x6a, ...get(ACC), ...lane(2), 0x6a, ...get(ACC), ...lane(3), 0x6a,
  0x36, 2, 0, // i32.store
  ...get(OUT), ...i32Const(4), 0x6a, ...set(OUT),
  ...get(COUNT), ...i32Const(1), 0x6b, ...tee(COUNT), 0x0d, 0, // next row while any left
  0x0b, // end row loop
  0x0b, // end block
  0x0b, // end function
];

const section = (id: number, bytes: number[]) => [id, ...leb128(bytes.length), ...bytes];
const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];

/** The module's bytes: exports `scan` and `memory` (one page to start; callers grow it). */
export const INT8_DOT_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]), // type: (i32 × 5) → ()
  ...section(3, [1, 0]), // one function of type 0
  ...section(5, [1, 0x00, 1]), // one memory, at least one page
  ...section(7, [2, ...name('scan'), 0x00, 0, ...name('memory'), 0x02, 0]),
  ...section(10, [1, ...leb128(body.length), ...body]),
]);

/** The kernel's exports. */
export interface Int8DotKernel {
  readonly memory: WebAssembly.Memory;
  scan(query: number, rows: number, rowCount: number, chunks: number, out: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/**
 * A fresh instance of the kernel (each with its own memory), or `undefined` where WebAssembly
 * or its fixed-width SIMD is not available (callers then scan in plain JS).
 */
export function instantiateInt8Dot(): Int8DotKernel | undefined {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(INT8_DOT_WASM) ? new WebAssembly.Module(INT8_DOT_WASM) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return undefined;
  return new WebAssembly.Instance(compiled).exports as unknown as Int8DotKernel;
}

function leb128(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

/**
 * The `.lxemb` binary asset: a compact, self-describing embedding table for the browser.
 *
 *   "LXEMBED1" · u32 header length · JSON header · labels (UTF-8, "\n"-separated)
 *   · f32 norms[count] · f32 scales[count] (int8 only) · rows[count × dimensions]
 *
 * Sections start on 4-byte boundaries so they can be viewed in place; numbers are
 * little-endian (every browser and Node platform we target).
 */
import { EmbeddingFormatError } from '../errors.js';
import { EmbeddingTable, type TableSource } from './embedding-table.js';
import { normaliseRowsInPlace } from './vector-math.js';
import { bytesPerValue, dequantiseFloat16, dequantiseInt8, quantiseFloat16, quantiseInt8, type Quantisation } from './quantise.js';

const MAGIC = 'LXEMBED1';
const QUANTISATIONS: readonly Quantisation[] = ['int8', 'float16', 'float32'];

/** The JSON header of an asset. */
export interface AssetHeader {
  readonly count: number;
  readonly dimensions: number;
  readonly quantisation: Quantisation;
  readonly labelBytes: number;
  readonly source: TableSource;
}

const align4 = (n: number): number => (n + 3) & ~3;

/** Serialises a table's unit rows and norms with the chosen quantisation. */
export function encodeAsset(table: EmbeddingTable, quantisation: Quantisation): Uint8Array {
  const encoder = new TextEncoder();
  if (table.labels.some((label) => label.includes('\n'))) throw new EmbeddingFormatError('labels', 'a label contains a line break');
  const labels = encoder.encode(table.labels.join('\n'));
  const header: AssetHeader = { count: table.size, dimensions: table.dimensions, quantisation, labelBytes: labels.length, source: table.source };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const layout = sectionLayout(header, headerBytes.length);
  const out = new Uint8Array(layout.total);
  out.set(encoder.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(labels, layout.labels);
  new Float32Array(out.buffer, layout.norms, table.size).set(table.norms);
  if (quantisation === 'int8') {
    const { codes, scales } = quantiseInt8(table.units, table.dimensions);
    new Float32Array(out.buffer, layout.scales, table.size).set(scales);
    new Int8Array(out.buffer, layout.rows, codes.length).set(codes);
  } else if (quantisation === 'float16') {
    new Uint16Array(out.buffer, layout.rows, table.units.length).set(quantiseFloat16(table.units));
  } else {
    new Float32Array(out.buffer, layout.rows, table.units.length).set(table.units);
  }
  return out;
}

/** Reads the header only (cheap; used to report what is being loaded). */
export function readAssetHeader(bytes: Uint8Array, file: string): AssetHeader {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new EmbeddingFormatError(file, `not an embedding asset (expected it to start with "${MAGIC}")`);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new EmbeddingFormatError(file, 'truncated header');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)));
  } catch (cause) {
    throw new EmbeddingFormatError(file, 'header is not valid JSON', { cause });
  }
  return checkHeader(parsed, file);
}

/** Decodes an asset into a table (rows re-normalised after dequantisation). */
export function decodeAsset(bytes: Uint8Array, file: string): EmbeddingTable {
  const header = readAssetHeader(bytes, file);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const layout = sectionLayout(header, headerLength);
  if (bytes.length < layout.total) throw new EmbeddingFormatError(file, `truncated: expected ${layout.total} bytes, got ${bytes.length}`);
  // Copy once so every section is aligned regardless of where `bytes` sits in its buffer.
  const buffer = bytes.slice(0, layout.total).buffer;
  const labels = new TextDecoder().decode(new Uint8Array(buffer, layout.labels, header.labelBytes)).split('\n');
  if (labels.length !== header.count) throw new EmbeddingFormatError(file, `expected ${header.count} labels, found ${labels.length}`);
  const values = header.count * header.dimensions;
  const norms = new Float32Array(buffer, layout.norms, header.count).slice();
  const rows =
    header.quantisation === 'int8'
      ? dequantiseInt8(new Int8Array(buffer, layout.rows, values), new Float32Array(buffer, layout.scales, header.count), header.dimensions)
      : header.quantisation === 'float16'
        ? dequantiseFloat16(new Uint16Array(buffer, layout.rows, values))
        : new Float32Array(buffer, layout.rows, values).slice();
  // Quantisation bends lengths slightly: restore unit rows; the true lengths are in `norms`.
  return EmbeddingTable.fromUnitVectors(labels, normaliseRowsInPlace(rows, header.dimensions), norms, header.dimensions, header.source);
}

function sectionLayout(header: AssetHeader, headerLength: number) {
  const labels = align4(12 + headerLength);
  const norms = align4(labels + header.labelBytes);
  const scales = norms + 4 * header.count;
  const rows = header.quantisation === 'int8' ? scales + 4 * header.count : scales;
  const total = rows + header.count * header.dimensions * bytesPerValue(header.quantisation);
  return { labels, norms, scales, rows, total };
}

function checkHeader(value: unknown, file: string): AssetHeader {
  const header = value as Partial<AssetHeader> | null;
  const positiveInteger = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (typeof header !== 'object' || header === null) throw new EmbeddingFormatError(file, 'header is not an object');
  if (!positiveInteger(header.count)) throw new EmbeddingFormatError(file, 'header.count must be an integer ≥ 0');
  if (!positiveInteger(header.dimensions) || header.dimensions === 0) throw new EmbeddingFormatError(file, 'header.dimensions must be an integer ≥ 1');
  if (!positiveInteger(header.labelBytes)) throw new EmbeddingFormatError(file, 'header.labelBytes must be an integer ≥ 0');
  if (!QUANTISATIONS.includes(header.quantisation as Quantisation)) {
    throw new EmbeddingFormatError(file, `header.quantisation must be one of ${QUANTISATIONS.join(', ')}`);
  }
  if (typeof header.source?.name !== 'string') throw new EmbeddingFormatError(file, 'header.source.name must be a string');
  return header as AssetHeader;
}

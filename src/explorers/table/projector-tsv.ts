/**
 * Reads the TensorFlow Embedding Projector's format: one vector per line, components
 * separated by tabs, plus an optional metadata TSV whose first column labels the rows
 * (a header row is present when there is more than one column, as the Projector requires).
 * Blank lines are skipped; errors name the file, its line and column as an editor counts them.
 */
import { EmbeddingFormatError } from '../errors.js';
import { EmbeddingTable } from './embedding-table.js';

/** What a user's TSV may hold: enough for any map, small enough for a reader's browser. */
export const TSV_LIMITS = { maxRows: 100_000, maxDimensions: 1024, maxBytes: 64 * 1024 * 1024 } as const;

/** Parses `vectorsTsv` (and `metadataTsv` for labels; otherwise rows are labelled "0", "1", …). */
export function parseProjectorTsv(vectorsTsv: string, metadataTsv?: string, name = 'user vectors', files = { vectors: 'vectors.tsv', metadata: 'metadata.tsv' }): EmbeddingTable {
  const file = files.vectors;
  if (vectorsTsv.length > TSV_LIMITS.maxBytes) throw new EmbeddingFormatError(file, `is larger than ${TSV_LIMITS.maxBytes / 1024 / 1024} MB`);
  const lines = vectorsTsv.split(/\r?\n/);
  const used = lines.flatMap((line, at) => (line.trim() === '' ? [] : [at]));
  if (used.length === 0) throw new EmbeddingFormatError(file, 'no vectors found');
  if (used.length > TSV_LIMITS.maxRows) throw new EmbeddingFormatError(file, `has ${used.length} vectors; at most ${TSV_LIMITS.maxRows} are supported`);
  const dimensions = lines[used[0]!]!.split('\t').length;
  if (dimensions > TSV_LIMITS.maxDimensions) throw new EmbeddingFormatError(file, `line ${used[0]! + 1} has ${dimensions} values; at most ${TSV_LIMITS.maxDimensions} dimensions are supported`);
  const values = new Float32Array(used.length * dimensions);
  used.forEach((at, row) => {
    const cells = lines[at]!.split('\t');
    if (cells.length !== dimensions) throw new EmbeddingFormatError(file, `line ${at + 1} has ${cells.length} values, expected ${dimensions} (as on line ${used[0]! + 1})`);
    cells.forEach((cell, column) => {
      const value = cell.trim() === '' ? NaN : Number(cell);
      if (!Number.isFinite(value)) throw new EmbeddingFormatError(file, `line ${at + 1}, column ${column + 1}: "${cell.slice(0, 40)}" is not a number`);
      values[row * dimensions + column] = value;
    });
  });
  const labels = metadataTsv === undefined ? used.map((_, row) => String(row)) : readLabels(metadataTsv, used.length, files.metadata);
  return EmbeddingTable.fromVectors(labels, values, dimensions, { name });
}

function readLabels(metadataTsv: string, count: number, file: string): string[] {
  const rows = metadataTsv.split(/\r?\n/).filter((line) => line !== '');
  const hasHeader = rows.length > 0 && rows[0]!.includes('\t');
  const labels = (hasHeader ? rows.slice(1) : rows).map((row) => row.split('\t')[0]!.trim());
  if (labels.length !== count) throw new EmbeddingFormatError(file, `has ${labels.length} labels for ${count} vectors`);
  return labels;
}

/**
 * Reads the TensorFlow Embedding Projector's format: one vector per line, components
 * separated by tabs, plus an optional metadata TSV whose first column labels the rows
 * (a header row is present when there is more than one column, as the Projector requires).
 */
import { EmbeddingFormatError } from '../errors.js';
import { EmbeddingTable } from './embedding-table.js';

/** Parses `vectorsTsv` (and `metadataTsv` for labels; otherwise rows are labelled "0", "1", …). */
export function parseProjectorTsv(vectorsTsv: string, metadataTsv?: string, name = 'user vectors'): EmbeddingTable {
  const lines = vectorsTsv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new EmbeddingFormatError('vectors.tsv', 'no vectors found');
  const dimensions = lines[0]!.split('\t').length;
  const values = new Float32Array(lines.length * dimensions);
  lines.forEach((line, row) => {
    const cells = line.split('\t');
    if (cells.length !== dimensions) {
      throw new EmbeddingFormatError('vectors.tsv', `line ${row + 1} has ${cells.length} values, expected ${dimensions}`);
    }
    cells.forEach((cell, column) => {
      const value = cell.trim() === '' ? NaN : Number(cell);
      if (!Number.isFinite(value)) throw new EmbeddingFormatError('vectors.tsv', `line ${row + 1}, column ${column + 1}: "${cell}" is not a number`);
      values[row * dimensions + column] = value;
    });
  });
  const labels = metadataTsv === undefined ? lines.map((_, row) => String(row)) : readLabels(metadataTsv, lines.length);
  return EmbeddingTable.fromVectors(labels, values, dimensions, { name });
}

function readLabels(metadataTsv: string, count: number): string[] {
  const rows = metadataTsv.split(/\r?\n/).filter((line) => line !== '');
  const hasHeader = rows.length > 0 && rows[0]!.includes('\t');
  const labels = (hasHeader ? rows.slice(1) : rows).map((row) => row.split('\t')[0]!.trim());
  if (labels.length !== count) throw new EmbeddingFormatError('metadata.tsv', `has ${labels.length} labels for ${count} vectors`);
  return labels;
}

/**
 * A reader's own vectors in the TensorFlow Projector's TSV format, by URL (vectors, and
 * optionally metadata for the labels) or from picked files, with the limits and typed errors
 * of ./projector-tsv.ts; download failures are EmbeddingLoadErrors naming the URL.
 */
import { EmbeddingLoadError, EmbeddingFormatError } from '../errors.js';
import { parseProjectorTsv, TSV_LIMITS } from './projector-tsv.js';
import type { EmbeddingTable } from './embedding-table.js';

/** Downloads and parses a vectors TSV (and its metadata TSV). */
export async function loadProjectorTsv(vectorsUrl: string, metadataUrl?: string): Promise<EmbeddingTable> {
  const [vectors, metadata] = await Promise.all([fetchText(vectorsUrl), metadataUrl ? fetchText(metadataUrl) : undefined]);
  return parseProjectorTsv(vectors, metadata, nameOf(vectorsUrl), { vectors: vectorsUrl, metadata: metadataUrl ?? 'metadata' });
}

/**
 * Parses picked files: the one whose first line is all numbers holds the vectors, another (if
 * any) the labels, whatever the files are called.
 */
export async function readProjectorFiles(files: readonly File[]): Promise<EmbeddingTable> {
  if (files.length === 0 || files.length > 2) throw new EmbeddingFormatError('files', `pick a vectors TSV and, optionally, its metadata TSV (got ${files.length} files)`);
  for (const file of files) if (file.size > TSV_LIMITS.maxBytes) throw new EmbeddingFormatError(file.name, `is larger than ${TSV_LIMITS.maxBytes / 1024 / 1024} MB`);
  const texts = await Promise.all(files.map((file) => file.text()));
  const numeric = (text: string) => (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '').split('\t').every((cell) => cell.trim() !== '' && Number.isFinite(Number(cell)));
  const vectorsAt = texts.length === 2 && !numeric(texts[0]!) && numeric(texts[1]!) ? 1 : 0;
  const metadataAt = texts.length === 2 ? 1 - vectorsAt : -1;
  return parseProjectorTsv(texts[vectorsAt]!, metadataAt >= 0 ? texts[metadataAt] : undefined, files[vectorsAt]!.name, {
    vectors: files[vectorsAt]!.name,
    metadata: metadataAt >= 0 ? files[metadataAt]!.name : 'metadata',
  });
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new EmbeddingLoadError(url, 'the download failed (network error)', { cause });
  }
  if (!response.ok) throw new EmbeddingLoadError(url, `the server answered ${response.status} ${response.statusText}`.trim());
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > TSV_LIMITS.maxBytes) throw new EmbeddingFormatError(url, `is larger than ${TSV_LIMITS.maxBytes / 1024 / 1024} MB`);
  return response.text();
}

function nameOf(url: string): string {
  return url.split(/[?#]/)[0]!.split('/').pop() || url;
}

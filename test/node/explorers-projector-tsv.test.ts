// A reader's own vectors in the TensorFlow Projector's TSV format: parsed with labels, and every
// malformed input is an EmbeddingFormatError naming the file, line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProjectorTsv, TSV_LIMITS } from '../../src/explorers/table/projector-tsv.js';
import { readProjectorFiles } from '../../src/explorers/table/load-tsv.js';
import { EmbeddingFormatError } from '../../src/explorers/errors.js';

const VECTORS = '1\t0\t0\n0.9\t0.1\t0\n\n0\t1\t0\n0\t0\t1\n';
const METADATA = 'word\tkind\ncat\tanimal\nkitten\tanimal\ncar\tvehicle\nsky\tthing\n';

test('parses vectors and labels (header row, blank lines skipped)', () => {
  const table = parseProjectorTsv(VECTORS, METADATA, 'mine');
  assert.deepEqual(table.labels, ['cat', 'kitten', 'car', 'sky']);
  assert.equal(table.dimensions, 3);
  assert.equal(table.nearest(table.unit(0), { k: 1, exclude: [0] })[0]!.label, 'kitten');
});

test('errors name the file, the line as an editor counts it, and the column', () => {
  const bad = (vectors: string, pattern: RegExp, metadata?: string) =>
    assert.throws(() => parseProjectorTsv(vectors, metadata), (error: unknown) => error instanceof EmbeddingFormatError && pattern.test(error.message));
  bad('1\t2\n\n3\tx\n', /^vectors\.tsv: line 3, column 2: "x" is not a number$/);
  bad('1\t2\n3\t4\t5\n', /^vectors\.tsv: line 2 has 3 values, expected 2/);
  bad('\n\n', /no vectors found/);
  bad(VECTORS, /^metadata\.tsv: has 2 labels for 4 vectors$/, 'a\nb\n');
  bad(`${'1\t'.repeat(TSV_LIMITS.maxDimensions)}1\n`, /at most 1024 dimensions/);
  bad('1\n'.repeat(TSV_LIMITS.maxRows + 1), /at most 100000 are supported/);
});

test('picked files: the numeric one holds the vectors, whatever the order and names', async () => {
  const table = await readProjectorFiles([new File([METADATA], 'labels.tsv'), new File([VECTORS], 'my-vectors.tsv')]);
  assert.deepEqual(table.labels, ['cat', 'kitten', 'car', 'sky']);
  assert.equal(table.source.name, 'my-vectors.tsv');
  await assert.rejects(readProjectorFiles([new File(['1\tnope\n'], 'v.tsv')]), /^EmbeddingFormatError|v\.tsv: line 1, column 2/);
});

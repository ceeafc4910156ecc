import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidOptionError } from '../../src/errors.js';
import { UnknownWordError } from '../../src/explorers/errors.js';
import { readerText } from '../../src/components/shared/reader-text.js';

test('reader text is the message as a sentence, never a class name', () => {
  assert.equal(readerText(new InvalidOptionError('steps', 'must be an integer ≥ 1, got 0')), 'steps: must be an integer ≥ 1, got 0.');
  const unknown = new UnknownWordError('ewe', { start: 0, end: 3 }, ['eve']);
  assert.equal(readerText(unknown), '"ewe" is not in the vocabulary (at character 1). Did you mean "eve"?');
  assert.doesNotMatch(readerText(unknown), /UnknownWordError/);
  // A worker's uncaught error as the browser words it, dev build and minified bundle.
  assert.equal(readerText(new Error('the UMAP worker failed: Uncaught TypeError: no umap here')), 'The UMAP worker failed: no umap here.');
  assert.equal(readerText(new Error('the UMAP worker failed: Uncaught Pe: bad rows')), 'The UMAP worker failed: bad rows.');
  assert.equal(readerText(new Error('https://x.test/unet.onnx: HTTP 404 Not Found')), 'https://x.test/unet.onnx: HTTP 404 Not Found.');
  assert.equal(readerText('plain'), 'plain.');
  assert.equal(readerText(new Error('')), 'Something went wrong.');
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GLYPH_HEIGHT, glyphRows } from '../../src/pipeline/image/font-5x7.js';
import { drawText, measureText } from '../../src/pipeline/image/text.js';
import { composeGrid } from '../../src/pipeline/image/grid.js';
import { scaleNearest } from '../../src/pipeline/image/resize.js';
import { solidImage, type RgbaImage } from '../../src/pipeline/image/rgba-image.js';
import { InvalidOptionError } from '../../src/errors.js';

const at = (image: RgbaImage, x: number, y: number): number[] => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
const inkIn = (image: RgbaImage, x0: number, y0: number, x1: number, y1: number): number => {
  let count = 0;
  for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) if (at(image, x, y)[0] === 24) count += 1;
  return count;
};

describe('5×7 font', () => {
  it('has a distinct, in-bounds glyph for every printable ASCII character', () => {
    const box = glyphRows('\u{1F411}').join(',');
    const seen = new Map<string, string>();
    for (let code = 0x20; code <= 0x7e; code += 1) {
      const char = String.fromCharCode(code);
      const rows = glyphRows(char);
      assert.equal(rows.length, GLYPH_HEIGHT, char);
      assert.ok(rows.every((bits) => bits < 32), char);
      const key = rows.join(',');
      if (char !== ' ') assert.notEqual(key, box, `${char} falls back to the box`);
      assert.equal(seen.get(key), undefined, `${char} looks like ${seen.get(key)}`);
      seen.set(key, char);
    }
  });

  it('draws text pixel for pixel at a scale, clipped to the image', () => {
    assert.deepEqual(measureText('ab', 2), { width: 22, height: 14 });
    assert.deepEqual(measureText(''), { width: 0, height: 7 });
    const image = solidImage(8, 8, [255, 255, 255, 255]);
    drawText(image, 'T', 1, 1, [24, 24, 24, 255]);
    // 'T': top bar of five, then the stem in the middle column.
    for (let x = 1; x <= 5; x += 1) assert.deepEqual(at(image, x, 1), [24, 24, 24, 255]);
    assert.deepEqual(at(image, 3, 7), [24, 24, 24, 255]);
    assert.deepEqual(at(image, 2, 7), [255, 255, 255, 255]);
    assert.equal(inkIn(image, 0, 0, 8, 8), 5 + 6);
    drawText(image, 'WWW', 5, 5, [24, 24, 24, 255], 3); // mostly off the image: no throw
  });
});

describe('labelled grid', () => {
  const cell = (shade: number): RgbaImage => solidImage(10, 6, [shade, shade, shade, 255]);

  it('places cells in rows and columns with labels above and to the left', () => {
    const grid = composeGrid({
      cells: [[cell(100), cell(101)], [cell(102), cell(103)]],
      rowLabels: ['seed 1', 'seed 2'],
      columnLabels: ['g 1', 'g 7.5'],
      gap: 2,
      textScale: 1,
    });
    const labelWidth = measureText('seed 1').width; // 35
    const columnWidth = Math.max(10, measureText('g 7.5').width); // 29
    const left = 2 + labelWidth + 2;
    const top = 2 + 7 + 2;
    assert.equal(grid.width, left + 2 * (columnWidth + 2));
    assert.equal(grid.height, top + 2 * (6 + 2));
    const cellX = (c: number): number => left + c * (columnWidth + 2) + Math.floor((columnWidth - 10) / 2);
    assert.deepEqual(at(grid, cellX(0), top), [100, 100, 100, 255]);
    assert.deepEqual(at(grid, cellX(1) + 9, top + 5), [101, 101, 101, 255]);
    assert.deepEqual(at(grid, cellX(0), top + 8), [102, 102, 102, 255]);
    assert.deepEqual(at(grid, cellX(1), top + 8 + 5), [103, 103, 103, 255]);
    assert.deepEqual(at(grid, cellX(1) + 10, top), [255, 255, 255, 255]);
    assert.ok(inkIn(grid, 0, top, left, grid.height) > 20, 'row labels drawn');
    assert.ok(inkIn(grid, left, 0, grid.width, top) > 20, 'column labels drawn');
  });

  it('works without labels, and refuses ragged or mismatched input by name', () => {
    const plain = composeGrid({ cells: [[cell(1)]], gap: 0 });
    assert.equal(plain.width, 10);
    assert.equal(plain.height, 6);
    assert.throws(() => composeGrid({ cells: [] }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'cells');
    assert.throws(() => composeGrid({ cells: [[cell(1)], [cell(1), cell(2)]] }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'cells[1]');
    assert.throws(() => composeGrid({ cells: [[cell(1), solidImage(3, 3)]] }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'cells[0][1]');
    assert.throws(() => composeGrid({ cells: [[cell(1)]], rowLabels: ['a', 'b'] }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'rowLabels');
  });
});

describe('nearest-neighbour enlargement', () => {
  it('turns each pixel into a block, even from an unaligned view', () => {
    const backing = new Uint8ClampedArray(1 + 8);
    backing.set([1, 2, 3, 4, 5, 6, 7, 8], 1);
    const image = { width: 2, height: 1, data: backing.subarray(1) };
    const big = scaleNearest(image, 2);
    assert.equal(big.width, 4);
    assert.deepEqual(at(big, 1, 1), [1, 2, 3, 4]);
    assert.deepEqual(at(big, 2, 0), [5, 6, 7, 8]);
    assert.throws(() => scaleNearest(image, 1.5), InvalidOptionError);
  });
});

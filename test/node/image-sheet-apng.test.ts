import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { encodeApng } from '../../src/pipeline/image/apng.js';
import { composeSheet, fileNameOf } from '../../src/pipeline/image/sheet.js';
import { decodePng } from '../../src/pipeline/image/png-decode.js';
import { unfilterScanlines } from '../../src/pipeline/image/png-filters.js';
import { scaleNearest } from '../../src/pipeline/image/resize.js';
import { solidImage, type RgbaImage } from '../../src/pipeline/image/rgba-image.js';
import { InvalidOptionError } from '../../src/errors.js';

function pattern(width: number, height: number, seed: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 1) data[i] = (i * 31 + seed * 17) % 251;
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

interface Chunk {
  type: string;
  data: Uint8Array;
}

/** Every chunk of a PNG, each CRC checked with node:zlib's (independent of the encoder's). */
function chunks(bytes: Uint8Array): Chunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Chunk[] = [];
  for (let position = 8; position < bytes.length; ) {
    const length = view.getUint32(position);
    const type = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
    assert.equal(crc32(bytes.subarray(position + 4, position + 8 + length)), view.getUint32(position + 8 + length), `${type} CRC`);
    out.push({ type, data: bytes.subarray(position + 8, position + 8 + length) });
    position += 12 + length;
  }
  return out;
}

const region = (image: RgbaImage, x: number, y: number, width: number, height: number): Uint8ClampedArray => {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row += 1) out.set(image.data.subarray(((y + row) * image.width + x) * 4, ((y + row) * image.width + x + width) * 4), row * width * 4);
  return out;
};

describe('composeSheet', () => {
  it('places every picture, enlarged by a whole factor, under its caption, inside the sheet', () => {
    const small = pattern(16, 16, 1);
    const large = pattern(128, 128, 2);
    const { image, placed } = composeSheet({ panels: [{ label: 'noisy', image: small }, { label: 'decoded', image: large }, { label: 'c1', image: pattern(16, 16, 3) }], columns: 2, title: 'a sheep, seed 42' });
    assert.deepEqual(placed.map((p) => p.scale), [8, 1, 8]);
    assert.equal(placed[2]!.y > placed[0]!.y + 128, true, 'the third picture starts a second row');
    for (const [i, source] of [small, large].entries()) {
      const p = placed[i]!;
      const expected = scaleNearest(source, p.scale);
      assert.ok(p.x + p.width <= image.width && p.y + p.height <= image.height);
      assert.deepEqual(region(image, p.x, p.y, p.width, p.height), expected.data);
    }
    // The caption and title are drawn in ink above the pictures.
    const inkAbove = region(image, 0, 0, image.width, placed[0]!.y).some((value, i) => i % 4 === 0 && value < 100);
    assert.ok(inkAbove);
  });

  it('refuses an empty sheet with a typed error', () => {
    assert.throws(() => composeSheet({ panels: [] }), InvalidOptionError);
  });

  it('names files from the state in plain ASCII', () => {
    assert.equal(fileNameOf(['a sheep riding a motorcycle', 'seed 42', 'step 5']), 'a-sheep-riding-a-motorcycle-seed-42-step-5');
    assert.equal(fileNameOf(['Schäfchen / “t = 0.50”']), 'schafchen-t-0.50');
    assert.equal(fileNameOf(['🐑']), 'figure');
    assert.ok(fileNameOf(['x'.repeat(200)]).length <= 80);
  });
});

describe('encodeApng', () => {
  const frames = [pattern(5, 3, 1), pattern(5, 3, 2), solidImage(5, 3, [10, 20, 30, 40])];

  for (const [name, compress] of [['stored', undefined], ['deflated', (bytes: Uint8Array) => new Uint8Array(deflateSync(bytes))]] as const) {
    it(`writes acTL, one fcTL per frame with sequence numbers in order, and frames that decode (${name})`, () => {
      const bytes = encodeApng(frames, { delayMs: [100, 250, 1000], loops: 2, ...(compress ? { compress } : {}) });
      const list = chunks(bytes);
      assert.deepEqual(list.map((c) => c.type), ['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'fcTL', 'fdAT', 'IEND']);
      const acTL = new DataView(list[1]!.data.buffer, list[1]!.data.byteOffset, 8);
      assert.deepEqual([acTL.getUint32(0), acTL.getUint32(4)], [3, 2]);
      const sequence: number[] = [];
      const delays: number[] = [];
      const pictures: Uint8Array[] = [];
      for (const chunk of list) {
        const view = new DataView(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
        if (chunk.type === 'fcTL') {
          assert.equal(chunk.data.length, 26);
          sequence.push(view.getUint32(0));
          assert.deepEqual([view.getUint32(4), view.getUint32(8), view.getUint32(12), view.getUint32(16)], [5, 3, 0, 0]);
          delays.push((view.getUint16(20) / view.getUint16(22)) * 1000);
          assert.deepEqual([chunk.data[24], chunk.data[25]], [0, 0]);
        }
        if (chunk.type === 'fdAT') sequence.push(view.getUint32(0));
        if (chunk.type === 'IDAT' || chunk.type === 'fdAT') pictures.push(new Uint8Array(inflateSync(chunk.type === 'IDAT' ? chunk.data : chunk.data.subarray(4))));
      }
      assert.deepEqual(sequence, [0, 1, 2, 3, 4]);
      assert.deepEqual(delays, [100, 250, 1000]);
      pictures.forEach((scanlines, i) => assert.deepEqual(unfilterScanlines(scanlines, 5, 3), new Uint8Array(frames[i]!.data.buffer)));
      // A viewer without APNG shows the first frame: the project's own reader reads it as a PNG.
      assert.deepEqual(decodePng(bytes, 5, 3).data, frames[0]!.data);
    });
  }

  it('refuses frames of different sizes, no frames and bad delays', () => {
    assert.throws(() => encodeApng([]), InvalidOptionError);
    assert.throws(() => encodeApng([pattern(2, 2, 1), pattern(3, 2, 1)]), /frames\[1\]/);
    assert.throws(() => encodeApng([pattern(2, 2, 1)], { delayMs: 70_000 }), /delayMs/);
    assert.throws(() => encodeApng([pattern(2, 2, 1)], { delayMs: [1, 2] }), /delayMs/);
  });
});

describe('encodePngAsync and encodeApngAsync (the browser path, with an asynchronous compressor)', () => {
  const deflate = async (bytes: Uint8Array) => new Uint8Array(deflateSync(bytes));

  it('write the same pictures the synchronous encoders do', async () => {
    const { encodeApngAsync, encodePngAsync } = await import('../../src/pipeline/image/apng.js');
    const frames = [pattern(7, 4, 1), pattern(7, 4, 2)];
    const still = await encodePngAsync(frames[0]!, deflate);
    assert.deepEqual(decodePng(still, 7, 4).data, frames[0]!.data);
    const animated = await encodeApngAsync(frames, { delayMs: 50, compress: deflate });
    assert.deepEqual(chunks(animated).map((c) => c.type), ['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'IEND']);
    const fdAT = chunks(animated)[5]!.data;
    assert.deepEqual(unfilterScanlines(new Uint8Array(inflateSync(fdAT.subarray(4))), 7, 4), new Uint8Array(frames[1]!.data.buffer));
  });
});

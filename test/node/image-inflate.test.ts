/**
 * The library's own zlib inflate and PNG reader (recordings' pictures): exact against node:zlib
 * on every block type, and hostile input ends in their typed errors, never another error or a
 * larger buffer than asked for.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { InflateError, inflateZlib } from '../../src/pipeline/image/inflate.js';
import { PngDecodeError, decodePng } from '../../src/pipeline/image/png-decode.js';
import { encodePng } from '../../src/pipeline/image/png.js';
import { zlibStore } from '../../src/pipeline/image/zlib-store.js';
import { seededRandom } from './trajectory-steps.js';

/** Bytes with runs and repeats, so deflate uses literals, lengths and distances. */
function sample(random: () => number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) out[i] = i > 8 && random() < 0.6 ? out[i - 1 - Math.floor(random() * 8)]! : Math.floor(random() * 40);
  return out;
}

describe('inflateZlib', () => {
  it('matches node:zlib for stored, fixed and dynamic blocks, every level', () => {
    const random = seededRandom(7);
    for (const length of [0, 1, 100, 5000, 70_000]) {
      const data = sample(random, length);
      for (const stream of [zlibStore(data), ...[1, 6, 9].map((level) => deflateSync(data, { level })), deflateSync(data, { strategy: 2 }), deflateSync(data, { strategy: 4 })]) {
        assert.deepEqual(inflateZlib(stream, length), data);
      }
    }
  });

  it('refuses a stream that inflates to more or fewer bytes than asked for, or fails its checksum', () => {
    const data = sample(seededRandom(3), 2000);
    const stream = deflateSync(data);
    assert.throws(() => inflateZlib(stream, 1999), InflateError);
    assert.throws(() => inflateZlib(stream, 2001), InflateError);
    const badSum = stream.slice();
    badSum[badSum.length - 1]! ^= 1;
    assert.throws(() => inflateZlib(badSum, 2000), /Adler-32/);
  });

  it('4000 random mutations: each inflates or throws InflateError', () => {
    const random = seededRandom(11);
    const data = sample(random, 3000);
    const streams = [deflateSync(data), deflateSync(data, { strategy: 4 }), zlibStore(data)];
    let refused = 0;
    for (let round = 0; round < 4000; round += 1) {
      const mutated = Uint8Array.from(streams[round % 3]!);
      for (let n = 1 + Math.floor(random() * 3); n > 0; n -= 1) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      const cut = random() < 0.2 ? mutated.subarray(0, Math.floor(random() * mutated.length)) : mutated;
      try {
        assert.equal(inflateZlib(cut, data.length).length, data.length);
      } catch (error) {
        if (!(error instanceof InflateError)) assert.fail(`round ${round}: ${(error as Error)?.stack ?? String(error)}`);
        refused += 1;
      }
    }
    assert.ok(refused > 3500, String(refused));
  });
});

describe('decodePng', () => {
  const image = { width: 5, height: 3, data: Uint8ClampedArray.from(sample(seededRandom(5), 60)) };

  it('reads back what encodePng writes, compressed or stored', () => {
    for (const compress of [undefined, (bytes: Uint8Array) => deflateSync(bytes)]) {
      assert.deepEqual(decodePng(encodePng(image, compress), 5, 3).data, image.data);
    }
  });

  it('refuses another size, another pixel format or a damaged chunk with PngDecodeError', () => {
    const png = encodePng(image, (bytes) => deflateSync(bytes));
    assert.throws(() => decodePng(png, 3, 5), /is 5×3, not 3×5/);
    const grey = png.slice();
    grey[25] = 0; // colour type
    assert.throws(() => decodePng(grey, 5, 3), PngDecodeError);
    const damaged = png.slice();
    damaged[40]! ^= 0xff;
    assert.throws(() => decodePng(damaged, 5, 3), PngDecodeError);
    assert.throws(() => decodePng(png.subarray(0, png.length - 5), 5, 3), PngDecodeError);
  });
});

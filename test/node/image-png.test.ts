import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as nodeCrc32, deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from '../../src/pipeline/image/crc32.js';
import { adler32, zlibStore } from '../../src/pipeline/image/zlib-store.js';
import { encodePng } from '../../src/pipeline/image/png.js';
import type { RgbaImage } from '../../src/pipeline/image/rgba-image.js';
import { InvalidOptionError } from '../../src/errors.js';
import { decodePng } from './image-png-decode.js';
import { seededRandom } from './trajectory-steps.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A smooth gradient with a noisy patch: every filter type wins somewhere. */
function testImage(width: number, height: number): RgbaImage {
  const random = seededRandom(7);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const noisy = x < width / 3 && y < height / 2;
      const i = (y * width + x) * 4;
      data[i] = noisy ? random() * 256 : x * 4;
      data[i + 1] = noisy ? random() * 256 : y * 3;
      data[i + 2] = (x * y) & 0xff;
      data[i + 3] = 255 - x;
    }
  }
  return { width, height, data };
}

describe('CRC-32 and zlib store', () => {
  it('gives the standard check values', () => {
    assert.equal(crc32(ascii('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
    assert.equal(adler32(ascii('Wikipedia')), 0x11e60398);
    assert.equal(adler32(new Uint8Array(0)), 1);
  });

  it('matches node:zlib on random data, including when continued across pieces', () => {
    const random = seededRandom(3);
    const bytes = Uint8Array.from({ length: 10_000 }, () => random() * 256);
    assert.equal(crc32(bytes), nodeCrc32(bytes));
    assert.equal(crc32(bytes.subarray(4000), crc32(bytes.subarray(0, 4000))), nodeCrc32(bytes));
  });

  it('makes streams node:zlib inflates back, across block boundaries', () => {
    const random = seededRandom(4);
    for (const size of [0, 1, 65_535, 65_536, 200_003]) {
      const bytes = Uint8Array.from({ length: size }, () => random() * 256);
      assert.deepEqual(new Uint8Array(inflateSync(zlibStore(bytes))), bytes, `size ${size}`);
    }
  });
});

describe('PNG encoder', () => {
  it('round-trips pixels uncompressed, with unfiltered rows', () => {
    const image = testImage(37, 23);
    const png = decodePng(encodePng(image));
    assert.deepEqual(png.chunkTypes, ['IHDR', 'IDAT', 'IEND']);
    assert.equal(png.width, 37);
    assert.equal(png.height, 23);
    assert.deepEqual(png.data, new Uint8Array(image.data.buffer));
    assert.ok(png.filterTypes.every((type) => type === 0));
  });

  it('round-trips pixels deflated, choosing filters per row, and compresses', () => {
    const image = testImage(64, 48);
    const bytes = encodePng(image, (raw) => deflateSync(raw));
    const png = decodePng(bytes);
    assert.deepEqual(png.data, new Uint8Array(image.data.buffer));
    assert.ok(new Set(png.filterTypes).size >= 2, `filters used: ${png.filterTypes}`);
    assert.ok(bytes.length < encodePng(image).length / 2);
  });

  it('is read by an independent decoder (PIL) when Debian python is present', (t) => {
    if (!existsSync('/usr/bin/python3')) return t.skip('no /usr/bin/python3');
    const dir = mkdtempSync(join(tmpdir(), 'png-'));
    try {
      const image = testImage(20, 10);
      writeFileSync(join(dir, 'a.png'), encodePng(image, (raw) => deflateSync(raw)));
      const script = `import sys,hashlib; from PIL import Image; im=Image.open(sys.argv[1]); print(im.mode, im.size, hashlib.sha256(im.tobytes()).hexdigest())`;
      const result = spawnSync('/usr/bin/python3', ['-c', script, join(dir, 'a.png')], { encoding: 'utf8' });
      if (result.status !== 0 && /No module named/.test(result.stderr)) return t.skip('PIL missing');
      const expected = spawnSync('/usr/bin/python3', ['-c', 'import sys,hashlib; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'], { input: image.data });
      assert.equal(result.stdout.trim(), `RGBA (20, 10) ${expected.stdout.toString().trim()}`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses an impossible image, naming it', () => {
    assert.throws(() => encodePng({ width: 0, height: 1, data: new Uint8ClampedArray(0) }), InvalidOptionError);
    assert.throws(() => encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(15) }), (e: unknown) => e instanceof InvalidOptionError && e.field === 'image');
  });
});

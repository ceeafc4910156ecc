import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InvalidOptionError } from '../../src/errors.js';
import { MAX_SEED, parseSeed, randomSeed } from '../../src/pipeline/math/seed.js';
import { TorchGenerator, randn } from '../../src/pipeline/math/torch-random.js';
import { decodeValues, replayCase, type RandnIndex } from '../fixtures/torch-randn/fixture.js';

const fixtureDir = new URL('../fixtures/torch-randn/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', fixtureDir), 'utf8')) as RandnIndex;
const bytes = readFileSync(new URL('values.f32', fixtureDir));
const values = decodeValues(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), index.floats);

for (const testCase of index.cases) {
  test(`torch.randn parity (torch ${index.torch}, ${index.cpuCapability}): ${testCase.name}`, () => {
    assert.equal(replayCase(testCase, values), null);
  });
}

const bitsOf = (data: Float32Array) => [...new Uint32Array(data.buffer)];

test('randn(shape, seed) is a fresh generator\'s first draw', () => {
  assert.deepEqual(bitsOf(randn([2, 9], 1234)), bitsOf(new TorchGenerator(1234).randn([2, 9])));
});

test('seeds that agree in their low 32 bits give the same noise, as in torch', () => {
  assert.deepEqual(bitsOf(randn([40], 2n ** 32n + 5n)), bitsOf(randn([40], 5)));
  assert.deepEqual(bitsOf(randn([3], '4294967301')), bitsOf(randn([3], 5)));
});

test('an empty shape draws nothing and leaves the generator where it was', () => {
  const generator = new TorchGenerator(9);
  assert.equal(generator.randn([4, 0]).length, 0);
  assert.deepEqual(bitsOf(generator.randn([20])), bitsOf(randn([20], 9)));
});

test('bad seeds are typed errors naming the field', () => {
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 53, MAX_SEED + 1n, -1n, '12abc', '', '1e3', null, {}]) {
    assert.throws(() => new TorchGenerator(bad as never), (error: unknown) => {
      return error instanceof InvalidOptionError && error.field === 'seed';
    }, `seed ${String(bad)}`);
  }
  assert.throws(() => parseSeed(-3, 'noiseSeed'), { name: 'InvalidOptionError', message: /^noiseSeed: / });
});

test('parseSeed accepts integers, bigints and digit strings up to 2^64−1', () => {
  assert.equal(parseSeed(0), 0n);
  assert.equal(parseSeed(Number.MAX_SAFE_INTEGER), 9007199254740991n);
  assert.equal(parseSeed('18446744073709551615'), MAX_SEED);
  assert.equal(parseSeed(' 42 '), 42n);
  assert.equal(parseSeed(MAX_SEED), MAX_SEED);
});

test('randomSeed gives a valid seed', () => {
  const seed = randomSeed();
  assert.equal(parseSeed(seed), seed);
});

test('bad shapes are typed errors naming the shape', () => {
  for (const shape of [[-1], [1.5], [Number.NaN], [2, Number.POSITIVE_INFINITY]]) {
    assert.throws(() => randn(shape, 0), { name: 'InvalidOptionError', message: /^shape: / });
  }
});

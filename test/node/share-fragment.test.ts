import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changedFields, readSharedFields, shareKey, writeSharedFields } from '../../src/components/shared/share-fragment.js';

const fields = (entries: [string, string][]) => new Map(entries);

describe('share fragment codec', () => {
  it('keys an element by its id, else by tag and 1-based position', () => {
    assert.equal(shareKey('hero', 'lx-denoising-player', 3), 'hero');
    assert.equal(shareKey('  ', 'LX-SEED-COMPARISON', 0), 'lx-seed-comparison-1');
    assert.equal(shareKey('', 'lx-latent-walk', 1), 'lx-latent-walk-2');
  });

  it('round-trips values with the characters that delimit the format', () => {
    const state = fields([
      ['prompt', 'a sheep & a cow = 2 #friends. 100% 🐑'],
      ['seed', '18446744073709551615'],
      ['expression', 'king - man + woman'],
    ]);
    const hash = writeSharedFields('', 'my.figure', state);
    assert.ok(hash.startsWith('#my.figure.prompt='));
    assert.equal(hash.split('#').length, 2, 'no raw # inside the fragment');
    assert.deepEqual(readSharedFields(hash, 'my.figure'), state);
    assert.deepEqual(readSharedFields(hash, 'my'), new Map());
  });

  it('keeps other elements and plain anchors where they were', () => {
    const start = '#intro&a.seed=1&b.seed=2&a.steps=9';
    const next = writeSharedFields(start, 'a', fields([['seed', '5']]));
    assert.equal(next, '#intro&a.seed=5&b.seed=2');
    assert.deepEqual(readSharedFields(next, 'b'), fields([['seed', '2']]));
    assert.equal(writeSharedFields(next, 'c', fields([['step', '3']])), '#intro&a.seed=5&b.seed=2&c.step=3');
  });

  it('removes an element whose state is back to the author’s, and empties the fragment', () => {
    assert.equal(writeSharedFields('#a.seed=5', 'a', new Map()), '');
    assert.equal(writeSharedFields('#top&a.seed=5', 'a', new Map()), '#top');
    assert.equal(writeSharedFields('', 'a', new Map()), '');
  });

  it('reads hand-edited fragments without throwing: malformed escapes literally, junk ignored', () => {
    assert.deepEqual(readSharedFields('#a.seed=%zz&&=&.x=1&a.=2&a.steps=%32%30', 'a'), fields([['seed', '%zz'], ['steps', '20']]));
    assert.deepEqual(readSharedFields('a.seed=7', 'a'), fields([['seed', '7']]), 'with or without the #');
    assert.deepEqual(readSharedFields('#a.prompt=x=y', 'a'), fields([['prompt', 'x=y']]));
  });

  it('carries only the fields that differ from the author’s attributes', () => {
    const baseline = fields([['seed', '42'], ['steps', '20'], ['step', '']]);
    const current = fields([['seed', '7'], ['steps', '20'], ['step', '5']]);
    assert.deepEqual(changedFields(current, baseline), fields([['seed', '7'], ['step', '5']]));
  });
});

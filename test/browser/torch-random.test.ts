import { expect } from '@open-wc/testing';
import { decodeValues, replayCase, type RandnIndex } from '../fixtures/torch-randn/fixture.js';

// The same parity check as the Node test, in Chromium: the browser's float math must give the
// very same bits, or widgets and the CLI would draw different noise for one seed.
describe('torch.randn parity in the browser', () => {
  it('replays every committed torch reference case bit for bit', async () => {
    const base = '/test/fixtures/torch-randn/';
    const index = (await (await fetch(`${base}index.json`)).json()) as RandnIndex;
    const values = decodeValues(await (await fetch(`${base}values.f32`)).arrayBuffer(), index.floats);
    expect(index.cases.length).to.be.greaterThan(50);
    const failures = index.cases
      .map((testCase) => ({ name: testCase.name, mismatch: replayCase(testCase, values) }))
      .filter((result) => result.mismatch !== null);
    expect(failures).to.deep.equal([]);
  });
});

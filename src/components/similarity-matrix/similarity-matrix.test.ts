import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './similarity-matrix.js';
import type { LxSimilarityMatrix } from './similarity-matrix.component.js';
import { loadEmbeddings } from '../../explorers/table/load-asset.js';
import { UnknownWordError } from '../../explorers/errors.js';

async function ready(template: ReturnType<typeof html>): Promise<LxSimilarityMatrix> {
  const el = await fixture<LxSimilarityMatrix>(template);
  await loadEmbeddings();
  await el.updateComplete;
  await el.updateComplete;
  return el;
}

describe('lx-similarity-matrix', () => {
  it('draws every pair of the real vectors, symmetric with ones on the diagonal', async () => {
    const el = await ready(html`<lx-similarity-matrix words="king, queen, cat, dog"></lx-similarity-matrix>`);
    const { words, values } = el.result!;
    expect(words).to.deep.equal(['king', 'queen', 'cat', 'dog']);
    for (let i = 0; i < 4; i++) {
      expect(values[i * 4 + i]).to.be.closeTo(1, 1e-5);
      for (let j = 0; j < 4; j++) expect(values[i * 4 + j]).to.be.closeTo(values[j * 4 + i]!, 1e-6);
    }
    expect(values[1]!, 'king·queen beats king·cat').to.be.greaterThan(values[2]!);
    expect(values[2 * 4 + 3]!, 'cat·dog is high').to.be.greaterThan(0.8);
    expect(el.shadowRoot!.querySelectorAll('svg rect.cell')).to.have.length(16);
    expect(el.shadowRoot!.querySelectorAll('table td')).to.have.length(1 + 16, 'a corner cell plus the values, for screen readers');
  });

  it('recomputes for the words the reader types and reports unknown ones', async () => {
    const el = await ready(html`<lx-similarity-matrix></lx-similarity-matrix>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=words]')!;
    input.value = 'paris; rome  berlin';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(el.result!.words).to.deep.equal(['paris', 'rome', 'berlin']);
    const failed = oneEvent(el, 'lx-error');
    el.words = 'paris, romme';
    expect((await failed).detail.error).to.be.instanceOf(UnknownWordError);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('"romme"').and.to.contain('"rome"');
    el.words = 'alone';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('data-field')).to.equal('words');
  });

  it('is accessible', async () => {
    const el = await ready(html`<lx-similarity-matrix theme="dark" words="hot cold warm"></lx-similarity-matrix>`);
    await expect(el).to.be.accessible();
  });

  for (const width of [360, 390]) {
    it(`fits a ${width} px wide page: the hidden table of values does not widen it`, async () => {
      // Positioned like a page body, so the absolutely positioned table counts towards its overflow.
      const page = await fixture<HTMLDivElement>(html`<div style="position: relative; width: ${width}px; overflow: auto">
        <lx-similarity-matrix></lx-similarity-matrix>
      </div>`);
      const el = page.querySelector('lx-similarity-matrix')!;
      await loadEmbeddings();
      await el.updateComplete;
      await el.updateComplete;
      expect(el.result!.words).to.have.length(10);
      expect(page.scrollWidth, 'no sideways scrolling').to.be.at.most(page.clientWidth);
      const table = el.shadowRoot!.querySelector('table')!;
      expect(table.querySelectorAll('td')).to.have.length(1 + 100, 'the values are still there for screen readers');
    });
  }
});

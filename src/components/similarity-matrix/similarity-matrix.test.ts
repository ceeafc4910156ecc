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

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps every cell value readable on its cell in the ${theme} theme`, async () => {
      const el = await ready(html`<lx-similarity-matrix theme=${theme} words="king, queen, cat, banana"></lx-similarity-matrix>`);
      const luminance = (colour: string) => {
        const [r, g, b] = colour.match(/\d+(\.\d+)?/g)!.map(Number).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const rects = el.shadowRoot!.querySelectorAll<SVGRectElement>('svg rect.cell');
      const labels = el.shadowRoot!.querySelectorAll<SVGTextElement>('svg text.value');
      expect(labels).to.have.length(rects.length);
      labels.forEach((label, i) => {
        const [a, b] = [luminance(getComputedStyle(label).fill), luminance(getComputedStyle(rects[i]!).fill)].sort((x, y) => y - x);
        expect((a! + 0.05) / (b! + 0.05), `contrast of ${label.textContent}`).to.be.greaterThan(3);
      });
    });
  }

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
  it('compares the reader\'s own TSV vectors loaded by URL, and names the URL when the download fails', async () => {
    const vectors = URL.createObjectURL(new Blob(['1\t0\t0\n0.9\t0.1\t0\n0\t1\t0\n'], { type: 'text/tab-separated-values' }));
    const metadata = URL.createObjectURL(new Blob(['cat\nkitten\ncar\n']));
    const el = document.createElement('lx-similarity-matrix');
    el.words = 'cat, kitten, car';
    el.vectorsSrc = vectors;
    el.metadataSrc = metadata;
    const drawn = oneEvent(el, 'lx-result');
    document.body.append(el);
    const { matrix } = (await drawn).detail;
    expect(matrix.words).to.deep.equal(['cat', 'kitten', 'car']);
    expect(matrix.values[1]).to.be.closeTo(0.9 / Math.hypot(0.9, 0.1), 1e-6);
    expect(matrix.values[2]).to.be.closeTo(0, 1e-6);
    const failed = oneEvent(el, 'lx-error');
    el.vectorsSrc = `${location.origin}/no/such/vectors.tsv`;
    const { error } = (await failed).detail;
    expect(error.code).to.equal('embedding-load');
    expect(error.message).to.contain('/no/such/vectors.tsv: the server answered 404');
    el.remove();
  });
});

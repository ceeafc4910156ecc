import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './vector-arithmetic.js';
import type { LxVectorArithmetic } from './vector-arithmetic.component.js';
import { loadEmbeddings } from '../../explorers/table/load-asset.js';
import { UnknownWordError, ExpressionSyntaxError } from '../../explorers/errors.js';

const answersOf = (el: LxVectorArithmetic) => [...el.shadowRoot!.querySelectorAll('[part=answers] li .word')].map((li) => li.textContent);

async function solved(template: ReturnType<typeof html>): Promise<LxVectorArithmetic> {
  const el = await fixture<LxVectorArithmetic>(template);
  await loadEmbeddings();
  await el.updateComplete;
  await el.updateComplete;
  return el;
}

describe('lx-vector-arithmetic', () => {
  it('loads the shipped GloVe asset with progress and answers king − man + woman with queen', async () => {
    const el = document.createElement('lx-vector-arithmetic');
    const ready = oneEvent(el, 'lx-ready');
    const result = oneEvent(el, 'lx-result');
    document.body.append(el);
    expect((await ready).detail.table.size).to.be.within(50_000, 50_100);
    expect((await result).detail.solution.answers[0].label).to.equal('queen');
    await el.updateComplete;
    expect(answersOf(el)[0]).to.equal('queen');
    expect(el.shadowRoot!.querySelector('[part=answers] li .score')!.textContent).to.match(/^0\.\d{3}$/);
    expect(el.shadowRoot!.querySelectorAll('svg line.step')).to.have.length(2, 'one arrow per term after the first');
    expect(el.shadowRoot!.querySelector('[aria-live]')!.textContent).to.contain('nearest to queen');
    el.remove();
  });

  it('solves what the reader types, with either method', async () => {
    const el = await solved(html`<lx-vector-arithmetic top-k="3"></lx-vector-arithmetic>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=expression]')!;
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('select[name=method]')!;
    input.value = 'paris - france + italy';
    select.value = '3cosmul';
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await el.updateComplete;
    expect(answersOf(el)).to.have.length(3);
    expect(answersOf(el)[0]).to.equal('rome');
    expect(el.result!.method).to.equal('3cosmul');
  });

  it('shows an unknown word as a typed error with suggestions, in the element and as lx-error', async () => {
    const el = await solved(html`<lx-vector-arithmetic></lx-vector-arithmetic>`);
    const failed = oneEvent(el, 'lx-error');
    el.expression = 'kign - man + woman';
    const { error } = (await failed).detail;
    expect(error).to.be.instanceOf(UnknownWordError);
    await el.updateComplete;
    const box = el.shadowRoot!.querySelector('[part=error]')!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.textContent).to.contain('"kign" is not in the vocabulary').and.to.contain('"king"');
    expect(el.shadowRoot!.querySelector('[part=answers]')).to.equal(null);
  });

  it('reports syntax errors with their position and bad attributes by name', async () => {
    const el = await solved(html`<lx-vector-arithmetic expression="king - (man"></lx-vector-arithmetic>`);
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('at character 12');
    el.expression = 'king';
    el.topK = 'abc';
    await el.updateComplete;
    const box = el.shadowRoot!.querySelector('[part=error]')!;
    expect(box.getAttribute('data-field')).to.equal('top-k');
    el.topK = '5';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    expect(new ExpressionSyntaxError('x', { start: 0, end: 1 }).code).to.equal('expression-syntax');
  });

  it('uses a table set by the page instead of loading, and a bad src fails visibly', async () => {
    const table = await loadEmbeddings();
    const el = await fixture<LxVectorArithmetic>(html`<lx-vector-arithmetic .table=${table} expression="tokyo - japan + france"></lx-vector-arithmetic>`);
    await el.updateComplete;
    expect(answersOf(el)[0]).to.equal('paris');
    const broken = await fixture<LxVectorArithmetic>(html`<lx-vector-arithmetic src="/no/such/asset.lxemb"></lx-vector-arithmetic>`);
    await oneEvent(broken, 'lx-error');
    await broken.updateComplete;
    expect(broken.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('404');
    expect(broken.shadowRoot!.querySelector('[part=progress]')).to.equal(null, 'no stuck progress bar');
  });

  it('is accessible in light and dark themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await solved(html`<lx-vector-arithmetic theme=${theme}></lx-vector-arithmetic>`);
      await expect(el).to.be.accessible();
    }
  });
});

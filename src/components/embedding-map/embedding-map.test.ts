import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './embedding-map.js';
import type { LxEmbeddingMap } from './embedding-map.component.js';
import { loadEmbeddings } from '../../explorers/table/load-asset.js';
import { UnknownWordError } from '../../explorers/errors.js';
import { placeLabels } from './place-labels.js';
import { WORD_SETS } from '../../explorers/word-sets.js';

async function ready(template: ReturnType<typeof html>): Promise<LxEmbeddingMap> {
  const el = await fixture<LxEmbeddingMap>(template);
  await loadEmbeddings();
  await el.updateComplete;
  await el.updateComplete;
  return el;
}

const pointAt = (el: LxEmbeddingMap, word: string) => {
  const g = el.shadowRoot!.querySelector<SVGGElement>(`g.point[data-word="${word}"]`)!;
  const [x, y] = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform')!)!.slice(1).map(Number);
  return { g, x: x!, y: y! };
};

describe('lx-embedding-map', () => {
  it('draws a preset with PCA and says how much it distorts', async () => {
    const el = await ready(html`<lx-embedding-map preset="countries-capitals"></lx-embedding-map>`);
    expect(el.result!.words).to.include.members(['paris', 'rome', 'france']);
    expect(el.shadowRoot!.querySelectorAll('g.point')).to.have.length(el.result!.words.length);
    const distortion = el.shadowRoot!.querySelector('[part=distortion]')!.textContent!;
    expect(distortion).to.match(/Neighbour preservation: \d+% of each word's 5 nearest neighbours in\s+100-d/);
    expect(el.result!.preservation.mean).to.be.within(0, 1);
    expect(el.shadowRoot!.querySelector('.note')!.textContent).to.match(/PCA keeps \d+%/);
  });

  it('custom axes put "from" at 0 and "to" at 1: woman is right of man, king above man', async () => {
    const el = await ready(html`<lx-embedding-map projection="axes" x-from="man" x-to="woman" y-from="man" y-to="king"></lx-embedding-map>`);
    const at = (word: string) => el.result!.words.indexOf(word);
    const { points } = el.result!;
    expect(points[2 * at('man')]).to.be.closeTo(0, 1e-5);
    expect(points[2 * at('woman')]).to.be.closeTo(1, 1e-5);
    expect(points[2 * at('king') + 1]).to.be.closeTo(1, 1e-5);
    expect(pointAt(el, 'woman').x).to.be.greaterThan(pointAt(el, 'man').x);
    expect(pointAt(el, 'king').y).to.be.lessThan(pointAt(el, 'man').y, 'SVG y grows downwards');
    expect(el.shadowRoot!.querySelector('.note')!.textContent).to.contain('apart');
  });

  it('draws an expression as exact arrows on a linear map, ending on the projected result', async () => {
    const el = await ready(html`<lx-embedding-map projection="axes" expression="king - man + woman"></lx-embedding-map>`);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('g.overlay line.step')).to.have.length(2);
    const arrowhead = el.shadowRoot!.querySelector('svg[part=map] marker#map-arrow');
    expect(arrowhead, 'the arrowhead the steps point to is in the map').to.be.instanceOf(SVGMarkerElement);
    const ring = el.shadowRoot!.querySelector('g.overlay circle.result')!;
    const [man, woman, king] = ['man', 'woman', 'king'].map((word) => pointAt(el, word));
    // A linear map keeps the parallelogram: result − king = woman − man, on screen too.
    expect(Number(ring.getAttribute('cx')) - king!.x).to.be.closeTo(woman!.x - man!.x, 1e-2);
    expect(Number(ring.getAttribute('cy')) - king!.y).to.be.closeTo(woman!.y - man!.y, 1e-2);
    expect(el.shadowRoot!.querySelector('[part=overlay-note]')!.textContent).to.contain('exactly one term');
    el.expression = 'king - mna';
    await oneEvent(el, 'lx-error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('g.overlay circle.result')).to.equal(null);
  });

  it('selects a word from the keyboard and lists its neighbours in the whole vocabulary', async () => {
    const el = await ready(html`<lx-embedding-map neighbours="5"></lx-embedding-map>`);
    const { g } = pointAt(el, 'queen');
    expect(g.getAttribute('tabindex')).to.equal('0');
    expect(g.getAttribute('aria-label')).to.equal('queen');
    const selected = oneEvent(el, 'lx-select');
    g.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    const detail = (await selected).detail;
    expect(detail.word).to.equal('queen');
    expect(detail.neighbours).to.have.length(5);
    await el.updateComplete;
    const items = [...el.shadowRoot!.querySelectorAll('[part=neighbours] li')].map((li) => li.textContent);
    expect(items).to.have.length(5);
    expect(items.join(' ')).to.contain('princess');
    expect(el.shadowRoot!.querySelector('g.point.selected')!.getAttribute('data-word')).to.equal('queen');
  });

  it('searches: unknown words and words off the map are typed errors', async () => {
    const el = await ready(html`<lx-embedding-map></lx-embedding-map>`);
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=search]')!;
    search.value = 'qeen';
    const failed = oneEvent(el, 'lx-error');
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    expect((await failed).detail.error).to.be.instanceOf(UnknownWordError);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('"queen"');
    el.selectWord('banana');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('data-field')).to.equal('search');
  });

  it('takes the reader\'s words and reports bad attributes by name', async () => {
    const el = await ready(html`<lx-embedding-map preset="custom" words="apple, banana, cherry, car, bus, train"></lx-embedding-map>`);
    expect(el.result!.words).to.deep.equal(['apple', 'banana', 'cherry', 'car', 'bus', 'train']);
    el.projection = 'tsne';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('data-field')).to.equal('projection');
  });

  it('maps the pocket model\'s vocabulary, listing the preset words the table lacks instead of failing', async () => {
    const el = await ready(html`<lx-embedding-map preset="pocket-vocabulary"></lx-embedding-map>`);
    const preset = WORD_SETS.find((set) => set.id === 'pocket-vocabulary')!.words;
    const table = await loadEmbeddings();
    const missing = preset.filter((word) => !table.has(word));
    expect(el.result!.words).to.deep.equal(preset.filter((word) => table.has(word)));
    expect(el.result!.words).to.include.members(['sheep', 'motorcycle', 'sunset']);
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    const note = el.shadowRoot!.querySelector('.note.missing');
    if (missing.length) expect(note!.textContent).to.contain(missing.join(', '));
    else expect(note).to.equal(null);
  });

  it('zooms with the wheel and keeps labels from overlapping', async () => {
    const el = await ready(html`<lx-embedding-map preset="animals-vehicles"></lx-embedding-map>`);
    const before = pointAt(el, 'dog');
    const svg = el.shadowRoot!.querySelector('svg')!;
    const box = svg.getBoundingClientRect();
    svg.dispatchEvent(new WheelEvent('wheel', { deltaY: -400, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = pointAt(el, 'dog');
    expect(Math.hypot(after.x - before.x, after.y - before.y)).to.be.greaterThan(1);
    // A crowded label tries the other sides of its dot; when all four are taken it is hidden.
    const crowd = ['alpha', 'beta', 'gamma', 'delta', 'omega'].map((text, priority) => ({ x: 0, y: 0, text, priority }));
    const shown = placeLabels([...crowd, { x: 0, y: 200, text: 'far', priority: 9 }]);
    expect([...shown.keys()].sort()).to.deep.equal([0, 1, 2, 3, 5], 'the lowest-priority label of five on one dot is hidden');
    expect(new Set([...shown.values()].map((spot) => `${spot.anchor}${spot.dy}`)).size).to.equal(4, 'four different spots');
  });

  it('UMAP failures (here: a worker that cannot start) are shown, with no stuck progress bar', async () => {
    const el = await ready(html`<lx-embedding-map></lx-embedding-map>`);
    const failed = oneEvent(el, 'lx-error');
    el.umapWorker = () => new Worker(URL.createObjectURL(new Blob(['throw new Error("no umap here")'], { type: 'text/javascript' })));
    el.projection = 'umap';
    const { error } = (await failed).detail;
    expect(error.code).to.equal('umap-worker');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('UMAP worker failed');
    expect(el.shadowRoot!.querySelector('[part=progress]')).to.equal(null);
  });

  it('is accessible in light and dark themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await ready(html`<lx-embedding-map theme=${theme}></lx-embedding-map>`);
      await expect(el).to.be.accessible();
    }
  });
});

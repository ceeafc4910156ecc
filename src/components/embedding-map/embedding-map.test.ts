import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './embedding-map.js';
import type { LxEmbeddingMap } from './embedding-map.component.js';
import { loadEmbeddings } from '../../explorers/table/load-asset.js';
import { UnknownWordError } from '../../explorers/errors.js';
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

  it('searches the whole vocabulary: unknown words are typed errors, words off the map list their neighbours', async () => {
    const el = await ready(html`<lx-embedding-map></lx-embedding-map>`);
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=search]')!;
    search.value = 'qeen';
    const failed = oneEvent(el, 'lx-error');
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    expect((await failed).detail.error).to.be.instanceOf(UnknownWordError);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('"queen"');
    // "ewe" (the seed article's example) is in the vocabulary but not on the royalty map.
    search.value = 'ewe';
    const selected = oneEvent(el, 'lx-select');
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    const detail = (await selected).detail;
    expect(detail).to.include({ word: 'ewe', onMap: false });
    expect(detail.neighbours).to.have.length(8);
    expect(detail.neighbours.map((n: { label: string }) => n.label)).to.not.include('ewe');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]'), 'the typo error is gone').to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=neighbours]')!.textContent).to.contain('not on this map');
    const result = oneEvent(el, 'lx-result');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.add-word')!.click();
    await result;
    expect(el.preset).to.equal('custom');
    expect(el.result!.words).to.include.members(['ewe', 'king', 'queen']);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('g.point.selected')!.getAttribute('data-word')).to.equal('ewe');
  });

  it('keeps the known words of the reader\'s list and names the skipped ones; bad attributes by name', async () => {
    const el = await ready(html`<lx-embedding-map preset="custom" words="apple, banana, cherry, car, bus, train, ewe, bananna, zqxjw"></lx-embedding-map>`);
    expect(el.result!.words).to.deep.equal(['apple', 'banana', 'cherry', 'car', 'bus', 'train', 'ewe']);
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    const skipped = el.shadowRoot!.querySelector('[part=skipped]')!.textContent!;
    expect(skipped).to.contain('bananna (did you mean banana');
    expect(skipped).to.contain('zqxjw');
    expect(el.shadowRoot!.querySelectorAll('g.point')).to.have.length(7);
  });

  it('after an error the picture agrees with the controls: no stale map of another projection', async () => {
    const el = await ready(html`<lx-embedding-map preset="custom" words="apple, banana, cherry, car, bus, train"></lx-embedding-map>`);
    expect(el.shadowRoot!.querySelectorAll('g.point')).to.have.length(6);
    el.projection = 'tsne';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('data-field')).to.equal('projection');
    expect(el.result).to.equal(undefined);
    expect(el.shadowRoot!.querySelectorAll('g.point'), 'the PCA picture is not left under a control that no longer says PCA').to.have.length(0);
    el.projection = 'pca';
    await el.updateComplete;
    expect(el.result!.projection).to.equal('pca');
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('select[name=projection]')!.value).to.equal('pca');
    expect(el.shadowRoot!.querySelectorAll('g.point')).to.have.length(6);
    el.words = 'zqxjw, qqqqz';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('data-field')).to.equal('words');
    expect(el.shadowRoot!.querySelectorAll('g.point')).to.have.length(0);
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
    // Where crowded labels go (placeLabels) is tested in Node: test/node/element-helpers.test.ts.
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
    expect(el.result, 'the PCA layout is not left under a control that says UMAP').to.equal(undefined);
    expect(el.shadowRoot!.querySelectorAll('g.point')).to.have.length(0);
  });

  it('re-fits UMAP live in the worker from its n-neighbors and min-dist knobs, with progress and the score beside them', async () => {
    // The test server compiles TypeScript on request, so the worker is started from its source.
    const worker = () => new Worker(new URL('../../explorers/umap/umap.worker.ts', import.meta.url), { type: 'module' });
    const el = await ready(html`<lx-embedding-map preset="countries-capitals" projection="umap" n-neighbors="5" min-dist="0.5" .umapWorker=${worker}></lx-embedding-map>`);
    if (el.result?.projection !== 'umap') await oneEvent(el, 'lx-result');
    expect(el.result!.note).to.contain('5 neighbours').and.contain('min-dist 0.5');
    await el.updateComplete;
    const score = () => el.shadowRoot!.querySelector('[part=umap-score]')!.textContent!;
    expect(score()).to.match(/^\d+% of 5-NN kept$/);
    expect(score()).to.contain(`${Math.round(100 * el.result!.preservation.mean)}%`);
    const before = el.result!.points;
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=nNeighbors]')!;
    const progress = oneEvent(el, 'lx-progress');
    const refit = oneEvent(el, 'lx-result');
    slider.value = '12';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    expect((await progress).detail.phase).to.match(/^umap-/);
    await el.updateComplete;
    expect(score()).to.contain('re-fitting');
    expect(el.shadowRoot!.querySelector('[part=progress]')).to.not.equal(null);
    await refit;
    expect(el.nNeighbors).to.equal('12');
    expect(el.result!.note).to.contain('12 neighbours');
    expect(Array.from(el.result!.points)).to.not.deep.equal(Array.from(before));
    await el.updateComplete;
    expect(score()).to.not.contain('re-fitting');
    expect(el.shadowRoot!.querySelector('[part=progress]')).to.equal(null);
    el.setAttribute('min-dist', '0');
    await oneEvent(el, 'lx-error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('data-field')).to.equal('min-dist');
  });

  it('maps the reader\'s own TSV vectors from the file picker, and names the line and column of a bad one', async () => {
    const el = await ready(html`<lx-embedding-map></lx-embedding-map>`);
    const rows = Array.from({ length: 12 }, (_, i) => [Math.cos(i / 2), Math.sin(i / 2), i % 3 === 0 ? 1 : 0, 0.1 * i].join('\t'));
    const labels = ['word\tgroup', ...rows.map((_, i) => `w${i}\tg${i % 3}`)];
    const pick = (files: File[]) => {
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=tsvFiles]')!;
      const transfer = new DataTransfer();
      for (const file of files) transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const drawn = oneEvent(el, 'lx-result');
    pick([new File([labels.join('\n')], 'metadata.tsv'), new File([rows.join('\n')], 'vectors.tsv')]);
    await drawn;
    expect(el.table!.size).to.equal(12);
    expect(el.preset, 'GloVe presets do not fit: the table\'s first rows are shown').to.equal('first-rows');
    expect(el.result!.words).to.deep.equal(rows.map((_, i) => `w${i}`));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('g.point')).to.have.length(12);
    const failed = oneEvent(el, 'lx-error');
    pick([new File(['1\t2\n3\toops\n'], 'broken.tsv')]);
    const { error } = (await failed).detail;
    expect(error.code).to.equal('embedding-format');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('broken.tsv: line 2, column 2: "oops" is not a number');
  });

  it('is accessible in light and dark themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await ready(html`<lx-embedding-map theme=${theme}></lx-embedding-map>`);
      await expect(el).to.be.accessible();
    }
  });
});

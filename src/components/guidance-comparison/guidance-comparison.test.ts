import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './guidance-comparison.js';
import type { LxGuidanceComparison } from './guidance-comparison.component.js';
import { syntheticRecords } from '../../../test/browser/components-fixtures.js';

// Live sweeps on a model are in test/browser/components-live.test.ts (one model load).
describe('lx-guidance-comparison', () => {
  const runs = [syntheticRecords(3, 1), syntheticRecords(3, 7.5)];

  it('replays recorded runs, one cell per guidance scale', async () => {
    const el = await fixture<LxGuidanceComparison>(html`<lx-guidance-comparison .runs=${runs}></lx-guidance-comparison>`);
    expect(el.comparison.map((cell) => cell.label)).to.deep.equal(['guidance 1', 'guidance 7.5']);
    const canvases = el.shadowRoot!.querySelectorAll('.grid-cell canvas');
    expect(canvases).to.have.length(2);
    expect(canvases[1]!.getAttribute('aria-label')).to.contain('guidance 7.5');
  });

  it('opens the both-predictions view from the keyboard and scrubs its step', async () => {
    const el = await fixture<LxGuidanceComparison>(html`<lx-guidance-comparison .runs=${runs}></lx-guidance-comparison>`);
    const toggle = el.shadowRoot!.querySelector<HTMLInputElement>('.toggle input')!;
    toggle.focus();
    toggle.click(); // Space on a focused checkbox
    await el.updateComplete;
    const menu = el.shadowRoot!.querySelector('select:not([name])') as HTMLSelectElement;
    menu.value = '1';
    menu.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.predictions canvas')).to.have.length(3);
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('.both-controls input[type=range]')!;
    slider.value = '0';
    slider.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('canvas.cond')!.getAttribute('aria-label')).to.contain('step 1');
    await expect(el).to.be.accessible();
  });

  it('explains a cell without guidance instead of showing empty predictions', async () => {
    const el = await fixture<LxGuidanceComparison>(html`<lx-guidance-comparison .runs=${runs}></lx-guidance-comparison>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('.toggle input')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.both .hint')!.textContent).to.contain('no unconditional prediction');
  });

  for (const [name, value] of [
    ['scales', '1, abc'],
    ['scales', ''],
    ['steps', '0'],
    ['seed', '-1'],
    ['size', '7'],
  ] as const) {
    it(`shows a typed error for ${name}="${value}" and blocks Generate`, async () => {
      const el = document.createElement('lx-guidance-comparison');
      el.setAttribute(name, value);
      const failed = oneEvent(el, 'lx-error');
      document.body.append(el);
      const { detail } = await failed;
      await el.updateComplete;
      expect(detail.error.field).to.equal(name);
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(name);
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled).to.equal(true);
      el.setAttribute(name, name === 'scales' ? '1, 3' : name === 'size' ? '64' : '2');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
      el.remove();
    });
  }
});

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
    expect(el.shadowRoot!.querySelectorAll('.predictions canvas')).to.have.length(4);
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('.both-controls input[type=range]')!;
    slider.value = '0';
    slider.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('canvas.cond')!.getAttribute('aria-label')).to.contain('step 1');
    await expect(el).to.be.accessible();
  });

  it('opens on a guided cell, not the guidance-1 one, and shows ε_cond − ε_uncond scaled by a stated factor', async () => {
    const el = await fixture<LxGuidanceComparison>(html`<lx-guidance-comparison .runs=${runs}></lx-guidance-comparison>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('.toggle input')!.click();
    await el.updateComplete;
    const menu = el.shadowRoot!.querySelector('select:not([name])') as HTMLSelectElement;
    expect(menu.selectedOptions[0]!.textContent!.trim()).to.equal('guidance 7.5');
    expect(el.shadowRoot!.querySelector('.both .hint')).to.equal(null);
    // The synthetic predictions differ by a twentieth of their size: shown ×10 (1, 2 or 5 × 10ⁿ, not above 20).
    const caption = el.shadowRoot!.querySelector('.difference-caption')!.textContent!.replace(/\s+/g, ' ');
    expect(caption).to.match(/Difference εcond − εuncond, shown ×\d+: what guidance multiplies by 7\.5/);
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.difference')!;
    expect(canvas.getAttribute('aria-label')).to.match(/^Difference of the two predictions at step 3, scaled ×\d+$/);
    // The difference is not the conditional prediction's picture (the mosaics that looked alike).
    const pixels = (selector: string) => Array.from(el.shadowRoot!.querySelector<HTMLCanvasElement>(selector)!.getContext('2d')!.getImageData(0, 0, 8, 8).data);
    expect(pixels('canvas.difference')).to.not.deep.equal(pixels('canvas.cond'));
  });

  it('explains a cell without guidance instead of showing empty predictions', async () => {
    const el = await fixture<LxGuidanceComparison>(html`<lx-guidance-comparison .runs=${runs}></lx-guidance-comparison>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('.toggle input')!.click();
    await el.updateComplete;
    const menu = el.shadowRoot!.querySelector('select:not([name])') as HTMLSelectElement;
    menu.value = '0';
    menu.dispatchEvent(new Event('change'));
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

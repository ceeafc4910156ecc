import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './seed-comparison.js';
import type { LxSeedComparison } from './seed-comparison.component.js';
import { syntheticRecords } from '../../../test/browser/components-fixtures.js';

// Live sweeps on a model are in test/browser/components-live.test.ts (one model load).
describe('lx-seed-comparison', () => {
  it('replays recorded runs with their labels and prompts as alt text', async () => {
    const runs = [
      { label: 'seed 1', prompt: 'a cow', records: syntheticRecords(2, 7.5, 0) },
      { label: 'seed 2', prompt: 'a cow', records: syntheticRecords(2, 7.5, 1) },
    ];
    const el = await fixture<LxSeedComparison>(html`<lx-seed-comparison .runs=${runs}></lx-seed-comparison>`);
    const canvases = el.shadowRoot!.querySelectorAll('.grid-cell canvas');
    expect(canvases).to.have.length(2);
    expect(canvases[0]!.getAttribute('aria-label')).to.contain('"a cow", seed 1');
    await expect(el).to.be.accessible();
  });

  it('switches mode with the radio buttons and shows the matching inputs', async () => {
    const el = await fixture<LxSeedComparison>(html`<lx-seed-comparison></lx-seed-comparison>`);
    const prompts = el.shadowRoot!.querySelector<HTMLInputElement>('input[value=prompts]')!;
    prompts.focus();
    prompts.click();
    await el.updateComplete;
    expect(el.mode).to.equal('prompts');
    expect(el.shadowRoot!.querySelector('input[name=seed]')).to.not.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('Prompt edits');
  });

  for (const [name, value] of [
    ['mode', 'colours'],
    ['seeds', '1, x'],
    ['guidance', 'abc'],
    ['steps', '0'],
    ['scheduler', 'warp'],
  ] as const) {
    it(`shows a typed error for ${name}="${value}"`, async () => {
      const el = document.createElement('lx-seed-comparison');
      el.setAttribute(name, value);
      const failed = oneEvent(el, 'lx-error');
      document.body.append(el);
      const { detail } = await failed;
      await el.updateComplete;
      expect(detail.error.field).to.equal(name);
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(name);
      el.remove();
    });
  }
});

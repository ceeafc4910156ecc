import { expect, fixture, html } from '@open-wc/testing';
import './denoising-player.js';
import type { LxDenoisingPlayer } from './denoising-player.component.js';
import { syntheticRecords } from '../../../test/browser/components-fixtures.js';

describe('lx-denoising-player', () => {
  it('replays in-memory step records and scrubs without recomputing', async () => {
    const records = syntheticRecords(5);
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player theme="light" .records=${records}></lx-denoising-player>`);
    expect(el.stepRecords).to.have.length(5);
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
    expect(slider.max).to.equal('4');
    expect(slider.value).to.equal('4');
    slider.value = '1';
    slider.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(slider.getAttribute('aria-valuetext')).to.match(/^Step 2 of 5/);
    expect(el.stepRecords[1]).to.equal(records[1]);
    expect(el.shadowRoot!.querySelectorAll('canvas.channel')).to.have.length(4);
    expect(el.shadowRoot!.querySelectorAll('svg.chart path.series')).to.have.length(2);
  });

  it('plays through the steps from the keyboard-operable button', async () => {
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player .records=${syntheticRecords(3)}></lx-denoising-player>`);
    el.showStep(0);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.play')!;
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-label')).to.equal('Pause');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(el.shadowRoot!.querySelector('input[type=range]')!.getAttribute('aria-valuetext')).to.match(/^Step 3 of 3/);
  });

  it('passes an axe audit', async () => {
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player .records=${syntheticRecords(3)}></lx-denoising-player>`);
    await expect(el).to.be.accessible();
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './attention-map.js';
import type { LxAttentionMap } from './attention-map.component.js';
import { configureWasmPageModels, POCKET, SD15 } from '../../../test/browser/page-model-setup.js';
import { attentionHeatmap } from '../../pipeline/attention/attention-maps.js';
import { itRejectsBadAttributes } from '../../../test/browser/attribute-errors.js';

// Live on the shipped pocket model (its UNet exports cross-attention), 3 steps: CPU is scarce.
// The SD 1.5 fixture has SD's exact UNet interface, so no attention outputs.

const sum = (map: Float32Array) => map.reduce((a, b) => a + b, 0);
const buttons = (el: LxAttentionMap) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.word')];
const captions = (el: LxAttentionMap) => [...el.shadowRoot!.querySelectorAll('.maps figcaption')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim());

describe('lx-attention-map', function () {
  this.timeout(240_000);
  before(() => configureWasmPageModels());

  describe('live on the pocket model', () => {
    let el: LxAttentionMap;
    // Made by hand, not with fixture(): fixtures are removed after each test, and these tests share one run.
    before(async () => {
      el = document.createElement('lx-attention-map');
      Object.assign(el, { model: POCKET, steps: '3', seed: '7', prompt: 'a white sheep riding a red motorcycle' });
      document.body.append(el);
      await el.updateComplete;
      const steps: unknown[] = [];
      el.addEventListener('lx-step', (e) => steps.push((e as CustomEvent).detail));
      const done = oneEvent(el, 'lx-complete');
      await el.generate();
      await done;
      await el.updateComplete;
      expect(steps).to.have.length(3);
    });
    after(() => el.remove());

    it('lists the prompt\'s words with their share of attention, markers and padding hidden at first', () => {
      expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
      expect(buttons(el).map((b) => b.querySelector('span')!.textContent)).to.deep.equal(['a', 'white', 'sheep', 'riding', 'a', 'red', 'motorcycle']);
      for (const b of buttons(el)) expect(b.textContent!.replace(/\s+/g, ' ')).to.match(/\d %\s?of all attention\s*$/);
      expect(buttons(el).filter((b) => b.getAttribute('aria-pressed') === 'true')).to.have.length(1);
      expect(el.currentStep).to.equal(2);
    });

    it('hovering a word shows its maps, and Tab moves to the next word and shows it', async () => {
      const motorcycle = buttons(el).find((b) => b.textContent!.includes('motorcycle'))!;
      const changed = oneEvent(el, 'lx-change');
      motorcycle.dispatchEvent(new MouseEvent('mouseenter'));
      expect((await changed).detail.word.label).to.equal('motorcycle');
      await el.updateComplete;
      expect(el.words[el.selectedWord]!.label).to.equal('motorcycle');
      expect(captions(el)[0]).to.contain('“motorcycle” at step 3');
      const before = el.shownMaps!.all;

      // Tab from "sheep" (focused from script: a headless page may not fire focus for that) to "riding".
      buttons(el).find((b) => b.textContent!.includes('sheep'))!.focus();
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(el.words[el.selectedWord]!.label).to.equal('riding');
      expect(captions(el)[1]).to.contain('“riding” summed over all 3 steps');
      expect(Array.from(el.shownMaps!.all)).to.not.deep.equal(Array.from(before));
      const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.all-map')!;
      expect([canvas.width, canvas.height]).to.deep.equal([128, 128]);
      expect(canvas.getAttribute('aria-label')).to.contain('“riding”');
    });

    it('each map sums to 1; the aggregate is the normalised sum over steps and levels, not any one step', async () => {
      const word = el.words[el.selectedWord]!;
      const maps = el.shownMaps!;
      expect(Math.abs(sum(maps.step) - 1)).to.be.lessThan(1e-4);
      expect(Math.abs(sum(maps.all) - 1)).to.be.lessThan(1e-4);
      const expected = attentionHeatmap(el.attentionSteps, word.positions, 128);
      expect(Array.from(maps.all)).to.deep.equal(Array.from(expected));
      const perStep = el.attentionSteps.map((s) => attentionHeatmap([s], word.positions, 128));
      expect(Array.from(maps.step)).to.deep.equal(Array.from(perStep[2]!));
      // The steps' maps differ, so matching the sum above is not matching any one step.
      expect(Array.from(perStep[0]!)).to.not.deep.equal(Array.from(perStep[2]!));
    });

    it('the step slider moves the step map and leaves the aggregate alone', async () => {
      const all = el.shownMaps!.all;
      const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input#step')!;
      slider.value = '1';
      slider.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(el.currentStep).to.equal(0);
      expect(captions(el)[0]).to.contain('at step 1');
      expect(el.shownMaps!.all).to.deep.equal(all);
    });

    it('shows the start, end and padding tokens on request, with the share they take', async () => {
      const toggle = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=show-special]')!;
      toggle.click();
      await el.updateComplete;
      expect(el.showSpecial, 'the toggle sets show-special').to.equal(true);
      const labels = buttons(el).map((b) => b.querySelector('span')!.textContent);
      expect(labels[0]).to.equal('[BOS]');
      expect(labels).to.include('[EOS]');
      expect(labels.at(-1)).to.match(/^padding ×\d+$/);
      expect(el.shadowRoot!.querySelector('.special-note')!.textContent).to.match(/They take \d+(\.\d)? % of all the attention/);
      buttons(el).at(-1)!.dispatchEvent(new MouseEvent('mouseenter'));
      await el.updateComplete;
      expect(el.words[el.selectedWord]!.kind).to.equal('padding');
      expect(Math.abs(sum(el.shownMaps!.all) - 1)).to.be.lessThan(1e-4);
      toggle.click();
      await el.updateComplete;
      expect(el.words[el.selectedWord]!.kind, 'hiding them moves off a hidden entry').to.equal('word');
      await expect(el).to.be.accessible();
    });
  });

  it('on a model without attention outputs (an SD export), says so in a plain sentence', async () => {
    const el = await fixture<LxAttentionMap>(html`<lx-attention-map model=${SD15} steps="1" prompt="a red bicycle"></lx-attention-map>`);
    const done = oneEvent(el, 'lx-complete');
    await el.generate();
    expect((await done).detail).to.deep.equal({ attention: false });
    await el.updateComplete;
    const note = el.shadowRoot!.querySelector('[part=note]')!;
    expect(note.textContent).to.contain('does not export its cross-attention maps');
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.maps')).to.equal(null);
  });

  itRejectsBadAttributes('lx-attention-map', [
    ['steps', '0'],
    ['seed', 'x'],
    ['guidance', '-1'],
  ]);
});

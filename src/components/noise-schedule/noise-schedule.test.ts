import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './noise-schedule.js';
import type { LxNoiseSchedule } from './noise-schedule.component.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { configureWasmPageModels, holdPageModel } from '../../../test/browser/page-model-setup.js';

configureWasmPageModels();

describe('lx-noise-schedule', () => {
  it('draws ᾱ, σ and SNR from the scheduler and reads out the chosen timestep', async () => {
    const el = await fixture<LxNoiseSchedule>(html`<lx-noise-schedule scheduler="ddim" steps="4" timestep="999"></lx-noise-schedule>`);
    const scheduler = el.schedulerInstance!;
    expect(scheduler.className).to.equal('DDIMScheduler');
    expect(el.shadowRoot!.querySelectorAll('svg path.series')).to.have.length(3);
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
    const alpha = scheduler.alphasCumprod[999]!;
    expect(slider.getAttribute('aria-valuetext')).to.contain(`ᾱ = ${alpha.toExponential(2)}`);
    expect(el.shadowRoot!.querySelector('.plan')!.textContent).to.contain('t = 751, 501, 251, 1');
  });

  it('moves the timestep from the keyboard and emits lx-change', async () => {
    const el = await fixture<LxNoiseSchedule>(html`<lx-noise-schedule timestep="10"></lx-noise-schedule>`);
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
    slider.focus();
    slider.stepUp(5); // what ArrowRight ×5 does to a native range input
    const changed = oneEvent(el, 'lx-change');
    slider.dispatchEvent(new Event('input'));
    expect((await changed).detail.timestep).to.equal(15);
    await el.updateComplete;
    expect(el.currentTimestep).to.equal(15);
  });

  it('changes sampler from its menu and redraws the plan', async () => {
    const el = await fixture<LxNoiseSchedule>(html`<lx-noise-schedule steps="3"></lx-noise-schedule>`);
    const menu = el.shadowRoot!.querySelector('select')!;
    menu.value = 'euler';
    menu.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.schedulerInstance!.className).to.equal('EulerDiscreteScheduler');
  });

  for (const [name, value, field] of [
    ['steps', '0', 'steps'],
    ['steps', 'abc', 'steps'],
    ['timestep', '1000', 'timestep'],
    ['scheduler', 'warp-drive', 'scheduler'],
  ] as const) {
    it(`shows a typed error for ${name}="${value}"`, async () => {
      const el = document.createElement('lx-noise-schedule');
      el.setAttribute(name, value);
      const failed = oneEvent(el, 'lx-error');
      document.body.append(el);
      const { detail } = await failed;
      await el.updateComplete;
      expect(detail.error.field).to.equal(field);
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(field);
      el.remove();
    });
  }

  it('shows the forward-process panel below the curves, on its scheduler and t, loading no model until asked', async () => {
    const loads = pageModels.loadCount;
    const el = await fixture<LxNoiseSchedule>(html`<lx-noise-schedule timestep="10" theme="dark"></lx-noise-schedule>`);
    const panel = el.forwardProcess!;
    await panel.updateComplete;
    expect(panel.schedule).to.equal(el.schedulerInstance);
    expect(panel.currentTimestep).to.equal(10);
    expect(panel.theme).to.equal('dark');
    // One slider for both: the panel has none of its own.
    expect(panel.shadowRoot!.querySelector('input[type=range]')).to.equal(null);
    const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
    slider.value = '640';
    slider.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await panel.updateComplete;
    expect(panel.currentTimestep).to.equal(640);
    const menu = el.shadowRoot!.querySelector('select')!;
    menu.value = 'euler';
    menu.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(panel.schedule).to.equal(el.schedulerInstance);
    expect(panel.holdsModel).to.equal(false);
    expect(pageModels.loadCount).to.equal(loads);
  });

  it('curves-only leaves the panel out', async () => {
    const el = await fixture<LxNoiseSchedule>(html`<lx-noise-schedule curves-only></lx-noise-schedule>`);
    expect(el.forwardProcess).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('svg path.series')).to.have.length(3);
  });

  describe('live on the pocket model (WASM)', () => {
    // Loaded once in a hook of its own: on a busy machine the load alone can take a minute or two.
    holdPageModel(DEFAULT_MODEL_URL, { timeout: 300_000 });

    it('the panel noises the model’s image to the t the reader picks on the curves, and lets the model go on removal', async () => {
      const el = await fixture<LxNoiseSchedule>(html`<lx-noise-schedule timestep="0" seed="5"></lx-noise-schedule>`);
      const panel = el.forwardProcess!;
      panel.steps = '2';
      const complete = oneEvent(el, 'lx-complete'); // the panel's events bubble out of the figure
      await panel.generate();
      expect((await complete).detail.source).to.equal('model');
      expect(panel.decodedImage!.timestep).to.equal(0);
      const slider = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=range]')!;
      slider.focus();
      await sendKeys({ press: 'PageUp' });
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      const t = el.currentTimestep;
      expect(t).to.be.greaterThan(1);
      await panel.settled();
      expect(panel.currentTimestep).to.equal(t);
      expect(panel.decodedImage!.timestep).to.equal(t);
      expect(el.shadowRoot!.querySelector('svg.alpha .marker text')!.textContent).to.equal(`t = ${t}`);
      await expect(el).to.be.accessible();
      expect(panel.holdsModel).to.equal(true);
      el.remove();
      expect(panel.holdsModel).to.equal(false);
      expect(pageModels.holders(DEFAULT_MODEL_URL)).to.equal(1);
    });
  });

  it('passes an axe audit in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await fixture<LxNoiseSchedule>(html`<lx-noise-schedule theme=${theme}></lx-noise-schedule>`);
      await expect(el).to.be.accessible();
    }
  });
});

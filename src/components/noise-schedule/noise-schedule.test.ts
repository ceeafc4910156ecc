import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './noise-schedule.js';
import type { LxNoiseSchedule } from './noise-schedule.component.js';

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

  it('passes an axe audit in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await fixture<LxNoiseSchedule>(html`<lx-noise-schedule theme=${theme}></lx-noise-schedule>`);
      await expect(el).to.be.accessible();
    }
  });
});

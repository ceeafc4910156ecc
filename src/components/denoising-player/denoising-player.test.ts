import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { encodeTrajectory } from '../../pipeline/trajectory/index.js';
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
    await el.chartComplete;
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

  it('replays a recorded run from src, emitting lx-step for each step then lx-complete', async () => {
    const records = syntheticRecords(4);
    const bytes = encodeTrajectory(
      {
        prompt: 'a lamb on a motorbike',
        seed: 7,
        modelId: 'test',
        settings: { steps: 4, guidanceScale: 7.5, scheduler: { className: 'DDIMScheduler', config: {} }, width: 64, height: 64 },
      },
      records,
    );
    const url = URL.createObjectURL(new Blob([bytes]));
    const events: string[] = [];
    const el = document.createElement('lx-denoising-player');
    for (const type of ['lx-progress', 'lx-step', 'lx-complete', 'lx-error']) el.addEventListener(type, () => events.push(type));
    el.src = url;
    const done = oneEvent(el, 'lx-complete');
    document.body.append(el);
    await done;
    await el.updateComplete;
    URL.revokeObjectURL(url);
    expect(events).to.deep.equal(['lx-progress', 'lx-step', 'lx-step', 'lx-step', 'lx-step', 'lx-complete']);
    expect(el.prompt).to.equal('a lamb on a motorbike');
    expect(el.stepRecords).to.have.length(4);
    el.remove();
  });

  it('previews in the colours it is given: latentRgb for records, the recording\'s own for src', async () => {
    const flat = (bias: number[]) => ({ weights: new Float32Array(12), bias: Float32Array.from(bias) });
    const centre = (el: LxDenoisingPlayer) => {
      const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.noisy')!;
      return Array.from(canvas.getContext('2d')!.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data.slice(0, 3));
    };
    const red = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player .latentRgb=${flat([1, -1, -1])} .records=${syntheticRecords(2)}></lx-denoising-player>`);
    expect(centre(red)).to.deep.equal([255, 0, 0]);

    const records = syntheticRecords(2);
    const settings = { steps: 2, guidanceScale: 7.5, scheduler: { className: 'DDIMScheduler', config: {} }, width: 64, height: 64 };
    const bytes = encodeTrajectory({ prompt: 'green', seed: 1, modelId: 'test', settings, latentRgb: flat([-1, 1, -1]) }, records);
    const url = URL.createObjectURL(new Blob([bytes]));
    const green = document.createElement('lx-denoising-player');
    green.latentRgb = flat([1, -1, -1]); // the recording's own factors win
    const done = oneEvent(green, 'lx-complete');
    green.src = url;
    document.body.append(green);
    await done;
    await green.updateComplete;
    URL.revokeObjectURL(url);
    expect(centre(green)).to.deep.equal([0, 255, 0]);
    green.remove();
  });

  it('shows a typed error for a recording that does not exist', async () => {
    const el = document.createElement('lx-denoising-player');
    el.src = '/no/such/run.lxt';
    const failed = oneEvent(el, 'lx-error');
    document.body.append(el);
    const { detail } = await failed;
    await el.updateComplete;
    expect(detail.error.code).to.equal('fetch-failed');
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('404');
    el.remove();
  });

  for (const [name, value] of [
    ['guidance', 'abc'],
    ['steps', '0'],
    ['seed', '1.5'],
    ['scheduler', 'warp-drive'],
  ] as const) {
    it(`shows a typed error for ${name}="${value}" and keeps Generate disabled until fixed`, async () => {
      const el = document.createElement('lx-denoising-player');
      el.setAttribute(name, value);
      const failed = oneEvent(el, 'lx-error');
      document.body.append(el);
      const { detail } = await failed;
      await el.updateComplete;
      expect(detail.error.code).to.equal('invalid-option');
      expect(detail.error.field).to.equal(name);
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(name);
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled).to.equal(true);
      el.removeAttribute(name);
      el.setAttribute(name, name === 'scheduler' ? 'ddim' : '3');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.disabled).to.equal(false);
      el.remove();
    });
  }

  it('edits its settings from the form fields', async () => {
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player></lx-denoising-player>`);
    const steps = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=steps]')!;
    steps.value = '0';
    steps.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.steps).to.equal('0');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('steps');
  });

  it('passes an axe audit', async () => {
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player .records=${syntheticRecords(3)}></lx-denoising-player>`);
    await expect(el).to.be.accessible();
  });

  /** The σ/ᾱ chart of a player in a column `width` px wide. */
  async function chartIn(width: number): Promise<{ column: HTMLDivElement; svg: SVGSVGElement }> {
    const column = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"><lx-denoising-player .records=${syntheticRecords(5)}></lx-denoising-player></div>`);
    const el = column.querySelector('lx-denoising-player')!;
    await el.chartComplete;
    return { column, svg: el.shadowRoot!.querySelector<SVGSVGElement>('svg.chart')! };
  }

  /** Checks the chart is small and drawn 1:1 (one viewBox unit per CSS pixel, so 10 px labels stay 10 px). */
  function expectSmallUnscaledChart(svg: SVGSVGElement, columnWidth: number): void {
    const box = svg.getBoundingClientRect();
    expect(box.width, 'chart width').to.be.at.most(Math.min(columnWidth, 480));
    expect(box.height, 'chart height').to.be.at.most(160);
    expect(svg.viewBox.baseVal.width, 'viewBox width = rendered width').to.be.closeTo(box.width, 1);
    expect(svg.querySelector('.axis text')!.getBoundingClientRect().height, 'tick label height').to.be.within(8, 14);
    const marker = svg.querySelector<SVGTextElement>('.marker text')!.getBBox();
    expect(marker.x + marker.width, 'the step label stays inside the chart').to.be.at.most(svg.viewBox.baseVal.width);
  }

  for (const width of [360, 800, 1600]) {
    it(`keeps the σ/ᾱ chart small, with unscaled text, in a ${width} px column`, async () => {
      const { svg } = await chartIn(width);
      expectSmallUnscaledChart(svg, width);
    });
  }

  it('redraws the chart at its new size when its column narrows', async () => {
    const { column, svg } = await chartIn(1600);
    column.style.width = '360px';
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await column.querySelector('lx-denoising-player')!.chartComplete;
    expectSmallUnscaledChart(svg, 360);
  });
});

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

  /** A 64×64 picture of one colour, as a stored decoded x̂₀. */
  const picture = (red: number) => ({ width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).map((_, i) => (i % 4 === 0 ? red : i % 4 === 3 ? 255 : 40)) });
  const settings = (steps: number) => ({ steps, guidanceScale: 7.5, scheduler: { className: 'DDIMScheduler', config: {} }, width: 64, height: 64 });

  /** Loads a recording of `steps` steps with a decoded picture per step into a player. */
  async function recordedPlayer(steps: number, attributes: Record<string, string> = {}, extra: object = {}): Promise<LxDenoisingPlayer> {
    const bytes = encodeTrajectory({ prompt: 'a sheep', seed: 1, modelId: 'test', settings: settings(steps), ...extra }, syntheticRecords(steps), {
      decoded: Array.from({ length: steps }, (_, i) => picture(i * 50)),
    });
    const url = URL.createObjectURL(new Blob([bytes]));
    const el = document.createElement('lx-denoising-player');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    const done = oneEvent(el, 'lx-complete');
    el.src = url;
    document.body.append(el);
    await done;
    await el.updateComplete;
    URL.revokeObjectURL(url);
    return el;
  }

  const centreRed = (el: LxDenoisingPlayer): number => {
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.decoded')!;
    return canvas.getContext('2d')!.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data[0]!;
  };
  const panelBoxes = (el: LxDenoisingPlayer): string =>
    JSON.stringify([...el.shadowRoot!.querySelectorAll('.panels > figure, .panels canvas, figure.chart')].map((node) => node.getBoundingClientRect()));

  it('shows a recording\'s decoded x̂₀ at every step, beside the latent mosaic', async () => {
    const el = await recordedPlayer(4);
    for (const step of [0, 2, 3]) {
      el.showStep(step);
      await el.updateComplete;
      expect(centreRed(el), `step ${step}`).to.equal(step * 50);
      expect(el.shadowRoot!.querySelector('canvas.decoded')!.getAttribute('aria-label')).to.equal(`a sheep — x̂₀ decoded at step ${step + 1}`);
      expect(el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.predicted')!.width, 'the latent view stays the mosaic').to.equal(8);
    }
    el.remove();
  });

  for (const [name, make] of [
    ['a recording with pictures at every step', () => recordedPlayer(5)],
    [
      'a run decoded only at its last step (a large model)',
      async () => {
        const records = syntheticRecords(5);
        records[4] = { ...records[4]!, decodedImage: picture(200) };
        return fixture<LxDenoisingPlayer>(html`<lx-denoising-player .records=${records}></lx-denoising-player>`);
      },
    ],
  ] as const) {
    it(`keeps every panel where it is while scrubbing: ${name}`, async () => {
      const el = await make();
      await el.chartComplete;
      const boxes = [0, 2, 4].map((step) => {
        el.showStep(step);
        return el.updateComplete.then(() => panelBoxes(el));
      });
      const [first, mid, last] = [await boxes[0], await boxes[1], await boxes[2]];
      el.showStep(0);
      await el.updateComplete;
      expect(panelBoxes(el), 'step 1').to.equal(last);
      expect(mid, 'middle step').to.equal(last);
      expect(first).to.not.equal('[]');
      expect(el.shadowRoot!.querySelectorAll('.panels > figure')).to.have.length(5);
      el.remove();
    });
  }

  it('names the words a recorded run replaced or did not know, under the pictures', async () => {
    const el = await recordedPlayer(2, {}, { prompt: 'an astronaut riding a horse', promptWords: { mapped: [{ word: 'horse', replacement: 'dog', similarity: 0.711 }], unknown: ['astronaut'] } });
    const note = el.shadowRoot!.querySelector('.vocabulary-note')!;
    expect(note.textContent).to.equal('This model does not know “astronaut” (it reads it as the unknown-word token); it drew “horse” as “dog” (similarity 0.71), the closest word it knows.');
    expect(note.previousElementSibling!.classList.contains('panels'), 'right under the pictures').to.equal(true);
    el.remove();
    const known = await recordedPlayer(2);
    expect(known.shadowRoot!.querySelector('.vocabulary-note')).to.equal(null);
    known.remove();
  });

  it('says a recording lacks pictures, in the same panel, rather than hiding it', async () => {
    const el = await fixture<LxDenoisingPlayer>(html`<lx-denoising-player .records=${syntheticRecords(3)}></lx-denoising-player>`);
    el.showStep(0);
    await el.updateComplete;
    const note = el.shadowRoot!.querySelector<HTMLElement>('.cell-note')!;
    expect(note.hidden).to.equal(false);
    expect(note.textContent).to.contain('decoded at the last step');
    expect(el.shadowRoot!.querySelector('canvas.decoded')!.getAttribute('aria-label')).to.match(/^No decoded picture at step 1/);
  });

  it('asks before Generate on a recording downloads the model, and downloads only once confirmed', async () => {
    const el = await recordedPlayer(2, { model: '/no/such/model/' });
    const events: string[] = [];
    for (const type of ['lx-progress', 'lx-error']) el.addEventListener(type, () => events.push(type));
    const generate = () => el.shadowRoot!.querySelector<HTMLButtonElement>('button.generate')!.click();
    generate();
    await el.updateComplete;
    const line = () => el.shadowRoot!.querySelector<HTMLElement>('.confirm-download');
    expect(line()!.textContent).to.match(/recorded run\. Generating live first downloads the model\s+\(\/no\/such\/model\/\)/);
    expect(el.holdsModel, 'nothing downloads before the reader agrees').to.equal(false);
    expect(events).to.deep.equal([]);
    line()!.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await el.updateComplete;
    expect(line()).to.equal(null);
    expect(el.stepRecords, 'the recording stays').to.have.length(2);

    generate();
    await el.updateComplete;
    const failed = oneEvent(el, 'lx-error');
    line()!.querySelector<HTMLButtonElement>('button.confirm')!.click();
    const { detail } = await failed;
    expect(String(detail.error.message)).to.contain('/no/such/model/');
    expect(line()).to.equal(null);
    el.remove();
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

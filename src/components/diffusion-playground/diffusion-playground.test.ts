import { expect, fixture, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { InvalidOptionError } from '../../errors.js';
import { pointsOfClass, presetMessage } from '../../playground/dataset-message.js';
import { chamferDistance } from '../../playground/metrics.js';
import { shareInside } from '../../playground/polygon.js';
import './diffusion-playground.js';
import type { LxDiffusionPlayground } from './diffusion-playground.js';

// The element on a page in Chromium, with its real training worker. Small batches and step
// limits keep each test to a few seconds on a shared machine.

async function playground(overrides: Record<string, string> = {}): Promise<LxDiffusionPlayground> {
  const attributes = { theme: 'light', 'batch-size': '32', 'max-steps': '60', 'sample-count': '60', steps: '8', ...overrides };
  const text = Object.entries(attributes).map(([name, value]) => `${name}="${value}"`).join(' ');
  const container = await fixture<HTMLDivElement>(`<div style="width: 720px"><lx-diffusion-playground ${text}></lx-diffusion-playground></div>`);
  const element = container.querySelector('lx-diffusion-playground')!;
  await element.updateComplete;
  return element;
}

const part = (element: LxDiffusionPlayground, name: string) => element.shadowRoot!.querySelector(`[part~="${name}"]`);
const button = (element: LxDiffusionPlayground, text: string) =>
  [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(text))!;

/** Waits for the first `lx-progress` whose detail passes `test`. */
function progressWhere(element: LxDiffusionPlayground, test: (detail: { step: number; loss: number }) => boolean) {
  return new Promise<{ step: number; loss: number; stepsPerSecond: number }>((resolve) => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent).detail;
      if (!test(detail)) return;
      element.removeEventListener('lx-progress', listener);
      resolve(detail);
    };
    element.addEventListener('lx-progress', listener);
  });
}

describe('lx-diffusion-playground', () => {
  it('shows every preset as data on the plane and passes axe', async () => {
    const element = await playground();
    const select = element.shadowRoot!.querySelector('select')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['sheep', 'motorcycle', 'two-moons', 'spiral', 'blobs', 'sheep-and-motorcycle', 'draw']);
    for (const preset of ['motorcycle', 'spiral', 'sheep-and-motorcycle']) {
      element.preset = preset;
      await element.updateComplete;
      expect(element.trainingData!.points.length).to.equal(4000);
      expect(element.shadowRoot!.querySelector('canvas')!.getAttribute('aria-label')).to.contain(`2000 data points (${preset})`);
    }
    await expect(element).to.be.accessible();
  });

  it('turns a bad attribute into a typed, visible error naming it', async () => {
    const element = await playground();
    setTimeout(() => element.setAttribute('seed', 'abc'));
    const event = await oneEvent(element, 'lx-error');
    expect(event.detail.error).to.be.instanceOf(InvalidOptionError);
    expect(event.detail.error.field).to.equal('seed');
    await element.updateComplete;
    const error = part(element, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('seed');
    element.setAttribute('seed', '4');
    await element.updateComplete;
    expect(part(element, 'error')).to.equal(null);
    element.setAttribute('sampler', 'euler');
    await element.updateComplete;
    expect(part(element, 'error')!.getAttribute('data-field')).to.equal('sampler');
  });

  it('starts, pauses and resets training in the worker, reporting loss and speed', async () => {
    const element = await playground({ preset: 'two-moons', 'max-steps': '100000' });
    button(element, 'Start').click();
    const running = await progressWhere(element, (d) => d.step >= 20);
    expect(running.loss).to.be.finite;
    expect(running.stepsPerSecond).to.be.greaterThan(0);
    await element.updateComplete;
    expect(button(element, 'Pause')).to.exist;
    button(element, 'Pause').click();
    await oneEvent(element, 'lx-progress');
    await element.updateComplete;
    expect(part(element, 'status')!.textContent).to.match(/Step \d+ of 100000 · loss \d\.\d{3}/);
    const reset = progressWhere(element, (d) => d.step === 0);
    button(element, 'Reset').click();
    await reset;
  });

  it('stops by itself at max-steps and says so with lx-complete', async () => {
    const element = await playground({ preset: 'blobs', 'max-steps': '15' });
    setTimeout(() => element.start());
    const event = await oneEvent(element, 'lx-complete');
    expect(event.detail).to.deep.equal({ kind: 'training', step: 15 });
  });

  it('samples step by step, the same seed giving the same points', async () => {
    const element = await playground({ preset: 'spiral', seed: '3' });
    const steps: number[] = [];
    element.addEventListener('lx-step', (event) => steps.push((event as CustomEvent).detail.index));
    const done = oneEvent(element, 'lx-complete');
    button(element, 'Sample').click();
    const complete = await done;
    expect(complete.detail.kind).to.equal('sampling');
    expect(complete.detail.chamfer).to.be.finite;
    expect(steps).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7]);
    const first = (await element.sample())!.trajectory;
    const second = (await element.sample())!.trajectory;
    expect(first.length).to.equal(9 * 60 * 2);
    expect(Array.from(second)).to.deep.equal(Array.from(first));
  });

  it('lets the reader draw points with the pointer and the keyboard', async () => {
    const element = await playground({ preset: 'draw' });
    expect(element.trainingData).to.equal(undefined);
    expect(button(element, 'Start').disabled).to.equal(true);
    const canvas = element.shadowRoot!.querySelector('canvas')!;
    const rect = canvas.getBoundingClientRect();
    const at = (type: string, fx: number, fy: number) =>
      canvas.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, clientX: rect.left + fx * rect.width, clientY: rect.top + fy * rect.height }));
    at('pointerdown', 0.5, 0.5);
    at('pointermove', 0.6, 0.5);
    at('pointermove', 0.7, 0.4);
    at('pointerup', 0.7, 0.4);
    await element.updateComplete;
    const drawn = element.trainingData!.points;
    expect(drawn.length).to.equal(4 * 6 * 2);
    // The right half of the plane, where the stroke went.
    for (let i = 0; i < drawn.length; i += 2) expect(drawn[i]).to.be.greaterThan(-0.2);
    canvas.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(element.trainingData!.points.length).to.equal(5 * 6 * 2);
    expect(button(element, 'Start').disabled).to.equal(false);
    button(element, 'Clear drawing').click();
    await element.updateComplete;
    expect(element.trainingData).to.equal(undefined);
  });

  it('offers class and guidance controls on the labelled preset, operable from the keyboard', async () => {
    const element = await playground({ preset: 'sheep-and-motorcycle', guidance: '2' });
    const slider = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="range"]')].find((input) =>
      input.closest('label')!.textContent!.includes('Guidance'),
    )!;
    expect(slider.value).to.equal('2');
    slider.focus();
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(Number(element.guidance)).to.equal(2.5);
    expect(part(element, 'sliders')!.textContent).to.contain('Guidance scale = 2.5');
    const classSelect = [...element.shadowRoot!.querySelectorAll('select')].find((s) => s.closest('label')!.textContent!.includes('Sample class'))!;
    expect([...classSelect.options].map((o) => o.textContent)).to.deep.equal(['sheep', 'motorcycle']);
    // Tab reaches the Start button and Enter starts training.
    button(element, 'Start').focus();
    const started = progressWhere(element, (d) => d.step > 0);
    await sendKeys({ press: 'Enter' });
    await started;
    element.pause();
  });

  it('moves the data through the forward process with the timestep slider', async () => {
    const element = await playground({ preset: 'blobs' });
    const canvas = element.shadowRoot!.querySelector('canvas')!;
    const before = canvas.toDataURL();
    element.timestep = '900';
    await element.updateComplete;
    expect(canvas.toDataURL()).to.not.equal(before);
    expect(part(element, 'sliders')!.textContent).to.contain('t = 900');
  });

  it('draws the data with readable contrast on the dark surface', async () => {
    const element = await playground({ theme: 'dark', preset: 'blobs' });
    const style = getComputedStyle(element);
    const rgb = (value: string) => {
      const context = document.createElement('canvas').getContext('2d')!;
      context.fillStyle = value.trim();
      const hex = context.fillStyle as string;
      return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255);
    };
    const luminance = (c: number[]) => {
      const [r, g, b] = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const surface = rgb(style.getPropertyValue('--_surface'));
    const data = rgb(style.getPropertyValue('--lx-playground-data'));
    const contrast = (opacity: number) => {
      const shown = data.map((v, i) => opacity * v + (1 - opacity) * surface[i]!);
      const [light, dark] = [luminance(shown), luminance(surface)].sort((a, b) => b - a);
      return (light! + 0.05) / (dark! + 0.05);
    };
    // Behind samples the data is faded on purpose, but must still read as points (3:1, WCAG's bar for graphics).
    expect(contrast(Number(style.getPropertyValue('--lx-playground-data-faded-opacity')))).to.be.greaterThan(3);
    expect(contrast(Number(style.getPropertyValue('--lx-playground-data-opacity')))).to.be.greaterThan(4.5);
  });

  it('forms the shape at its default settings: the sheep of the labelled pair, guidance 3', async function () {
    this.timeout(400_000);
    const container = await fixture<HTMLDivElement>(`<div style="width: 720px"><lx-diffusion-playground theme="light" preset="sheep-and-motorcycle"></lx-diffusion-playground></div>`);
    const element = container.querySelector('lx-diffusion-playground')!;
    await element.updateComplete;
    const finished = oneEvent(element, 'lx-complete');
    element.start();
    const event = await finished;
    expect(event.detail).to.deep.equal({ kind: 'training', step: 3000 });
    const run = (await element.sample())!;
    const samples = run.trajectory.subarray(run.trajectory.length - run.count * 2);
    const data = element.trainingData!;
    const heldOut = presetMessage('sheep-and-motorcycle', 2000, 0).message.heldOutByClass[0]!;
    const own = chamferDistance(pointsOfClass(data, 0).subarray(0, 1200), heldOut.subarray(0, 1200));
    expect(run.count).to.equal(800);
    expect(shareInside(data.shapes[0]!, samples)).to.be.at.least(0.85);
    // The element scores its samples against the same held-out sheep.
    expect(run.chamfer).to.be.at.most(2 * own);
  });
});

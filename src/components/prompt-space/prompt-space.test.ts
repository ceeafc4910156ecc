import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './prompt-space.js';
import type { LxPromptSpace } from './prompt-space.component.js';
import { DEFAULT_MODEL_URL, pageModels } from '../shared/page-models.js';
import { normalizeUrl } from '../shared/model-context.js';
import { holdPageModel } from '../../../test/browser/page-model-setup.js';
import { encodePrompts } from '../../pipeline/run/text-conditioning.js';
import { UnknownWordError, ExpressionSyntaxError } from '../../explorers/errors.js';

// Live on the shipped pocket model (WASM). The suite holds a lease so the model loads once;
// pictures use 2 steps, which is enough to tell conditionings apart.
const POCKET = normalizeUrl(DEFAULT_MODEL_URL);
const BASE = 'a sheep riding a motorcycle on a road';

async function ready(template: ReturnType<typeof html>): Promise<LxPromptSpace> {
  const el = await fixture<LxPromptSpace>(template);
  if (!el.promptMap) await oneEvent(el, 'lx-ready');
  await el.updateComplete;
  return el;
}

const points = (el: LxPromptSpace) => [...el.shadowRoot!.querySelectorAll<SVGGElement>('g.point')];
const pointFor = (el: LxPromptSpace, prompt: string) => points(el).find((g) => g.getAttribute('aria-label') === prompt)!;
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('lx-prompt-space', () => {
  const held = holdPageModel(POCKET);

  it('maps the default pocket prompts by their pooled embeddings; similar prompts are nearer', async () => {
    const el = await ready(html`<lx-prompt-space steps="2"></lx-prompt-space>`);
    const map = el.promptMap!;
    expect(map.layout.words).to.have.length(50);
    expect(points(el)).to.have.length(50);
    const { table } = map;
    const at = (prompt: string) => table.unit(table.indexOf(prompt));
    const near = cosine(at(BASE), at('a sheep riding a bicycle on a road'));
    const far = cosine(at(BASE), at('a duck driving a truck in the snow'));
    expect(near).to.be.lessThan(0.999, 'different prompts, different vectors');
    expect(near).to.be.greaterThan(far);
    expect(el.shadowRoot!.querySelector('[part=distortion]')!.textContent).to.match(/PCA keeps \d+%/);
  });

  it('one Tab stop; arrows move between points and list the nearest prompts; Enter draws the focused prompt', async () => {
    const el = await ready(html`<lx-prompt-space steps="2"></lx-prompt-space>`);
    const tabbable = points(el).filter((g) => g.getAttribute('tabindex') === '0');
    expect(tabbable).to.have.length(1);
    tabbable[0]!.focus();
    const selected = oneEvent(el, 'lx-select');
    tabbable[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
    const { detail } = await selected;
    await el.updateComplete;
    await el.updateComplete;
    const last = el.promptMap!.layout.words.at(-1)!;
    expect(detail.prompt).to.equal(last);
    expect(detail.neighbours).to.have.length(5);
    expect(el.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal(last);
    expect(points(el).filter((g) => g.getAttribute('tabindex') === '0').map((g) => g.getAttribute('aria-label'))).to.deep.equal([last]);
    expect(el.shadowRoot!.querySelectorAll('[part=details] li')).to.have.length(5);
    const done = oneEvent(el, 'lx-complete');
    el.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect((await done).detail.label).to.equal(last);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=image] canvas')!.getAttribute('aria-label')).to.contain(last);
  });

  it('click a point to draw it; prompt arithmetic draws from the combined text state and places it on the map', async () => {
    const el = await ready(html`<lx-prompt-space steps="2" seed="5"></lx-prompt-space>`);
    const events: string[] = [];
    for (const type of ['lx-progress', 'lx-complete', 'lx-error']) el.addEventListener(type, () => events.push(type));
    const first = oneEvent(el, 'lx-complete');
    pointFor(el, BASE).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    const base = (await first).detail;
    expect(base.label).to.equal(BASE);
    expect(events[0]).to.equal('lx-progress');
    await el.updateComplete;
    expect(pointFor(el, BASE).classList.contains('generated')).to.equal(true);

    const expression = `"${BASE}" - sheep + duck`;
    const second = oneEvent(el, 'lx-complete');
    await el.generateExpression(expression);
    const sum = (await second).detail;
    expect(events).not.to.include('lx-error');
    const encoded = await encodePrompts(held.model, [BASE, 'sheep', 'duck']);
    const worst = sum.combination.states.data.reduce(
      (max: number, v: number, i: number) => Math.max(max, Math.abs(v - (encoded[0]!.states.data[i]! - encoded[1]!.states.data[i]! + encoded[2]!.states.data[i]!))),
      0,
    );
    expect(worst).to.be.lessThan(1e-5);
    expect(sum.info.promptTokens).to.equal(null, 'drawn from the given states');
    const differing = base.image.data.filter((v: number, i: number) => Math.abs(v - sum.image.data[i]!) > 8).length;
    expect(differing).to.be.greaterThan(base.image.data.length / 20, 'same seed, different conditioning, different picture');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('g.overlay line.step')).to.have.length(2);
    expect(el.shadowRoot!.querySelector('g.overlay circle.result')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('[part=details] h3')!.textContent).to.contain(expression);
  });

  it('shows typed errors with the position: unknown word and empty quotes in an expression; bad attributes; bad prompt list', async () => {
    const el = await ready(html`<lx-prompt-space steps="2"></lx-prompt-space>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=expression]')!;
    input.value = '"a frog riding a car" + duck';
    const failed = oneEvent(el, 'lx-error');
    el.shadowRoot!.querySelector<HTMLFormElement>('[part=expression]')!.requestSubmit();
    const { error } = (await failed).detail;
    expect(error).to.be.instanceOf(UnknownWordError);
    expect(error.span).to.deep.equal({ start: 3, end: 7, character: 4 });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('"frog"').and.contain('at character 4');
    expect(input.getAttribute('aria-invalid')).to.equal('true');

    const empty = oneEvent(el, 'lx-error');
    void el.generateExpression('duck + ""');
    expect((await empty).detail.error).to.be.instanceOf(ExpressionSyntaxError);

    const bad = oneEvent(el, 'lx-error');
    el.setAttribute('steps', 'many');
    expect((await bad).detail.error.field).to.equal('steps');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[part=expression] button')!.disabled).to.equal(true);
    el.setAttribute('steps', '2');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);

    const list = oneEvent(el, 'lx-error');
    el.setAttribute('prompts', ' ; ');
    expect((await list).detail.error.field).to.equal('prompts');
  });

  it('reports a bad model URL inside the widget', async () => {
    const el = document.createElement('lx-prompt-space');
    el.model = '/no/such/model/';
    const failed = oneEvent(el, 'lx-error');
    document.body.append(el);
    const { error } = (await failed).detail;
    expect(error.name).to.equal('ModelLoadError');
    await el.updateComplete;
    // Readers get the plain sentence (the class name stays on the error and the event).
    const text = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
    expect(text).to.contain('model_index.json');
    expect(text).not.to.contain('ModelLoadError');
    el.remove();
  });

  it('takes prompts as an attribute, lets readers add their own, and releases the model when removed', async () => {
    const holders = pageModels.holders(POCKET);
    const el = await ready(html`<lx-prompt-space prompts="a dog riding a car; a cat riding a car; a dog in the snow"></lx-prompt-space>`);
    expect(el.promptMap!.layout.words).to.deep.equal(['a dog riding a car', 'a cat riding a car', 'a dog in the snow']);
    expect(el.holdsModel).to.equal(true);
    expect(pageModels.holders(POCKET)).to.equal(holders + 1);
    const add = el.shadowRoot!.querySelector<HTMLFormElement>('[part=add]')!;
    (add.elements.namedItem('prompt') as HTMLInputElement).value = 'a frog riding a cat';
    const refused = oneEvent(el, 'lx-error');
    add.requestSubmit();
    const { error } = (await refused).detail;
    expect([error.field, error.message]).to.deep.equal(['prompt', 'prompt: "frog" is not a word this model knows.']);
    await el.updateComplete;
    expect((add.elements.namedItem('prompt') as HTMLInputElement).getAttribute('aria-invalid')).to.equal('true');
    (add.elements.namedItem('prompt') as HTMLInputElement).value = 'a red duck driving a truck at night';
    const refit = oneEvent(el, 'lx-ready');
    add.requestSubmit();
    expect((await refit).detail.prompts).to.include('a red duck driving a truck at night');
    await el.updateComplete;
    expect(points(el)).to.have.length(4);
    el.remove();
    expect(el.holdsModel).to.equal(false);
    expect(pageModels.holders(POCKET)).to.equal(holders);
  });

  it('is accessible in light and dark themes, and fits 360 px', async () => {
    for (const theme of ['light', 'dark']) {
      const el = await ready(html`<lx-prompt-space theme=${theme} steps="2" style="width: 360px"></lx-prompt-space>`);
      await expect(el).to.be.accessible();
      expect(el.scrollWidth).to.be.at.most(362);
    }
  });
});

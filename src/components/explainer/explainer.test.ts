import { expect, fixture, html } from '@open-wc/testing';
import './explainer.js';
import type { LxExplainer } from './explainer.component.js';
import { syntheticRecords } from '../../../test/browser/components-fixtures.js';
import { pageModels } from '../shared/page-models.js';

// The composite on a live model is exercised by docs e2e; here: layout, sharing, hand-over, keyboard, axe.
describe('lx-explainer', () => {
  it('lays out every stop with one prompt and seed, sharing one model URL', async () => {
    const el = await fixture<LxExplainer>(html`<lx-explainer model="/no/model/here/" prompt="a lamb" seed="7" steps="3" theme="dark"></lx-explainer>`);
    const root = el.shadowRoot!;
    for (const tag of ['lx-pipeline-map', 'lx-prompt-tokens', 'lx-noise-schedule', 'lx-denoising-player', 'lx-guidance-comparison', 'lx-seed-comparison', 'lx-trajectory-plot']) {
      expect(root.querySelector(tag), tag).to.not.equal(null);
      expect(root.querySelector(tag)!.getAttribute('theme'), tag).to.equal('dark');
    }
    expect(root.querySelector('lx-denoising-player')!.seed).to.equal('7');
    // Only the token view loads on its own; it holds one lease on the shared URL.
    expect(pageModels.holders('/no/model/here/')).to.be.at.most(1);
    el.remove();
    expect(pageModels.holders('/no/model/here/')).to.equal(0);
  });

  it('hands the guidance runs to the trajectory plot', async () => {
    const el = await fixture<LxExplainer>(html`<lx-explainer model="/no/model/here/"></lx-explainer>`);
    const runs = [syntheticRecords(3, 1), syntheticRecords(3, 7.5, 1)];
    el.shadowRoot!.querySelector('lx-guidance-comparison')!.dispatchEvent(new CustomEvent('lx-complete', { detail: { runs } }));
    await el.updateComplete;
    const plot = el.shadowRoot!.querySelector('lx-trajectory-plot')!;
    await plot.projectionComplete;
    expect(plot.projectedPaths.map((p) => p.label)).to.deep.equal(['guidance 1', 'guidance 7.5']);
  });

  it('jumps to a stop from the table of contents and moves focus there', async () => {
    const el = await fixture<LxExplainer>(html`<lx-explainer model="/no/model/here/"></lx-explainer>`);
    el.shadowRoot!.querySelector<HTMLAnchorElement>('nav a[href="#guidance"]')!.click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('guidance');
  });

  it('opens with the map of the whole run, whose boxes jump to the stops that explain them', async () => {
    const el = await fixture<LxExplainer>(html`<lx-explainer model="/no/model/here/" seed="7"></lx-explainer>`);
    const map = el.shadowRoot!.querySelector('lx-pipeline-map')!;
    expect(map.compareDocumentPosition(el.shadowRoot!.querySelector('nav')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(map.seed).to.equal('7');
    await map.updateComplete;
    const guidance = map.shadowRoot!.querySelector<HTMLAnchorElement>('a.open[data-part="guidance"]')!;
    expect(guidance.getAttribute('href')).to.equal('#guidance');
    const before = location.href;
    guidance.click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('guidance');
    expect(location.href, 'the link is not followed: the lesson scrolls itself').to.equal(before);
    map.shadowRoot!.querySelector<HTMLAnchorElement>('a.open[data-part="tokenizer"]')!.click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('tokens');
    map.shadowRoot!.querySelector<HTMLAnchorElement>('a.open[data-part="scheduler"]')!.click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('schedule');
  });
});

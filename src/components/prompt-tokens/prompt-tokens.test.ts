import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './prompt-tokens.js';
import type { LxPromptTokens } from './prompt-tokens.component.js';
import { configurePageModels, pageModels } from '../shared/page-models.js';

configurePageModels({ web: { wasmBase: '/node_modules/onnxruntime-web/dist/' }, cacheName: false });

const SD15 = '/test/fixtures/models/sd15/';

describe('lx-prompt-tokens', () => {
  it('tokenizes with CLIP BPE and draws one embedding row per token, live on a model', async () => {
    const events: string[] = [];
    const el = document.createElement('lx-prompt-tokens');
    for (const type of ['lx-progress', 'lx-complete', 'lx-error']) el.addEventListener(type, () => events.push(type));
    el.model = SD15;
    el.prompt = 'a photograph of an astronaut';
    const done = oneEvent(el, 'lx-complete');
    document.body.append(el);
    const { detail } = await done;
    await el.updateComplete;
    // OpenAI CLIP ids: <|startoftext|> a photograph of an astronaut <|endoftext|>
    expect(Array.from(detail.tokenized.ids.subarray(0, 7))).to.deep.equal([49406, 320, 8853, 539, 550, 18376, 49407]);
    expect(detail.embeddings.shape[2]).to.equal(7);
    expect(el.shadowRoot!.querySelectorAll('li.token')).to.have.length(7);
    expect(events[0]).to.equal('lx-progress');
    expect(events.at(-1)).to.equal('lx-complete');
    expect(events).not.to.include('lx-error');
    await expect(el).to.be.accessible();
    el.remove();
    expect(el.holdsModel).to.equal(false);
  });

  it('shows a typed error for a model URL with no model', async () => {
    const el = document.createElement('lx-prompt-tokens');
    el.model = '/no/such/model/';
    const failed = oneEvent(el, 'lx-error');
    document.body.append(el);
    const { detail } = await failed;
    await el.updateComplete;
    expect(detail.error.name).to.equal('ModelLoadError');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('model_index.json');
    el.remove();
  });

  it('shares one model between two elements and releases it when both are gone', async () => {
    const before = pageModels.loadCount;
    const a = await fixture<LxPromptTokens>(html`<div>
      <lx-prompt-tokens model=${SD15} prompt="a cat"></lx-prompt-tokens>
      <lx-prompt-tokens model=${SD15} prompt="a dog"></lx-prompt-tokens>
    </div>`);
    const [first, second] = Array.from(a.querySelectorAll('lx-prompt-tokens'));
    await Promise.all([first!.encode(), second!.encode()]);
    expect(pageModels.loadCount - before).to.equal(1);
    expect(pageModels.holders(SD15)).to.equal(2);
    first!.remove();
    expect(pageModels.holders(SD15)).to.equal(1);
    second!.remove();
    expect(pageModels.holders(SD15)).to.equal(0);
  });
});

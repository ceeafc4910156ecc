import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './prompt-tokens.js';
import { configureWasmPageModels, SD15 } from '../../../test/browser/page-model-setup.js';

configureWasmPageModels();

const chipTexts = (el: Element, selector: string): string[] =>
  [...el.shadowRoot!.querySelectorAll(`li.token > ${selector}`)].map((node) => node.textContent ?? '');

// Live tokenizing and encoding on a model is in test/browser/components-live.test.ts (one model load).
describe('lx-prompt-tokens', () => {
  it('shows CLIP byte-pair pieces on an SD model: a word\'s pieces joined, markers named, padding summed up', async () => {
    const el = await fixture<HTMLElementTagNameMap['lx-prompt-tokens']>(
      html`<lx-prompt-tokens model=${SD15} prompt="Photorealistic sheep 🏍️"></lx-prompt-tokens>`,
    );
    await el.encode();
    expect(el.tokens!.tokenized.tokens).to.have.length(8);
    expect(chipTexts(el, 'span:first-child')).to.deep.equal(['<|startoftext|>', 'photo', 'realistic', 'sheep', '⟨f0 9f 8f⟩', '⟨8d⟩', 'U+FE0F', '<|endoftext|>']);
    expect(chipTexts(el, 'small').map(Number)).to.deep.equal([49406, 1153, 16157, 9629, 1109, 235, 1001, 49407]);
    const chips = [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.token')];
    expect(chips.map((chip) => chip.classList.contains('continues'))).to.deep.equal([false, true, false, false, true, true, false, false]);
    expect(chips[1]!.title).to.equal('photo from "Photo"');
    expect(chips[5]!.title).to.equal('į from "🏍"');
    expect(chips[1]!.textContent).to.contain('(word continues)');
    expect(el.shadowRoot!.querySelector('.padding')!.textContent!.replace(/\s+/g, ' ')).to.contain('Padded to 77 with 69 × <|endoftext|> (id 49407)');
    expect(el.shadowRoot!.querySelectorAll('.row-labels span')).to.have.length(8);
    await expect(el).to.be.accessible();
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
    await expect(el).to.be.accessible();
    el.remove();
    expect(el.holdsModel).to.equal(false);
  });
});

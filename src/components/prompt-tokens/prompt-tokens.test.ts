import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './prompt-tokens.js';
import { createWordLevelTokenizer } from '../../pipeline/tokenizers/word-level-tokenizer.js';
import { tokenLabels } from './token-labels.js';
import { configurePageModels } from '../shared/page-models.js';
import { normalizeUrl } from '../shared/model-context.js';

configurePageModels({ web: { wasmBase: '/node_modules/onnxruntime-web/dist/' }, providers: ['wasm'], cacheName: false });

/** The SD 1.5 fixture: random tiny weights, but SD 1.5's real CLIP tokenizer setup. */
const SD15 = normalizeUrl('/test/fixtures/models/sd15/');

const chipTexts = (el: Element, selector: string): string[] =>
  [...el.shadowRoot!.querySelectorAll(`li.token > ${selector}`)].map((node) => node.textContent ?? '');

// Live tokenizing and encoding on a model is in test/browser/components-live.test.ts (one model load).
describe('lx-prompt-tokens', () => {
  it('labels word-level tokens, naming each unknown word mapped to a known one', () => {
    const vocab = { '[PAD]': 0, '[UNK]': 1, '[BOS]': 2, '[EOS]': 3, a: 4, sheep: 5, riding: 6, motorcycle: 7 };
    const tokenizer = createWordLevelTokenizer(
      { model: { type: 'WordLevel', vocab, unk_token: '[UNK]' } },
      { version: 1, map: { lamb: ['sheep', 0.81], motorbike: ['motorcycle', 0.9] } },
      16,
    );
    const labels = tokenLabels(tokenizer.encode('A lamb riding a motorbike, zorbly'));
    expect(labels.map((l) => l.label)).to.deep.equal(['[BOS]', 'a', 'sheep', 'riding', 'a', 'motorcycle', '[UNK]', '[EOS]']);
    expect(labels.map((l) => l.id)).to.deep.equal([2, 4, 5, 6, 4, 7, 1, 3]);
    expect(labels[2]!.note).to.equal('"lamb" → sheep (cosine 0.81)');
    expect(labels[6]!.kind).to.equal('unknown');
    expect(labels[6]!.note).to.contain('zorbly');
    expect(labels[2]!.detail).to.equal('sheep from "lamb"');
  });

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

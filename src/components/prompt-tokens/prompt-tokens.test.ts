import { expect, oneEvent } from '@open-wc/testing';
import './prompt-tokens.js';
import { createWordLevelTokenizer } from '../../pipeline/tokenizers/word-level-tokenizer.js';
import { tokenLabels } from './token-labels.js';
import { configurePageModels } from '../shared/page-models.js';

configurePageModels({ web: { wasmBase: '/node_modules/onnxruntime-web/dist/' }, cacheName: false });

// Live tokenizing and encoding on a model is in test/browser/components-live.test.ts (one model load).
describe('lx-prompt-tokens', () => {
  it('labels word-level tokens, naming each unknown word mapped to a known one', () => {
    const vocab = { '[PAD]': 0, '[UNK]': 1, '[BOS]': 2, '[EOS]': 3, a: 4, sheep: 5, riding: 6, motorcycle: 7 };
    const tokenizer = createWordLevelTokenizer(
      { model: { type: 'WordLevel', vocab, unk_token: '[UNK]' } },
      { version: 1, map: { lamb: ['sheep', 0.81], motorbike: ['motorcycle', 0.9] } },
      16,
    );
    const labels = tokenLabels(tokenizer, tokenizer.encode('A lamb riding a motorbike, zorbly'));
    expect(labels.map((l) => l.label)).to.deep.equal(['[BOS]', 'a', 'sheep', 'riding', 'a', 'motorcycle', '[UNK]', '[EOS]']);
    expect(labels.map((l) => l.id)).to.deep.equal([2, 4, 5, 6, 4, 7, 1, 3]);
    expect(labels[2]!.note).to.equal('"lamb" → sheep (cosine 0.81)');
    expect(labels[6]!.kind).to.equal('unknown');
    expect(labels[6]!.note).to.contain('zorbly');
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

import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { collectErrorDisplays } from '../fixtures/pages/error-display.js';

// Readers get a plain sentence; programs get the typed error (code, field) in lx-error. The
// same check runs on the minified CDN bundle in test/node/e2e-cdn-bundle.test.ts.
describe('error text across elements', () => {
  it('is a plain sentence, never the class name, with code and field kept on the event', async () => {
    const shown = await collectErrorDisplays();
    const byTag = Object.fromEntries(shown.map((display) => [display.tag, display]));
    for (const display of shown) {
      expect(display.text, display.tag).to.not.equal('');
      expect(display.text, display.tag).to.not.contain(`${display.name}:`);
      expect(display.text, display.tag).to.not.match(/\b\w*Error\b/);
      expect(display.text, display.tag).to.match(/[.!?…)"]$/);
    }
    expect(byTag['lx-noise-schedule']).to.include({ code: 'invalid-option', field: 'steps', name: 'InvalidOptionError' });
    expect(byTag['lx-noise-schedule']!.text).to.match(/^steps: /);
    expect(byTag['lx-denoising-player']!.code).to.equal('fetch-failed');
    expect(byTag['lx-trajectory-plot']!.code).to.equal('invalid-option');
    expect(byTag['lx-diffusion-playground']).to.include({ code: 'invalid-option', field: 'seed' });
    expect(byTag['lx-vector-arithmetic']).to.include({ code: 'unknown-word', name: 'UnknownWordError' });
    expect(byTag['lx-vector-arithmetic']!.text).to.contain('"kign" is not in the vocabulary');
  });
});

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorDisplay } from '../fixtures/pages/error-display.js';
import { openCdnPage, type CdnPage } from './cdn-chromium/harness.js';

// The shipped, minified CDN bundle in Chromium: what readers see when something goes wrong.
const opened: CdnPage[] = [];
after(async () => {
  for (const session of opened) await session.close();
});

test('errors read as plain sentences in the minified bundle too (no "Pe:"), code and field kept on lx-error', { timeout: 240_000 }, async () => {
  const session = await openCdnPage('', { secondOrigin: false });
  opened.push(session);
  const shown = (await session.page.evaluate('errorDisplay.collectErrorDisplays()')) as ErrorDisplay[];
  const byTag = Object.fromEntries(shown.map((display) => [display.tag, display]));
  for (const display of shown) {
    assert.notEqual(display.text, '', display.tag);
    // Minified names are a letter or two: look for one as a word of its own before a colon.
    const className = new RegExp(`(^|\\s)${display.name.replace(/[$]/g, '\\$&')}:`);
    assert.doesNotMatch(display.text, className, `${display.tag} shows its class name (${display.name})`);
    assert.doesNotMatch(display.text, /\b\w*Error\b/, display.tag);
  }
  // The bundle is minified: class names are not the source's, which is why they must not show.
  assert.notEqual(byTag['lx-noise-schedule']!.name, 'InvalidOptionError');
  assert.equal(byTag['lx-noise-schedule']!.code, 'invalid-option');
  assert.equal(byTag['lx-noise-schedule']!.field, 'steps');
  assert.match(byTag['lx-noise-schedule']!.text, /^steps: /);
  assert.equal(byTag['lx-vector-arithmetic']!.code, 'unknown-word');
  assert.equal(byTag['lx-diffusion-playground']!.field, 'seed');
  assert.equal(byTag['lx-denoising-player']!.code, 'fetch-failed');
});

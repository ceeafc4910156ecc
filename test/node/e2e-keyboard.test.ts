// End-to-end: the site by keyboard alone. Tab reaches every control of the article (inside
// the elements' shadow roots too), each with a visible focus indicator; the classroom mode
// steps through its screens with the keys it documents.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPage, settleElements, startSite, type SiteSession } from './e2e-site.js';

let site: SiteSession;

before(async () => {
  site = await startSite();
});

after(async () => {
  await site?.close();
});

/**
 * Page helpers, as plain script text (functions passed from this file would carry the test
 * transpiler's helpers with them): a path naming an element across shadow roots, the deep
 * active element, every visible enabled control, and whether focus is visibly drawn.
 */
const PROBES = `
globalThis.__kb = {
  describe(el) {
    const parts = [];
    for (let node = el; node; ) {
      const root = node.getRootNode();
      const siblings = node.parentElement ? [...node.parentElement.children] : [...root.children];
      parts.unshift(node.localName + (node.id ? '#' + node.id : '') + '[' + siblings.indexOf(node) + ']');
      node = node.parentElement ?? root.host ?? null;
    }
    return parts.join('>');
  },
  deepActive() {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  },
  controls() {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        // A radio group is one Tab stop (its checked radio); arrow keys move inside it.
        const otherRadioStop = el.type === 'radio' && !el.checked && el.name && root.querySelector('input[type=radio][name="' + el.name + '"]:checked');
        if (el.matches('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])') && !el.disabled && el.type !== 'hidden' && !otherRadioStop) {
          const box = el.getBoundingClientRect();
          if (getComputedStyle(el).visibility !== 'hidden' && box.width > 0 && box.height > 0 && !el.closest('[hidden], [inert]')) found.push(el);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return found;
  },
  focusVisible(el) {
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || (style.boxShadow !== 'none' && style.boxShadow !== '');
  },
};`;

async function installProbes(page: Page): Promise<void> {
  await page.evaluate(PROBES);
}

type Probe = { describe(el: Element): string; deepActive(): Element | null; controls(): Element[]; focusVisible(el: Element): boolean };

test('Tab alone reaches every control of the article, each with a visible focus ring', async () => {
  const { page, problems } = await openPage(site, '/');
  await settleElements(page);
  await installProbes(page);
  const expected = await page.evaluate(() => {
    const kb = (globalThis as unknown as { __kb: Probe }).__kb;
    return kb.controls().map((el) => kb.describe(el));
  });
  assert.ok(expected.length > 20, `${expected.length} controls found`);
  const reached = new Set<string>();
  const invisible: string[] = [];
  for (let press = 0; press < expected.length + 20; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const kb = (globalThis as unknown as { __kb: Probe }).__kb;
      const el = kb.deepActive();
      return el && el !== document.body ? { name: kb.describe(el), visible: kb.focusVisible(el) } : null;
    });
    if (!focused) continue;
    if (reached.has(focused.name)) break; // wrapped round to a control seen before: the walk is done
    reached.add(focused.name);
    if (!focused.visible) invisible.push(focused.name);
  }
  const missed = expected.filter((name) => !reached.has(name));
  assert.deepEqual(missed, [], 'controls Tab never reached');
  assert.deepEqual(invisible, [], 'controls focused without a visible indicator');
  assert.deepEqual(problems, []);
  await page.close();
});

test('classroom mode: Start by keyboard, arrows and digits move, Esc leaves and returns the focus', async () => {
  const { page, problems } = await openPage(site, '/teach.html');
  const state = () => page.evaluate(() => {
    const deck = (globalThis as unknown as { lxClassroom: { index: number; isOpen: boolean } }).lxClassroom;
    return { index: deck.index, open: deck.isOpen, visible: [...document.querySelectorAll('#classroom .slide')].filter((s) => !(s as HTMLElement).hidden).length };
  });
  await page.focus('#start-classroom');
  await page.keyboard.press('Enter');
  assert.deepEqual(await state(), { index: 0, open: true, visible: 1 });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  assert.equal((await state()).index, 2);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await state()).index, 1);
  await page.keyboard.press('5');
  assert.equal((await state()).index, 4);
  await page.keyboard.press('End');
  assert.equal((await state()).index, 8);
  await page.keyboard.press('Home');
  assert.equal((await state()).index, 0);
  assert.match((await page.locator('.classroom-position').textContent()) ?? '', /^1 \/ 9$/);
  // The classroom fills the window whether or not the browser granted full screen.
  const box = await page.locator('#classroom').boundingBox();
  assert.ok(box && box.width >= 1270 && box.height >= 890, `classroom covers the window: ${JSON.stringify(box)}`);
  await page.keyboard.press('Escape');
  if ((await state()).open) await page.keyboard.press('Escape'); // the first Esc may only leave full screen
  assert.equal((await state()).open, false);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'start-classroom');
  assert.deepEqual(problems, []);
  await page.close();
});

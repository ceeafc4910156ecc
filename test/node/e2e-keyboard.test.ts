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
 * transpiler's helpers with them): a path naming an element across shadow roots (for messages),
 * the deep active element, every visible enabled control, whether focus is visibly drawn, and a
 * Tab walk that tracks controls by identity. Paths alone cannot tell controls apart over time: a
 * progress bar that comes or goes before a control shifts every sibling index after it.
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
        // Controls in a closed <details> are not Tab stops until it opens (its summary is).
        // A radio group is one Tab stop (its checked radio); arrow keys move inside it.
        const otherRadioStop = el.type === 'radio' && !el.checked && el.name && root.querySelector('input[type=radio][name="' + el.name + '"]:checked');
        if (el.matches('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])') && !el.disabled && el.type !== 'hidden' && !otherRadioStop) {
          const box = el.getBoundingClientRect();
          if (getComputedStyle(el).visibility !== 'hidden' && box.width > 0 && box.height > 0 && !el.closest('[hidden], [inert]') && !el.closest('details:not([open]) > :not(summary)')) found.push(el);
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
  start() {
    this.expected = this.controls();
    this.reached = new Set();
    return this.expected.length;
  },
  /** After a Tab: the newly focused control (name, visible focus), nothing, or done once focus returns to one seen before. */
  step() {
    const el = this.deepActive();
    if (!el || el === document.body) return { done: false };
    if (this.reached.has(el)) return { done: true };
    this.reached.add(el);
    return { done: false, name: this.describe(el), visible: this.focusVisible(el) };
  },
  /** Controls present at the start and still present now that Tab never reached. */
  missed() {
    const now = new Set(this.controls());
    return this.expected.filter((el) => now.has(el) && !this.reached.has(el)).map((el) => this.describe(el));
  },
};`;

async function installProbes(page: Page): Promise<void> {
  await page.evaluate(PROBES);
}

type Probe = {
  start(): number;
  step(): { done: boolean; name?: string; visible?: boolean };
  missed(): string[];
};

test('Tab alone reaches every control of the article, each with a visible focus ring', async () => {
  const { page, problems } = await openPage(site, '/');
  await settleElements(page);
  await installProbes(page);
  const count = await page.evaluate(() => (globalThis as unknown as { __kb: Probe }).__kb.start());
  assert.ok(count > 20, `${count} controls found`);
  const invisible: string[] = [];
  for (let press = 0; press < count + 20; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (globalThis as unknown as { __kb: Probe }).__kb.step());
    if (focused.done) break; // wrapped round to a control seen before: the walk is done
    if (focused.name && !focused.visible) invisible.push(focused.name);
  }
  const missed = await page.evaluate(() => (globalThis as unknown as { __kb: Probe }).__kb.missed());
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
  assert.equal((await state()).index, 9);
  await page.keyboard.press('Home');
  assert.equal((await state()).index, 0);
  assert.match((await page.locator('.classroom-position').textContent()) ?? '', /^1 \/ 10$/);
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

// End-to-end: what a reader sees on a phone (390 px), on every page of the site: copy buttons
// that cover no code, snippets as their authors wrote them, API tables that never break a word,
// map and sampler labels drawn at a readable size, and every map dot either labelled or
// telling its word on hover.
import { readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openPage, POCKET_MODEL_PRESENT, settleElements, SITE_PAGES, startSite, type SiteSession } from './e2e-site.js';

const PHONE = { viewport: { width: 390, height: 844 } };
/** The smallest label, in CSS pixels, a figure may draw on a phone. */
const MIN_LABEL_PX = 11;

/** Every page: the four site pages and each element page. */
const ALL_PAGES = [
  ...SITE_PAGES,
  ...readdirSync('docs/components')
    .filter((name) => /^lx-.*\.html$/.test(name))
    .map((name) => `/components/${name}`),
];

// Page probes as plain script text (functions from this file would carry the test
// transpiler's helpers into the page).

/** Copy buttons that overlap a line of their code, before or after scrolling it sideways. */
const COVERED_CODE = `(() => {
  const found = [];
  const blocks = [...document.querySelectorAll('pre.copy-block')];
  for (const [index, block] of blocks.entries()) {
    const button = block.parentElement.querySelector('.copy-button');
    if (!button) { found.push('block ' + index + ' has no copy button'); continue; }
    const code = block.querySelector('code') ?? block;
    for (const scroll of [0, block.scrollWidth]) {
      block.scrollLeft = scroll;
      const b = button.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(code);
      const box = block.getBoundingClientRect();
      for (const line of range.getClientRects()) {
        // Only the part of a line the block shows can be covered.
        const left = Math.max(line.left, box.left), right = Math.min(line.right, box.right);
        if (line.width > 0 && left < b.right && b.left < right && line.top < b.bottom && b.top < line.bottom) {
          found.push('block ' + index + ' (scrolled ' + scroll + '): the button covers "' + code.textContent.slice(0, 40) + '"');
          break;
        }
      }
    }
    block.scrollLeft = 0;
  }
  return { count: blocks.length, found };
})()`;

/** The text of every copyable snippet. */
const SNIPPETS = `[...document.querySelectorAll('pre.copy-block code')].map((code) => code.textContent)`;

/** Runs of letters and digits in API table cells that the layout broke across two lines. */
const BROKEN_WORDS = `(() => {
  const found = [];
  for (const cell of document.querySelectorAll('.api-table td, .api-table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[A-Za-z0-9]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) found.push(match[0]);
      }
    }
  }
  return found;
})()`;

/** Rendered size (CSS px) of every non-empty shown SVG text in `selector` (inside `host`'s shadow root, if given). */
const labelSizes = (host: string, selector: string) => `(() => {
  const root = ${host ? `document.querySelector(${JSON.stringify(host)})?.shadowRoot` : 'document'};
  if (!root) return [];
  return [...root.querySelectorAll(${JSON.stringify(selector)})]
    .filter((text) => text.textContent.trim() && getComputedStyle(text).display !== 'none' && text.getBoundingClientRect().width > 0)
    .map((text) => {
      const ctm = text.getScreenCTM();
      return { text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b) };
    });
})()`;

async function smallest(page: Page, host: string, selector: string): Promise<{ text: string; px: number } | undefined> {
  const sizes: { text: string; px: number }[] = await page.evaluate(labelSizes(host, selector));
  assert.ok(sizes.length > 0, `${host} ${selector}: no labels drawn`);
  return sizes.sort((a, b) => a.px - b.px)[0];
}

let site: SiteSession;
before(async () => {
  site = await startSite({ webgpu: false });
});
after(async () => {
  await site?.close();
});

describe('every page at 390 px', () => {
  for (const path of ALL_PAGES) {
    test(path, async () => {
      const { page, problems } = await openPage(site, path, PHONE, { holdModels: true });
      await settleElements(page);
      if (path.startsWith('/components/lx-')) await page.waitForSelector('.api-table', { timeout: 60_000 });
      const { found } = (await page.evaluate(COVERED_CODE)) as { count: number; found: string[] };
      assert.deepEqual(found, [], 'copy buttons cover no code');
      for (const snippet of (await page.evaluate(SNIPPETS)) as string[]) {
        assert.doesNotMatch(snippet, /=""|&quot;|&amp;|&lt;|&gt;/, `a snippet shows the DOM's serialisation, not its author's text: ${snippet.slice(0, 120)}`);
      }
      assert.deepEqual(await page.evaluate(BROKEN_WORDS), [], 'API tables wrap between words only');
      assert.deepEqual(problems.filter((p) => !p.includes('/assets/models/')), []);
      await page.close();
    });
  }

  test('the player page shows its example as written (a bare autoplay)', async () => {
    const { page } = await openPage(site, '/components/lx-denoising-player.html', PHONE, { holdModels: true });
    const snippets = (await page.evaluate(SNIPPETS)) as string[];
    assert.ok(snippets.some((s) => /<lx-denoising-player share autoplay prompt=/.test(s)), snippets.join('\n'));
    await page.close();
  });
});

describe('the article\'s maps and sampler on a phone', () => {
  test('labels are at least 11 px, and every map dot is labelled or shows its word on hover', async () => {
    const { page, problems } = await openPage(site, '/', PHONE);
    await settleElements(page);
    await page.waitForFunction(() => document.querySelector('lx-embedding-map')?.shadowRoot?.querySelector('g.point text'), undefined, { timeout: 60_000 });
    await page.locator('lx-embedding-map svg').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300); // a resize redraw, if any

    const map = await smallest(page, 'lx-embedding-map', 'g.point text');
    assert.ok(map!.px >= MIN_LABEL_PX, `embedding map label "${map!.text}" is ${map!.px.toFixed(1)} px`);
    const sampler = await smallest(page, '', '#toy-run svg text');
    assert.ok(sampler!.px >= MIN_LABEL_PX, `sampler figure label "${sampler!.text}" is ${sampler!.px.toFixed(1)} px`);

    // Each dot either shows its word or holds it for hover (text present, shown on :hover).
    const points: { word: string; text: string; shown: boolean }[] = await page.evaluate(`[...document.querySelector('lx-embedding-map').shadowRoot.querySelectorAll('g.point')]
      .map((g) => ({ word: g.dataset.word, text: g.querySelector('text')?.textContent ?? '', shown: getComputedStyle(g.querySelector('text')).display !== 'none' }))`);
    assert.ok(points.length >= 10);
    for (const point of points) assert.equal(point.text, point.word, `the dot of "${point.word}" holds its word`);
    const hidden = points.filter((p) => !p.shown);
    console.log(`embedding map at 390 px: ${points.length - hidden.length} of ${points.length} dots labelled, the rest on hover`);
    for (const { word } of hidden) {
      const dot = page.locator(`lx-embedding-map g.point[data-word="${word}"] circle`);
      await dot.hover({ force: true });
      const shown = await page.evaluate(`(() => { const g = document.querySelector('lx-embedding-map').shadowRoot.querySelector('g.point[data-word="${word}"]');
        return g.matches(':hover') ? getComputedStyle(g.querySelector('text')).display !== 'none' : 'not hovered'; })()`);
      // Another dot drawn on top may take the hover; the word must show whenever its own dot has it.
      if (shown !== 'not hovered') assert.equal(shown, true, `hovering "${word}" shows its word`);
    }

    if (POCKET_MODEL_PRESENT) {
      await page.locator('lx-prompt-space').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('lx-prompt-space')?.shadowRoot?.querySelector('g.labels text'), undefined, { timeout: 180_000 });
      await page.waitForTimeout(300);
      const prompts = await smallest(page, 'lx-prompt-space', 'g.labels text');
      assert.ok(prompts!.px >= MIN_LABEL_PX, `prompt map label "${prompts!.text}" is ${prompts!.px.toFixed(1)} px`);
      const titles: { prompt: string; title: string }[] = await page.evaluate(`[...document.querySelector('lx-prompt-space').shadowRoot.querySelectorAll('g.point')]
        .map((g) => ({ prompt: g.getAttribute('aria-label'), title: g.querySelector('title')?.textContent ?? '' }))`);
      assert.ok(titles.length >= 10);
      for (const { prompt, title } of titles) assert.equal(title, prompt, 'every prompt dot tells its prompt on hover');
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});

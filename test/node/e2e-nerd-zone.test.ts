// End-to-end: the article's main path has no formulas; the maths sits in Nerd Zone boxes that
// are closed on screen, open and close from the keyboard, and are all open when printed. The
// figures the text points at show what it says (the schedule's list of visited timesteps, the
// training data's sample grid).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, settleElements, startSite, type SiteSession } from './e2e-site.js';

let site: SiteSession;
before(async () => {
  site = await startSite({ webgpu: false });
});
after(async () => {
  await site?.close();
});

/** Ideas each box's title or text must cover, somewhere among the boxes. */
const NERD_TERMS = ['ε̂', 'ᾱ', 'SNR', 'DDIM', 'PCA', '3CosAdd'];

// Page probes as script text (functions from this file would carry the transpiler's helpers).
const BOXES = `[...document.querySelectorAll('article details')].map((box) => ({
  nerd: box.classList.contains('nerd-zone'),
  badge: box.querySelector(':scope > summary .nerd-zone-badge')?.textContent ?? '',
  open: box.open,
  text: box.textContent,
}))`;

/**
 * The article's own text outside Nerd Zone boxes, figures (custom elements) and form controls,
 * and any math markup there.
 */
const MAIN_PATH = `(() => {
  const article = document.querySelector('article').cloneNode(true);
  for (const el of article.querySelectorAll('details.nerd-zone, form, svg')) el.remove();
  for (const el of [...article.querySelectorAll('*')].filter((el) => el.localName.includes('-'))) el.remove();
  return { text: article.textContent, math: article.querySelectorAll('.formula, [role=math], sub, var').length };
})()`;

test('the main path has no formulas; every formula is inside a Nerd Zone box', async () => {
  const { page, problems } = await openPage(site, '/', {}, { holdModels: true });
  const { text, math } = (await page.evaluate(MAIN_PATH)) as { text: string; math: number };
  assert.equal(math, 0, 'no formula, subscript or variable markup outside the boxes');
  assert.deepEqual(text.match(/[εαθσμ√𝒩‖∑]|x̂/gu) ?? [], [], 'no maths symbols outside the boxes');
  const boxes = (await page.evaluate(BOXES)) as { nerd: boolean; badge: string; open: boolean; text: string }[];
  assert.ok(boxes.length >= 6, `${boxes.length} boxes`);
  for (const box of boxes) {
    assert.ok(box.nerd && box.badge === 'Nerd Zone', 'every box in the article is a Nerd Zone box, with its badge');
    assert.equal(box.open, false, 'closed on screen');
  }
  for (const term of NERD_TERMS) assert.ok(boxes.some((box) => box.text.includes(term)), `a Nerd Zone box covers ${term}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a Nerd Zone box opens and closes from the keyboard, and all are open for printing', async () => {
  const { page, problems } = await openPage(site, '/', {}, { holdModels: true });
  const summary = page.locator('details.nerd-zone > summary').first();
  const body = page.locator('details.nerd-zone .nerd-zone-body').first();
  assert.equal(await body.isVisible(), false, 'closed: its maths is hidden');
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.equal(await body.isVisible(), true, 'Enter opens it');
  await page.keyboard.press('Space');
  assert.equal(await body.isVisible(), false, 'Space closes it');
  await page.keyboard.press('Space');
  assert.equal(await body.isVisible(), true, 'the reader opened it again');

  const openCount = () => page.evaluate(`document.querySelectorAll('details.nerd-zone[open]').length`) as Promise<number>;
  const total = (await page.evaluate(`document.querySelectorAll('details.nerd-zone').length`)) as number;
  await page.evaluate(`dispatchEvent(new Event('beforeprint'))`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await openCount(), total, 'printing opens every box');
  assert.equal(await page.locator('details.nerd-zone .formula').last().isVisible(), true);
  await page.evaluate(`dispatchEvent(new Event('afterprint'))`);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await openCount(), 1, 'after printing only the box the reader opened stays open');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the figures show what the text says: visited timesteps listed, the training data shown', async () => {
  const { page, problems } = await openPage(site, '/', {});
  await settleElements(page);
  const plan = (await page.locator('lx-noise-schedule').evaluate((el) => el.shadowRoot!.querySelector('.plan')?.textContent ?? '')) as string;
  const listed = /visits t = ([\d, ]+)/.exec(plan)?.[1]?.split(',') ?? [];
  assert.equal(listed.length, 20, `the line under the charts lists the 20 visited timesteps: "${plan}"`);
  // Section 7 sends the reader to the player's “predicted final image” panel; section 5 to its previews.
  // The player shows its panels once it runs (or replays a recording); the page starts it by itself.
  await page.waitForFunction(() => document.querySelector('#hero-player')?.shadowRoot?.querySelector('figcaption'), undefined, { timeout: 180_000 });
  const captions = (await page.locator('#hero-player').evaluate((el) => [...el.shadowRoot!.querySelectorAll('figcaption')].map((c) => c.textContent ?? ''))) as string[];
  assert.ok(captions.some((c) => /^Predicted final image.*preview\)/.test(c.trim())), captions.join(' | '));
  assert.ok(captions.some((c) => /latent channels/.test(c)), 'the four latent channels');
  const grid = page.locator('#training-data img[src$="sample_grid.png"]');
  await grid.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => (document.querySelector('#training-data img') as HTMLImageElement | null)?.complete);
  assert.ok(((await grid.evaluate((img) => (img as HTMLImageElement).naturalWidth)) as number) > 0, 'the site serves the sample grid');
  const words = (await page.locator('#pocket-vocabulary dd').allTextContents()).flatMap((dd) => dd.split(/,\s*/));
  assert.equal(words.length, 39);
  assert.deepEqual(problems, []);
  await page.close();
});

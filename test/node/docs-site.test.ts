// End-to-end: every page of `npm start`'s site in real Chromium loads with no console errors,
// failed requests or requests to another origin; component pages (rendered from their sources
// and docs/templates/) carry their API tables, the element list and their screenshots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { elementsOf, type Manifest } from '../../docs/src/api-tables.js';
import { COMPONENT_PAGE_PATHS } from '../../scripts/component-pages.mjs';
import { openPage, SITE_PAGES, startSite, type SiteSession } from './e2e-site.js';

let site: SiteSession;

before(async () => {
  site = await startSite();
});

after(async () => {
  await site?.close();
});

const componentPages = readdirSync('docs/components').filter((name) => /^lx-.*\.html$/.test(name));

for (const path of [...SITE_PAGES, ...componentPages.map((name) => `/components/${name}`)]) {
  test(`${path} loads with no errors and no request off the origin`, async () => {
    const { page, problems } = await openPage(site, path);
    await page.waitForTimeout(500);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the article draws the noise schedule and a toy sampling run, and the sampler form re-runs it', async () => {
  const { page, problems } = await openPage(site, '/');
  await page.waitForSelector('#toy-run svg .paths path');
  const paths = await page.locator('#toy-run svg .paths path').count();
  assert.ok(paths >= 40, `${paths} sample paths drawn`);
  assert.match((await page.locator('#toy-run .status').textContent()) ?? '', /2000 samples after 20 steps: mean 1\.\d+/);
  const curves = await page.locator('lx-noise-schedule').evaluate((el) => el.shadowRoot!.querySelectorAll('path.series').length);
  assert.ok(curves >= 3, `${curves} schedule curves`);
  await page.selectOption('#toy-run select[name=sampler]', 'euler');
  await page.fill('#toy-run input[name=steps]', '30');
  await page.waitForFunction(() => document.querySelector('#toy-run .status')!.textContent!.includes('after 30 steps'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('every element in custom-elements.json has a page, linked from the components index', () => {
  const manifest = JSON.parse(readFileSync('docs/custom-elements.json', 'utf8')) as Manifest;
  const index = readFileSync(`${COMPONENT_PAGE_PATHS.out}/index.html`, 'utf8'); // as served
  for (const tag of elementsOf(manifest).keys()) {
    assert.ok(componentPages.includes(`${tag}.html`), `docs/components/${tag}.html exists`);
    assert.ok(index.includes(`href="${tag}.html"`), `the index links ${tag}.html`);
  }
});

test('component pages render the manifest as API tables and show the HTML that runs', async () => {
  const manifest = JSON.parse(readFileSync('docs/custom-elements.json', 'utf8')) as Manifest;
  const elements = elementsOf(manifest);
  for (const name of componentPages) {
    const tag = name.slice(0, -'.html'.length);
    const declaration = elements.get(tag);
    assert.ok(declaration, `${tag} is in the manifest`);
    const { page, problems } = await openPage(site, `/components/${name}`);
    await page.waitForSelector('.api table');
    const attributeNames = await page.$$eval('.api section:first-of-type tbody tr td:first-child', (cells) => cells.map((c) => c.textContent!.trim()));
    assert.deepEqual(attributeNames, (declaration.attributes ?? []).map((a) => a.name));
    const headings = await page.$$eval('.api h3', (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(headings, ['Attributes', 'Properties', 'Methods', 'Events', 'CSS parts', 'CSS custom properties']);
    const events = await page.$$eval('.api section:nth-of-type(4) tbody td:first-child', (cells) => cells.map((c) => c.textContent!.trim()));
    assert.deepEqual(events, (declaration.events ?? []).map((e) => e.name));
    // The code shown is the markup of the live example, and the live example is upgraded.
    const shown = (await page.locator('pre.copy-block code').first().textContent()) ?? '';
    assert.ok(shown.startsWith(`<${tag}`), `copyable HTML starts with <${tag}: ${shown}`);
    assert.ok(await page.locator(`.example ${tag}`).evaluate((el) => el.shadowRoot !== null), `${tag} upgraded`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('a component page lists every element page, marks itself, and shows the screenshot of the reader’s scheme', async () => {
  const name = 'lx-noise-schedule.html';
  for (const colorScheme of ['light', 'dark'] as const) {
    const { page, problems } = await openPage(site, `/components/${name}`, { colorScheme });
    const listed = await page.$$eval('nav.element-nav a', (links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual([...listed].sort(), [...componentPages].sort());
    assert.equal(await page.getAttribute('nav.element-nav a[aria-current="page"]', 'href'), name);
    const shot = page.locator('figure.element-shot img');
    await shot.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('figure.element-shot img')!.complete);
    assert.match(await shot.evaluate((img: HTMLImageElement) => img.currentSrc), new RegExp(`/images/components/lx-noise-schedule-${colorScheme}\\.png$`));
    assert.deepEqual(problems, []);
    await page.close();
  }
});

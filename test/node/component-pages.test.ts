// The component pages' build step (scripts/component-pages.mjs): page sources in the short
// format, the shared templates around them, the element list and the index's gallery made from
// the set of pages, screenshots found by name, and no reference that leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  COMPONENT_PAGE_PATHS,
  ComponentPageError,
  fillTemplate,
  findScreenshots,
  parseElementPage,
  pngSize,
  renderComponentPages,
  renderElementPage,
  sortPages,
} from '../../scripts/component-pages.mjs';

const TEMPLATES = {
  page: readFileSync(join(COMPONENT_PAGE_PATHS.templates, 'page.html'), 'utf8'),
  component: readFileSync(join(COMPONENT_PAGE_PATHS.templates, 'component.html'), 'utf8'),
};

/** An element page source in the documented format. */
function source(tag: string, { group = 'Diffusion', order = '', card = `What ${tag} shows.`, extra = '' } = {}): string {
  return [
    `<!-- the ${tag} page -->`,
    `<meta name="group" content="${group}">`,
    order ? `<meta name="order" content="${order}">` : '',
    `<meta name="card" content="${card}">`,
    `<p class="lede">All about <code>${tag}</code>.</p>`,
    '<p class="example-note">Running on the test model.</p>',
    `<template class="example-source">\n  <${tag} seed="1"></${tag}>\n</template>`,
    extra,
  ].join('\n');
}

/** The first 24 bytes of a PNG of `width` × `height` (all the size reader looks at). */
function pngHeader(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(bytes);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

/** A scratch site: page sources, screenshots, the real templates; removed by `done()`. */
function scratchSite(pages: Record<string, string>, shots: string[] = []) {
  const root = mkdtempSync(join(tmpdir(), 'lx-component-pages-'));
  const paths = { sources: join(root, 'components'), templates: COMPONENT_PAGE_PATHS.templates, screenshots: join(root, 'shots'), out: join(root, 'out') };
  mkdirSync(paths.sources);
  mkdirSync(paths.screenshots);
  writeFileSync(join(paths.sources, 'index.html'), '<h1>Components</h1>\n<p>All of them.</p>\n<div data-element-gallery></div>\n<h2>After</h2>');
  for (const [file, text] of Object.entries(pages)) writeFileSync(join(paths.sources, file), text);
  for (const file of shots) writeFileSync(join(paths.screenshots, file), pngHeader(640, 480));
  const read = (file: string) => readFileSync(join(paths.out, file), 'utf8');
  return { paths, read, done: () => rmSync(root, { recursive: true, force: true }) };
}

test('a page source parses into its parts; comments before it are ignored', () => {
  const page = parseElementPage('lx-demo.html', source('lx-demo', { order: '2', extra: '<h2>More</h2>\n<p>Extra.</p>' }));
  assert.equal(page.tag, 'lx-demo');
  assert.equal(page.group, 'Diffusion');
  assert.equal(page.order, 2);
  assert.equal(page.card, 'What lx-demo shows.');
  assert.equal(page.lede, '<p class="lede">All about <code>lx-demo</code>.</p>');
  assert.equal(page.exampleNote, 'Running on the test model.');
  assert.match(page.example, /^<template class="example-source">\n {2}<lx-demo seed="1"><\/lx-demo>\n<\/template>$/);
  assert.equal(page.extra, '<h2>More</h2>\n<p>Extra.</p>');
});

test('a source that breaks the format names the file and the field', () => {
  const cases: [string, string][] = [
    [source('lx-demo').replace('name="card"', 'name="cards"'), 'cards'],
    [source('lx-demo', { group: 'Misc' }), 'group'],
    [source('lx-demo').replace(/<meta name="card"[^>]*>/, ''), 'card'],
    [source('lx-demo', { order: 'first' }), 'order'],
    [source('lx-demo').replace('class="lede"', 'class="intro"'), 'lede'],
    [source('lx-demo').replace('example-source', 'example'), 'example'],
    [source('lx-demo').replace('<lx-demo seed="1"></lx-demo>', '<lx-other></lx-other>'), 'example'],
  ];
  for (const [text, field] of cases) {
    assert.throws(
      () => parseElementPage('lx-demo.html', text),
      (error: unknown) => error instanceof ComponentPageError && error.file === 'lx-demo.html' && error.field === field,
      `field ${field}`,
    );
  }
});

test('pages sort by group, then order, then tag', () => {
  const pages = ['lx-b', 'lx-a', 'lx-c', 'lx-d'].map((tag, i) =>
    parseElementPage(`${tag}.html`, source(tag, { group: i === 0 ? 'Embeddings' : 'Diffusion', order: tag === 'lx-c' ? '1' : '' })),
  );
  assert.deepEqual(sortPages(pages).map((page) => page.tag), ['lx-c', 'lx-a', 'lx-d', 'lx-b']);
});

test('a template value the page lacks is an error, not an empty slot', () => {
  assert.equal(fillTemplate('<h1>{{title}}</h1>', { title: 'Hi' }, 't.html'), '<h1>Hi</h1>');
  assert.throws(() => fillTemplate('{{title}} {{missing}}', { title: 'Hi' }, 't.html'), (error: unknown) => error instanceof ComponentPageError && error.field === 'missing');
});

test('the PNG size comes from the IHDR chunk; other bytes are not a PNG', () => {
  assert.deepEqual(pngSize(pngHeader(760, 343)), { width: 760, height: 343 });
  assert.equal(pngSize(Buffer.from('GIF89a and some more bytes here')), undefined);
});

test('a new page appears in every page’s element list and in the index without editing the others', () => {
  const site = scratchSite({ 'lx-one.html': source('lx-one', { order: '1' }), 'lx-two.html': source('lx-two', { group: 'Embeddings' }) }, ['lx-one-light.png', 'lx-one-dark.png']);
  try {
    renderComponentPages(site.paths);
    writeFileSync(join(site.paths.sources, 'lx-new.html'), source('lx-new', { order: '2', card: 'The newcomer.' }));
    const pages = renderComponentPages(site.paths);
    assert.deepEqual(pages.map((page) => page.tag), ['lx-one', 'lx-new', 'lx-two']);
    assert.deepEqual(readdirSync(site.paths.out).sort(), ['component-pages.css', 'index.html', 'lx-new.html', 'lx-one.html', 'lx-two.html']);
    for (const file of ['lx-one.html', 'lx-two.html', 'lx-new.html']) {
      const html = site.read(file);
      const nav = html.slice(html.indexOf('<nav class="element-nav"'));
      assert.ok(nav.indexOf('href="lx-one.html"') < nav.indexOf('href="lx-new.html"') && nav.includes('href="lx-two.html"'), `${file} lists every page in order`);
      assert.match(nav, new RegExp(`href="${file}" aria-current="page"`), `${file} marks itself`);
      assert.match(html, /<script type="module" src="\.\.\/build\/component\.js"><\/script>/);
    }
    const index = site.read('index.html');
    assert.match(index, /<title>Components · latent-explorables<\/title>/);
    assert.match(index, /<li><a href="lx-new\.html">&lt;lx-new&gt;<\/a><p>The newcomer\.<\/p><\/li>/);
    assert.ok(index.indexOf('id="diffusion-elements"') < index.indexOf('id="embeddings-elements"') && index.indexOf('id="embeddings-elements"') < index.indexOf('<h2>After</h2>'));
    assert.doesNotMatch(index, /data-element-gallery|component\.js/);
  } finally {
    site.done();
  }
});

test('screenshots are found by name and shown light or dark with the reader’s colour scheme', () => {
  const site = scratchSite({ 'lx-one.html': source('lx-one'), 'lx-two.html': source('lx-two') }, ['lx-one-light.png', 'lx-one-dark.png']);
  try {
    renderComponentPages(site.paths);
    const picture =
      '<picture><source srcset="../images/components/lx-one-dark.png" media="(prefers-color-scheme: dark)" width="640" height="480">' +
      '<img src="../images/components/lx-one-light.png" width="640" height="480" alt="Screenshot of &lt;lx-one&gt;"';
    assert.ok(site.read('lx-one.html').includes(picture), 'the page shows the pair');
    assert.ok(site.read('index.html').includes(picture), 'the gallery shows the pair');
    assert.doesNotMatch(site.read('lx-two.html'), /<picture>|<h2>Screenshot<\/h2>/, 'no screenshots, no section');
    // A screenshot run half done: the lone picture is left out (and reported), the site still builds.
    writeFileSync(join(site.paths.screenshots, 'lx-two-light.png'), pngHeader(10, 10));
    const warnings: string[] = [];
    assert.equal(findScreenshots(site.paths.screenshots, 'lx-two', (message) => warnings.push(message)), undefined);
    assert.match(warnings.join('\n'), /lx-two-light\.png has no dark twin/);
    assert.doesNotMatch(renderElementPage(parseElementPage('lx-two.html', source('lx-two')), [], new Map(), TEMPLATES), /<picture>/);
  } finally {
    site.done();
  }
});

test('the real pages: every screenshot is shown by its page and the gallery, and nothing is loaded from another origin', () => {
  const root = mkdtempSync(join(tmpdir(), 'lx-component-pages-real-'));
  try {
    const out = join(root, 'out');
    const pages = renderComponentPages({ ...COMPONENT_PAGE_PATHS, out });
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const shots = readdirSync(COMPONENT_PAGE_PATHS.screenshots).filter((name) => name.endsWith('.png'));
    for (const shot of shots) {
      const tag = shot.replace(/-(light|dark)\.png$/, '');
      assert.ok(pages.some((page) => page.tag === tag), `${shot} belongs to a page`);
      assert.ok(readFileSync(join(out, `${tag}.html`), 'utf8').includes(`../images/components/${shot}`), `${tag}.html shows ${shot}`);
      assert.ok(index.includes(`../images/components/${shot}`), `the gallery shows ${shot}`);
    }
    for (const file of readdirSync(out)) {
      const text = readFileSync(join(out, file), 'utf8');
      assert.doesNotMatch(text, /(?:src|href|srcset|action)="(?:https?:)?\/\/|url\(\s*['"]?(?:https?:)?\/\/|@import/i, `${file} loads nothing from another origin`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

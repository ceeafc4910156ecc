// The component pages of the docs site, rendered at build time. Each `docs/components/<tag>.html`
// holds only what is specific to its element; `docs/templates/` holds what every page shares
// (head, site header, element list, screenshot figure, API-table slot, footer). `npm start` and
// the e2e tests serve the rendered pages from `docs/build/components/` (scripts/build-docs.mjs);
// `npm run build` copies that same folder into `dist/site/components/`.
//
// An element page's source, in this order:
//   <meta name="group" content="Diffusion">         which list it is in: one of PAGE_GROUPS
//   <meta name="order" content="3">                 optional: its place in that list (then by tag)
//   <meta name="card" content="One line.">          its line on the index and in the element list
//   <p class="lede">What it shows.</p>              the summary under the title
//   <p class="example-note">Runs on …</p>           optional: what the live example runs on
//   <template class="example-source">…</template>   the live example (shown again as copyable HTML)
//   …                                               optional: more sections (<h2>…) of its own
// Leading HTML comments are ignored. The index (`index.html`) is its own prose with a
// `<div data-element-gallery></div>` where the grouped gallery of element pages goes.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The element lists, in the order the index and the element list show them. */
export const PAGE_GROUPS = ['Diffusion', 'Embeddings'];

/** Where sources, templates and screenshots live, and where the rendered pages go. */
export const COMPONENT_PAGE_PATHS = {
  sources: 'docs/components',
  templates: 'docs/templates',
  screenshots: 'docs/images/components',
  out: 'docs/build/components',
};

const STYLESHEET = 'component-pages.css';
const META_NAMES = new Set(['group', 'order', 'card']);

/** A component page source that does not follow the format above; names the file and the field. */
export class ComponentPageError extends Error {
  constructor(file, field, message) {
    super(`${file}: ${field}: ${message}`);
    this.name = 'ComponentPageError';
    this.code = 'component-page';
    this.file = file;
    this.field = field;
  }
}

/** Replaces every `{{name}}` in `template` with `values[name]`; a missing value is an error. */
export function fillTemplate(template, values, templateName) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new ComponentPageError(templateName, name, 'the template names a value the page does not have');
    return values[name];
  });
}

/** Drops the HTML comments and blank space before a source's first element. */
function stripLeadingComments(text) {
  return text.replace(/^(\s*<!--[\s\S]*?-->)*\s*/, '');
}

/** Parses an element page source (`file` is its name, `<tag>.html`) into its parts. */
export function parseElementPage(file, text) {
  const tag = file.replace(/\.html$/, '');
  let rest = stripLeadingComments(text);
  const meta = {};
  for (let match; (match = rest.match(/^<meta name="([^"]*)" content="([^"]*)">\s*/)); rest = rest.slice(match[0].length)) {
    const [, name, content] = match;
    if (!META_NAMES.has(name)) throw new ComponentPageError(file, name, `unknown <meta> (expected one of ${[...META_NAMES].join(', ')})`);
    meta[name] = content;
  }
  if (!PAGE_GROUPS.includes(meta.group)) throw new ComponentPageError(file, 'group', `<meta name="group"> must be one of ${PAGE_GROUPS.join(', ')}, got ${JSON.stringify(meta.group)}`);
  if (!meta.card?.trim()) throw new ComponentPageError(file, 'card', 'missing <meta name="card" content="…"> (the one-line description)');
  const order = meta.order === undefined ? Number.POSITIVE_INFINITY : Number(meta.order);
  if (!Number.isInteger(order) && order !== Number.POSITIVE_INFINITY) throw new ComponentPageError(file, 'order', `must be an integer, got ${JSON.stringify(meta.order)}`);

  const lede = rest.match(/^<p class="lede">[\s\S]*?<\/p>\s*/);
  if (!lede) throw new ComponentPageError(file, 'lede', 'the metas must be followed by <p class="lede">…</p>');
  rest = rest.slice(lede[0].length);
  const note = rest.match(/^<p class="example-note">([\s\S]*?)<\/p>\s*/);
  if (note) rest = rest.slice(note[0].length);
  const example = rest.match(/^<template class="example-source">([\s\S]*?)<\/template>/);
  if (!example) throw new ComponentPageError(file, 'example', 'missing <template class="example-source"> after the lede (and the optional example note)');
  if (!example[1].trimStart().startsWith(`<${tag}`)) throw new ComponentPageError(file, 'example', `the live example must start with <${tag}>`);
  return {
    file,
    tag,
    group: meta.group,
    order,
    card: meta.card,
    lede: lede[0].trim(),
    exampleNote: note ? note[1].trim() : '',
    example: example[0],
    extra: rest.slice(example[0].length).trim(),
  };
}

/** Removes the indentation the page source gives its example. */
export function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

/** Text made safe to place inside an HTML element. */
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The example's source exactly as the page's author wrote it, as a copyable block. Written at
 * build time from the source text: reading it back from the parsed <template> in the browser
 * would show the DOM's serialisation instead (`autoplay=""`, quotes as `&quot;`).
 */
export function exampleCode(example) {
  const inner = example.replace(/^<template class="example-source">/, '').replace(/<\/template>$/, '');
  return `<pre class="copy-block example-code"><code>${escapeHtml(dedent(inner))}</code></pre>`;
}

/** Pages sorted as the lists show them: by group, then `order`, then tag. */
export function sortPages(pages) {
  return [...pages].sort(
    (a, b) => PAGE_GROUPS.indexOf(a.group) - PAGE_GROUPS.indexOf(b.group) || a.order - b.order || a.tag.localeCompare(b.tag),
  );
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * The light and dark screenshots of `tag` in `dir` (`<tag>-light.png`, `<tag>-dark.png`) with
 * their sizes, or undefined unless both are there. One without the other (a screenshot run
 * half done) is reported through `warn` and left out rather than failing the whole site.
 */
export function findScreenshots(dir, tag, warn = console.warn) {
  const paths = { light: join(dir, `${tag}-light.png`), dark: join(dir, `${tag}-dark.png`) };
  const present = Object.values(paths).filter((path) => existsSync(path));
  if (present.length === 1) warn(`${tag}.html: ${present[0]} has no ${present[0].includes('-light') ? 'dark' : 'light'} twin; the page shows no screenshot`);
  if (present.length < 2) return undefined;
  const size = (path) => pngSize(readFileSync(path)) ?? (() => { throw new ComponentPageError(`${tag}.html`, 'screenshots', `${path} is not a PNG`); })();
  return { light: { file: `${tag}-light.png`, ...size(paths.light) }, dark: { file: `${tag}-dark.png`, ...size(paths.dark) } };
}

/** A `<picture>` showing the light or the dark screenshot, following the reader's colour scheme. */
export function screenshotPicture(tag, shots, { lazy }) {
  const src = (shot) => `../images/components/${shot.file}`;
  return [
    '<picture>',
    `<source srcset="${src(shots.dark)}" media="(prefers-color-scheme: dark)" width="${shots.dark.width}" height="${shots.dark.height}">`,
    `<img src="${src(shots.light)}" width="${shots.light.width}" height="${shots.light.height}" alt="Screenshot of &lt;${tag}&gt;"${lazy ? ' loading="lazy"' : ''}>`,
    '</picture>',
  ].join('');
}

/** The element page's screenshot section, or nothing when it has no screenshots. */
function screenshotSection(tag, shots) {
  if (!shots) return '';
  const link = (shot, name) => `<a href="../images/components/${shot.file}">${name}</a>`;
  return `  <h2>Screenshot</h2>
  <figure class="element-shot">
    ${screenshotPicture(tag, shots, { lazy: true })}
    <figcaption>Taken live in Chromium, in the theme your system uses. Full size: ${link(shots.light, 'light')}, ${link(shots.dark, 'dark')}.</figcaption>
  </figure>
`;
}

/** The list of every element page, grouped; `current` is marked as the page being read. */
export function elementNav(pages, current) {
  const groups = PAGE_GROUPS.map((group) => {
    const items = sortPages(pages)
      .filter((page) => page.group === group)
      .map((page) => `<li><a href="${page.tag}.html"${page.tag === current ? ' aria-current="page"' : ''}>&lt;${page.tag}&gt;</a></li>`);
    return items.length ? `  <h3>${group}</h3>\n  <ul>\n    ${items.join('\n    ')}\n  </ul>` : '';
  });
  return `<nav class="element-nav" aria-labelledby="element-nav-title">
  <h2 id="element-nav-title">Elements</h2>
${groups.filter(Boolean).join('\n')}
</nav>`;
}

/** The index's gallery: one card list per group, each card with its element's screenshot. */
export function elementGallery(pages, screenshots) {
  return PAGE_GROUPS.map((group) => {
    const cards = sortPages(pages)
      .filter((page) => page.group === group)
      .map((page) => {
        const shots = screenshots.get(page.tag);
        const picture = shots ? `\n      ${screenshotPicture(page.tag, shots, { lazy: false })}` : '';
        return `    <li><a href="${page.tag}.html">&lt;${page.tag}&gt;</a><p>${page.card}</p>${picture}</li>`;
      });
    if (!cards.length) return '';
    const id = `${group.toLowerCase()}-elements`;
    return `  <h2>${group}</h2>\n  <ul class="card-list gallery" id="${id}">\n${cards.join('\n')}\n  </ul>`;
  })
    .filter(Boolean)
    .join('\n');
}

/** One element page, whole. */
export function renderElementPage(page, pages, screenshots, templates) {
  const body = fillTemplate(
    templates.component,
    {
      tag: page.tag,
      lede: page.lede,
      exampleNote: page.exampleNote,
      example: `${page.example}\n  ${exampleCode(page.example)}`,
      extra: page.extra ? `\n  ${page.extra}\n` : '',
      screenshot: screenshotSection(page.tag, screenshots.get(page.tag)),
      elementNav: elementNav(pages, page.tag),
    },
    'component.html',
  );
  const head = '  <script type="module" src="../build/component.js"></script>';
  return fillTemplate(templates.page, { title: `&lt;${page.tag}&gt; · latent-explorables components`, head, body }, 'page.html');
}

/** The components index: its own prose with the gallery where `<div data-element-gallery></div>` is. */
export function renderIndexPage(text, pages, screenshots, templates) {
  const source = stripLeadingComments(text);
  const heading = source.match(/<h1>([^<]*)<\/h1>/);
  if (!heading) throw new ComponentPageError('index.html', 'h1', 'the index needs an <h1> (its title)');
  const marker = '<div data-element-gallery></div>';
  if (!source.includes(marker)) throw new ComponentPageError('index.html', 'gallery', `missing ${marker}`);
  const main = `<main id="content" class="prose">\n${source.trim().replace(marker, elementGallery(pages, screenshots).trim())}\n</main>`;
  return fillTemplate(templates.page, { title: `${heading[1]} · latent-explorables`, head: '', body: main }, 'page.html');
}

/**
 * Renders every page of `paths.sources` into `paths.out` (emptied first) with the stylesheet
 * beside them; returns the element pages, sorted.
 */
export function renderComponentPages(paths = COMPONENT_PAGE_PATHS) {
  const read = (dir, name) => readFileSync(join(dir, name), 'utf8');
  const templates = { page: read(paths.templates, 'page.html'), component: read(paths.templates, 'component.html') };
  const files = readdirSync(paths.sources).filter((name) => /^lx-[a-z0-9-]+\.html$/.test(name));
  const pages = sortPages(files.map((file) => parseElementPage(file, read(paths.sources, file))));
  const screenshots = new Map(pages.map((page) => [page.tag, findScreenshots(paths.screenshots, page.tag)]).filter(([, shots]) => shots));
  rmSync(paths.out, { recursive: true, force: true });
  mkdirSync(paths.out, { recursive: true });
  for (const page of pages) writeFileSync(join(paths.out, page.file), renderElementPage(page, pages, screenshots, templates));
  writeFileSync(join(paths.out, 'index.html'), renderIndexPage(read(paths.sources, 'index.html'), pages, screenshots, templates));
  copyFileSync(join(paths.templates, STYLESHEET), join(paths.out, STYLESHEET));
  return pages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = renderComponentPages();
  console.log(`rendered ${pages.length} component pages and the index into ${COMPONENT_PAGE_PATHS.out}/`);
}

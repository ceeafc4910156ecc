// End-to-end: full-page screenshots of every page at 1280 px and 390 px, light and dark,
// compared with the committed references in test/fixtures/screenshots/ (anti-aliasing
// forgiven, real breakage not). `node scripts/screenshots-site.mjs` rewrites the references.
// The site draws its text with fonts it serves itself (scripts/site-fonts.mjs), so the shots do
// not depend on the fonts the machine has; the last tests make real changes to a live page (a
// moved block, a missing figure, a colour flip) and check that the comparison fails on each.
// Model files are held unanswered so the live diffusion figures are shot in their loading
// state on any machine (their drawing is tested in e2e-article); the GloVe figures are
// drawn for real (deterministic: fixed data, PCA, seeded UMAP).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { TILE, decodePng, diffPixels, type PixelDiff, type Pixels } from './e2e-pixels.js';
import { EMBEDDING_ELEMENTS, openPage, settleElements, startSite, waitForWidgets, type SiteSession } from './e2e-site.js';

const REFERENCES = 'test/fixtures/screenshots';
const FAILURES = '.cache/screenshots';
const UPDATE = process.env.LX_UPDATE_SCREENSHOTS === '1';
/**
 * Share of pixels allowed to change beyond anti-aliasing, over the page and in its worst 64-px
 * tile (a glyph drawn by a fallback font changes a few percent of its tile; a missing, moved or
 * recoloured figure most of it), and the relative page-height change.
 */
const MAX_CHANGED_SHARE = 0.003;
const MAX_TILE_SHARE = 0.1;
const MAX_HEIGHT_CHANGE = 0.01;

const PAGES = [
  { slug: 'article', path: '/' },
  { slug: 'components', path: '/components/' },
  { slug: 'embed', path: '/embed.html' },
  { slug: 'teach', path: '/teach.html' },
  { slug: 'classroom', path: '/teach.html#classroom' },
  // The map is the article's opening figure; its own page shows it alone (on its shipped recording).
  { slug: 'pipeline-map', path: '/components/lx-pipeline-map.html' },
  // Per-word attention: its page's figure waits for Generate (recordings hold no attention).
  { slug: 'attention-map', path: '/components/lx-attention-map.html' },
];
/** `LX_SCREENSHOTS_ONLY=components,embed` limits a run (and an update) to those pages. */
const ONLY = process.env.LX_SCREENSHOTS_ONLY?.split(',');
const WIDTHS = [1280, 390];
const SCHEMES = ['light', 'dark'] as const;

function describeDiff(diff: PixelDiff): string {
  const percent = (share: number, digits: number) => `${(share * 100).toFixed(digits)} %`;
  return `${percent(diff.changedShare, 3)} of the page changed (limit ${percent(MAX_CHANGED_SHARE, 1)}), ${percent(diff.worstTileShare, 1)} of the worst ${TILE}-px tile (limit ${percent(MAX_TILE_SHARE, 0)}), height ${percent(diff.heightChange, 2)}`;
}

/** Whether a shot matches its reference closely enough (anti-aliasing aside). */
function matches(diff: PixelDiff): boolean {
  return diff.sameWidth && diff.heightChange <= MAX_HEIGHT_CHANGE && diff.changedShare <= MAX_CHANGED_SHARE && diff.worstTileShare <= MAX_TILE_SHARE;
}

/**
 * A full-page screenshot of `path`, as the reader sees it once the page has settled (model files
 * held back, so live figures stay in their loading state). `change` is CSS added to the page
 * first, for the tests that break it on purpose.
 */
async function shoot(site: SiteSession, path: string, width: number, scheme: 'light' | 'dark', change?: string): Promise<Buffer> {
  const { page, problems } = await openPage(site, path, { viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' }, { recordEvents: true, holdModels: true });
  await waitForWidgets(page, { tags: EMBEDDING_ELEMENTS, timeout: 120_000 });
  if (change) await page.addStyleTag({ content: change });
  await settleElements(page);
  await page.evaluate(() => document.fonts.ready);
  // Lazy images far below the fold load only when scrolled to: load them all before the full-page shot.
  await page.evaluate(async () => {
    // Files under /assets/models/ (the sample grid among them) are held back on purpose: leave those as they are.
    const images = [...document.images].filter((image) => !image.src.includes('/assets/models/'));
    for (const image of images) image.loading = 'eager';
    // A safety net: the shot is taken after 10 s whatever an image does. (No named functions in
    // here: the test's compiler would wrap them in a helper the page does not have.)
    await Promise.race([
      Promise.all(images.map((image) => (image.complete && image.naturalWidth ? undefined : image.decode().catch(() => undefined)))),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, `${path} at ${width} px: the page scrolls sideways by ${overflow} px`);
  // Progress bars of figures still loading are masked too: their width is a moment, not the page's state.
  const mask = [page.locator('#model-status'), page.locator('[part=progress]')];
  const shot = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', mask, timeout: 180_000 });
  assert.deepEqual(problems, []);
  await page.close();
  return shot;
}

describe('the pixel diff', () => {
  const solid = (width: number, height: number, paint: (x: number, y: number) => number): Pixels => {
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(paint(x, y), (y * width + x) * 4, (y * width + x) * 4 + 3), (data[(y * width + x) * 4 + 3] = 255);
    return { width, height, data };
  };
  const square = (left: number) => solid(40, 40, (x, y) => (x >= left && x < left + 10 && y >= 10 && y < 20 ? 0 : 255));

  test('forgives a one-pixel anti-aliasing shift and fails a moved block', () => {
    assert.equal(diffPixels(square(10), square(11)).changed, 0);
    assert.ok(diffPixels(square(10), square(25)).changedShare > 0.1);
    assert.equal(diffPixels(square(10), solid(41, 40, () => 255)).sameWidth, false);
  });

  test('a small figure missing from a long page is a sliver of the page but fills its tile', () => {
    const page = (figure: boolean) => solid(400, 4000, (x, y) => (figure && x >= 100 && x < 140 && y >= 2000 && y < 2040 ? 30 : 255));
    const diff = diffPixels(page(true), page(false));
    assert.ok(diff.changedShare < MAX_CHANGED_SHARE, `page share ${diff.changedShare}`);
    assert.ok(diff.worstTileShare > MAX_TILE_SHARE, `worst tile ${diff.worstTileShare}`);
    assert.equal(diffPixels(page(true), page(true)).worstTileShare, 0);
  });

  test('reads a PNG that Chromium wrote', async () => {
    const reference = `${REFERENCES}/components-390-light.png`;
    if (!existsSync(reference)) return;
    const pixels = decodePng(readFileSync(reference));
    assert.equal(pixels.width, 390);
    assert.equal(pixels.data.length, pixels.width * pixels.height * 4);
  });
});

let site: SiteSession;
before(async () => {
  site = await startSite();
  mkdirSync(UPDATE ? REFERENCES : FAILURES, { recursive: true });
});
after(async () => {
  await site?.close();
});

describe('screenshots', () => {
  for (const { slug, path } of PAGES.filter((p) => !ONLY || ONLY.includes(p.slug))) {
    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        const name = `${slug}-${width}-${scheme}.png`;
        test(name, async (t) => {
          const shot = await shoot(site, path, width, scheme);
          if (UPDATE) {
            writeFileSync(`${REFERENCES}/${name}`, shot);
            return;
          }
          assert.ok(existsSync(`${REFERENCES}/${name}`), `no reference ${REFERENCES}/${name}: run node scripts/screenshots-site.mjs`);
          const diff = diffPixels(decodePng(readFileSync(`${REFERENCES}/${name}`)), decodePng(shot));
          t.diagnostic(describeDiff(diff));
          if (!matches(diff)) writeFileSync(`${FAILURES}/${name}`, shot);
          assert.ok(diff.sameWidth, `${name}: width changed`);
          assert.ok(diff.heightChange <= MAX_HEIGHT_CHANGE, `${name}: page height changed by ${(diff.heightChange * 100).toFixed(1)} % (see ${FAILURES}/${name})`);
          assert.ok(diff.changedShare <= MAX_CHANGED_SHARE, `${name}: ${(diff.changedShare * 100).toFixed(2)} % of pixels changed (see ${FAILURES}/${name})`);
          assert.ok(diff.worstTileShare <= MAX_TILE_SHARE, `${name}: ${(diff.worstTileShare * 100).toFixed(1)} % of one ${TILE}-px tile changed (see ${FAILURES}/${name})`);
        });
      }
    }
  }
});

describe('the comparison fails on real changes to a live page', { skip: UPDATE || (ONLY !== undefined && !ONLY.includes('components')) }, () => {
  // The components index at 1280 px, light: its galleries of element screenshots are its figures.
  const REFERENCE = `${REFERENCES}/components-1280-light.png`;
  const CHANGES = {
    'a moved block': '#diffusion-elements { transform: translateY(24px); }',
    'a missing figure': '#diffusion-elements li:first-child picture { visibility: hidden; }',
    'a colour flip': '#diffusion-elements li:first-child picture { filter: invert(1); }',
  };

  for (const [change, css] of Object.entries(CHANGES)) {
    test(change, async (t) => {
      const diff = diffPixels(decodePng(readFileSync(REFERENCE)), decodePng(await shoot(site, '/components/', 1280, 'light', css)));
      t.diagnostic(`${change}: ${describeDiff(diff)}`);
      assert.equal(matches(diff), false, `${change} passed: ${describeDiff(diff)}`);
    });
  }
});

// The site's fonts come from npm (devDependencies @fontsource/dejavu-sans, -mono, -serif), not
// from the reader's machine: the site, and so its screenshot tests, look the same everywhere.
// DejaVu covers every character the pages use (Greek, arrows, sub- and superscripts, math) in
// one file per face. docs/site.css declares the faces; the files are copied beside the bundles.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGES = ['dejavu-sans', 'dejavu-mono', 'dejavu-serif'];

/** Copies the fonts' .woff2 files and their licence into `target` (docs/build/fonts by default). */
export function copySiteFonts(target = 'docs/build/fonts') {
  mkdirSync(target, { recursive: true });
  for (const name of PACKAGES) {
    const files = join('node_modules', '@fontsource', name, 'files');
    for (const file of readdirSync(files).filter((f) => f.endsWith('.woff2'))) copyFileSync(join(files, file), join(target, file));
  }
  // The three share one licence (Bitstream Vera; DejaVu's changes are public domain).
  copyFileSync(join('node_modules', '@fontsource', 'dejavu-sans', 'LICENSE'), join(target, 'LICENSE'));
  return target;
}

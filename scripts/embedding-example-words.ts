/**
 * The words the article (docs/) and the seed article use as examples of word vectors. The asset
 * build (scripts/build-embeddings.ts) forces every one of them into the shipped table, even the
 * rare ones beyond the 50 000 most frequent words ("ewe"), and a Node test
 * (test/node/embedding-example-words.test.ts) checks the shipped asset against them, so an
 * article edit that names a new word fails until the asset is rebuilt.
 *
 * What counts as an example word, in docs/*.html and docs/components/*.html, within each part
 * of a page (a `<section>`, or the whole page when it has none) that holds an embedding element:
 *  - the words in the `words`, `expression`, `x-from`, `x-to`, `y-from` and `y-to` attributes
 *    of `<lx-embedding-map>`, `<lx-vector-arithmetic>` and `<lx-similarity-matrix>`, and the
 *    words of the preset each map shows;
 *  - a single word in curly quotes in the prose (“lamb”);
 *  - the words of arithmetic written in the prose (king − man + woman ≈ queen, man→woman).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORD_SETS } from '../src/explorers/word-sets.js';

/**
 * The seed article (the brief this site grew from) names these as word-vector examples: "a
 * geometry of meaning emerge, where sheep and ewe are close, but quite far from the concept of
 * motorcycle", "king" − "man" + "woman" ≈ "queen", "the notion of royalty", and its captions
 * "a man on a motorcycle" for "an image of a motorcyclist".
 */
export const SEED_ARTICLE_WORDS: readonly string[] = ['sheep', 'ewe', 'motorcycle', 'king', 'man', 'woman', 'queen', 'royalty', 'motorcyclist'];

const EMBEDDING_ELEMENT = /<(lx-embedding-map|lx-vector-arithmetic|lx-similarity-matrix)\b([^>]*)>/g;
const WORD_ATTRIBUTES = new Set(['words', 'expression', 'x-from', 'x-to', 'y-from', 'y-to']);
const WORD = /\p{L}+(?:'\p{L}+)*/gu;
const CURLY_QUOTED_WORD = /“(\p{L}+)”/gu;
const PROSE_ARITHMETIC = /\p{L}+(?:\s*→\s*\p{L}+|(?:\s+[−+-]\s+\p{L}+)+(?:\s+≈\s+\p{L}+)?)/gu;

/** One example word and where it was found (for messages). */
export interface ExampleWord {
  readonly word: string;
  readonly where: string;
}

/** Every example word of the docs pages under `docsRoot` (first occurrence of each). */
export function docsExampleWords(docsRoot = 'docs'): ExampleWord[] {
  const found = new Map<string, string>();
  const add = (word: string, where: string) => {
    const lower = word.toLowerCase();
    if (!found.has(lower)) found.set(lower, where);
  };
  const files = [
    ...readdirSync(docsRoot).filter((name) => name.endsWith('.html')),
    ...readdirSync(join(docsRoot, 'components'))
      .filter((name) => name.endsWith('.html'))
      .map((name) => join('components', name)),
  ];
  for (const file of files) {
    const text = readFileSync(join(docsRoot, file), 'utf8');
    for (const part of pageParts(text)) {
      if (!/<lx-(embedding-map|vector-arithmetic|similarity-matrix)\b/.test(part)) continue;
      for (const [, tag, attributes] of part.matchAll(EMBEDDING_ELEMENT)) {
        for (const match of attributes!.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
          const [name, value] = [match[1]!, match[2] ?? match[3] ?? ''];
          if (WORD_ATTRIBUTES.has(name)) for (const [word] of decodeEntities(value).matchAll(WORD)) add(word, `${file}: <${tag} ${name}>`);
          if (name === 'preset' && tag === 'lx-embedding-map') for (const word of WORD_SETS.find((set) => set.id === value)?.words ?? []) add(word, `${file}: preset ${value}`);
        }
      }
      const prose = decodeEntities(part.replace(/<template[\s\S]*?<\/template>/g, ' ').replace(/<[^>]+>/g, ''));
      for (const [, word] of prose.matchAll(CURLY_QUOTED_WORD)) add(word!, `${file}: “${word}”`);
      for (const [phrase] of prose.matchAll(PROSE_ARITHMETIC)) for (const [word] of phrase.matchAll(WORD)) add(word, `${file}: ${phrase}`);
    }
  }
  return [...found].map(([word, where]) => ({ word, where }));
}

/** Every word the asset must hold: the docs' and the seed article's examples. */
export function requiredExampleWords(docsRoot = 'docs'): ExampleWord[] {
  const words = docsExampleWords(docsRoot);
  const known = new Set(words.map((entry) => entry.word));
  for (const word of SEED_ARTICLE_WORDS) if (!known.has(word)) words.push({ word, where: 'the seed article' });
  return words;
}

/** The `<section>`s of a page, or the whole page when it has none. */
function pageParts(html: string): string[] {
  const sections = [...html.matchAll(/<section\b[\s\S]*?<\/section>/g)].map((match) => match[0]);
  return sections.length ? sections : [html];
}

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&minus;/g, '−');
}

import type { PromptWords } from '../../pipeline/tokenizers/types.js';

const quoted = (word: string): string => `“${word}”`;

/** Joins phrases as a reader would: "a", "a and b", "a, b and c". */
function list(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * One plain sentence on the prompt's words the model does not know as written, e.g.
 * `This model does not know “astronaut” (it reads it as the unknown-word token); it drew “horse” as “dog” (similarity 0.71), the closest word it knows.`
 */
export function vocabularyNote(words: PromptWords): string {
  const parts: string[] = [];
  if (words.unknown.length) {
    const unknown = [...new Set(words.unknown)];
    parts.push(`does not know ${list(unknown.map(quoted))} (it reads ${unknown.length > 1 ? 'them' : 'it'} as the unknown-word token)`);
  }
  if (words.mapped.length) {
    const seen = new Set<string>();
    const mapped = words.mapped.filter((m) => !seen.has(m.word) && seen.add(m.word));
    parts.push(`drew ${list(mapped.map((m) => `${quoted(m.word)} as ${quoted(m.replacement)} (similarity ${m.similarity.toFixed(2)})`))}, the closest ${mapped.length > 1 ? 'words' : 'word'} it knows`);
  }
  return `This model ${parts.join('; it ')}.`;
}

/**
 * The page-link format of elements with `share`: their state lives in the URL's fragment as
 * `&`-separated `key.field=value` pairs, e.g.
 *
 *     #hero.seed=7&hero.step=5&lx-seed-comparison-1.seeds=1%2C5%2C9
 *
 * `key` names the element: its `id`, or, when it has none, its tag and its 1-based position
 * among the elements of that tag in the same document (or shadow root). `field` is the
 * attribute name. Keys and values are percent-encoded (`encodeURIComponent`), so a prompt with
 * `&`, `=`, `.` or `#` survives; the field is what follows the key's last `.`. Parts with no `=`
 * (a plain anchor such as `#seeds`) are kept as they were, so sharing does not drop them.
 * Pure string functions: no DOM, tested in Node.
 */

/** One element's shared fields: attribute name → raw value, in the order they were written. */
export type SharedFields = ReadonlyMap<string, string>;

interface ParsedPart {
  readonly key: string;
  readonly field: string;
  readonly value: string;
}

/** Undoes `encodeURIComponent`; a malformed escape (a hand-edited `%zz`) is read literally. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A part of the fragment: a shared pair, or anything else (kept verbatim). */
function parsePart(part: string): ParsedPart | undefined {
  const equals = part.indexOf('=');
  if (equals < 0) return undefined;
  const name = part.slice(0, equals);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  return { key: decode(name.slice(0, dot)), field: decode(name.slice(dot + 1)), value: decode(part.slice(equals + 1)) };
}

function parts(hash: string): string[] {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  return text === '' ? [] : text.split('&');
}

/** The key an element is shared under: its id, else `tag-N` (N counting elements of its tag from 1). */
export function shareKey(id: string, tag: string, index: number): string {
  const trimmed = id.trim();
  return trimmed !== '' ? trimmed : `${tag.toLowerCase()}-${index + 1}`;
}

/** The fields `hash` holds for the element shared as `key` (empty when none). */
export function readSharedFields(hash: string, key: string): SharedFields {
  const fields = new Map<string, string>();
  for (const part of parts(hash)) {
    const parsed = parsePart(part);
    if (parsed?.key === key) fields.set(parsed.field, parsed.value);
  }
  return fields;
}

/**
 * `hash` with the element `key`'s fields replaced by `fields` (none: the element's pairs are
 * removed). Other elements' pairs and other parts keep their places; this element's pairs go
 * where its first pair was, or at the end. Returns `''` or a string starting with `#`.
 */
export function writeSharedFields(hash: string, key: string, fields: SharedFields): string {
  const encodedKey = encodeURIComponent(key);
  const mine = [...fields].map(([field, value]) => `${encodedKey}.${encodeURIComponent(field)}=${encodeURIComponent(value)}`);
  const out: string[] = [];
  let placed = false;
  for (const part of parts(hash)) {
    if (parsePart(part)?.key !== key) {
      out.push(part);
      continue;
    }
    if (!placed) out.push(...mine);
    placed = true;
  }
  if (!placed) out.push(...mine);
  return out.length ? `#${out.join('&')}` : '';
}

/** The fields of `current` whose values differ from `baseline` (the author's settings): what a link must carry. */
export function changedFields(current: SharedFields, baseline: SharedFields): SharedFields {
  return new Map([...current].filter(([field, value]) => baseline.get(field) !== value));
}

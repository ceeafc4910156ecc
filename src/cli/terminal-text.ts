/**
 * Text from files someone else made (a recording's prompt, a model folder's names) must not
 * drive the reader's terminal: escape sequences can clear the screen, set the window title or
 * fake output lines, and bidirectional overrides can make text read differently than it is.
 * These helpers print every such character as an escape instead.
 */

/** C0 and C1 controls, DEL, bidirectional marks and overrides, line and paragraph separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
/** The same, less what `JSON.stringify` escapes itself. */
const UNSAFE_AFTER_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const hex = (char: string, width: number) => char.codePointAt(0)!.toString(16).padStart(width, '0');
const escapeLoose = (char: string) => (char.codePointAt(0)! < 0x100 ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`);
const escapeJson = (char: string) => `\\u${hex(char, 4)}`;

/** `text` with every unsafe character written as `\xHH` or `\uHHHH`. */
export function textForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeLoose);
}

/** `text` in double quotes, JSON-escaped, with nothing unsafe left. */
export function quotedForTerminal(text: string): string {
  return JSON.stringify(text).replace(UNSAFE_AFTER_JSON, escapeJson);
}

/** `value` as indented JSON (still valid JSON), with nothing unsafe left in its strings. */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_AFTER_JSON, escapeJson);
}

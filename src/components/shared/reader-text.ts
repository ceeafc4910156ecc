/**
 * What a reader is told about an error: its message as one plain sentence, never a class name
 * (`InvalidOptionError:` means nothing to a reader, and in the minified bundle names become
 * `Pe:`). Programs get the error itself, `code` and `field` intact, in `lx-error` events.
 */
export function readerText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Browsers report a worker's uncaught error as "Uncaught TypeError: …" (minified: "Uncaught Pe: …").
  const text = message.replace(/\bUncaught (?:[\w$]+: )?/g, '').trim() || 'Something went wrong.';
  // "the worker failed" starts a sentence; a field name, a quoted word or a URL keeps its case.
  const sentence = /^[a-z]+ /.test(text) ? text[0]!.toUpperCase() + text.slice(1) : text;
  return /[.!?…)"]$/.test(sentence) ? sentence : `${sentence}.`;
}

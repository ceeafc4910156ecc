/**
 * Tokenizers normalise a prompt (lower-case, NFC, collapsed whitespace) before splitting it,
 * so a token's position in the normalised text is not its position in what the user typed.
 * This keeps, for every UTF-16 unit of the normalised text, the range of the original text
 * it came from, so each token can point back at the characters it stands for.
 */

/** A normalised text and, per UTF-16 unit, the original range [start, end) it came from. */
export interface TracedText {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** How to normalise: a function for runs of non-space characters, and whether spaces collapse to one. */
export interface TraceOptions {
  /** Normalises a run of non-whitespace characters (e.g. NFC then lower-case). */
  readonly normalizeRun: (run: string) => string;
  /** Replace every whitespace run with a single space (CLIP); otherwise whitespace is kept. */
  readonly collapseWhitespace: boolean;
}

const WHITESPACE_OR_NOT = /\s+|\S+/gu;

/**
 * Normalises `original` run by run, recording where each output unit came from. Inside a run,
 * characters are traced one by one when normalising them one at a time gives the same result
 * as normalising the run (true for nearly all text); otherwise — a context-dependent rule such
 * as Greek final sigma, or NFC composing across characters — every unit of the run points at
 * the whole run.
 */
export function traceNormalization(original: string, options: TraceOptions): TracedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (piece: string, start: number, end: number): void => {
    text += piece;
    for (let i = 0; i < piece.length; i += 1) {
      starts.push(start);
      ends.push(end);
    }
  };
  for (const match of original.matchAll(WHITESPACE_OR_NOT)) {
    const run = match[0];
    const at = match.index;
    if (/^\s/u.test(run)) {
      if (options.collapseWhitespace) emit(' ', at, at + run.length);
      else emit(run, at, at + run.length);
      continue;
    }
    const whole = options.normalizeRun(run);
    const perCharacter = [...run].map((character) => options.normalizeRun(character));
    if (perCharacter.join('') !== whole) {
      emit(whole, at, at + run.length);
      continue;
    }
    let offset = at;
    for (const [i, character] of [...run].entries()) {
      emit(perCharacter[i]!, offset, offset + character.length);
      offset += character.length;
    }
  }
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** The original range covered by normalised units [from, to); null for an empty range. */
export function originalSpan(traced: TracedText, from: number, to: number): readonly [number, number] | null {
  if (to <= from || to > traced.text.length) return null;
  let start = traced.starts[from]!;
  let end = traced.ends[to - 1]!;
  for (let i = from; i < to; i += 1) {
    start = Math.min(start, traced.starts[i]!);
    end = Math.max(end, traced.ends[i]!);
  }
  return [start, end];
}

/**
 * A small hand-made analogy set for measuring quantisation, in the style of Mikolov et al.'s
 * test: within a category, every ordered pair of pairs (a : b :: c : d) is one question.
 * All words are among the 50 000 most frequent GloVe words.
 */
export const ANALOGY_CATEGORIES: Record<string, readonly (readonly [string, string])[]> = {
  capital: [['france', 'paris'], ['italy', 'rome'], ['germany', 'berlin'], ['spain', 'madrid'], ['japan', 'tokyo'], ['russia', 'moscow'], ['egypt', 'cairo'], ['greece', 'athens'], ['canada', 'ottawa'], ['portugal', 'lisbon'], ['poland', 'warsaw'], ['china', 'beijing']],
  gender: [['king', 'queen'], ['man', 'woman'], ['boy', 'girl'], ['brother', 'sister'], ['father', 'mother'], ['son', 'daughter'], ['uncle', 'aunt'], ['husband', 'wife'], ['prince', 'princess'], ['nephew', 'niece']],
  plural: [['car', 'cars'], ['dog', 'dogs'], ['city', 'cities'], ['child', 'children'], ['woman', 'women'], ['house', 'houses'], ['mouse', 'mice'], ['foot', 'feet']],
  comparative: [['good', 'better'], ['bad', 'worse'], ['big', 'bigger'], ['small', 'smaller'], ['fast', 'faster'], ['high', 'higher'], ['strong', 'stronger'], ['old', 'older']],
  past: [['go', 'went'], ['see', 'saw'], ['take', 'took'], ['run', 'ran'], ['write', 'wrote'], ['speak', 'spoke'], ['eat', 'ate'], ['give', 'gave']],
};

/** Every question: a : b :: c : expected. */
export function analogyQuestions(): { a: string; b: string; c: string; expected: string }[] {
  const questions: { a: string; b: string; c: string; expected: string }[] = [];
  for (const pairs of Object.values(ANALOGY_CATEGORIES)) {
    for (const [a, b] of pairs) for (const [c, d] of pairs) if (a !== c) questions.push({ a, b, c, expected: d });
  }
  return questions;
}

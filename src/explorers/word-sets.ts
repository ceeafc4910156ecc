/**
 * Preset word sets for the embedding map, chosen so a known structure is visible: gender and
 * royalty pairs (the analogy parallelogram), countries with their capitals, two unrelated
 * categories that should separate cleanly, and the 36 words the shipped pocket model knows.
 */

/** A named list of words shown together on a map. */
export interface WordSet {
  readonly id: string;
  readonly label: string;
  readonly words: readonly string[];
}

/**
 * The shipped pocket model's vocabulary (`assets/models/pocket/tokenizer/tokenizer.json`, less
 * its four special tokens), grouped by role as its training captions use them: "a {colour}
 * {animal} {verb} a {colour} {vehicle} {place phrase} {time phrase}". A test checks this list
 * against the asset, so the two cannot drift apart.
 */
export const POCKET_VOCABULARY = {
  functionWords: ['a', 'an', 'the', 'on', 'in', 'at', 'during'],
  verbs: ['riding', 'driving'],
  animals: ['sheep', 'cat', 'dog', 'pig', 'duck'],
  vehicles: ['motorcycle', 'bicycle', 'car', 'truck', 'skateboard'],
  colours: ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'white', 'black', 'pink', 'brown', 'grey'],
  places: ['road', 'beach', 'field', 'snow', 'desert', 'city'],
  times: ['day', 'sunset', 'night'],
} as const;

/** The presets, in menu order. */
export const WORD_SETS: readonly WordSet[] = [
  {
    id: 'royalty-gender',
    label: 'Royalty and gender',
    words: ['king', 'queen', 'man', 'woman', 'prince', 'princess', 'boy', 'girl', 'father', 'mother', 'son', 'daughter', 'uncle', 'aunt', 'husband', 'wife', 'emperor', 'empress', 'monarch', 'throne', 'brother', 'sister'],
  },
  {
    id: 'countries-capitals',
    label: 'Countries and capitals',
    words: ['france', 'paris', 'italy', 'rome', 'germany', 'berlin', 'spain', 'madrid', 'japan', 'tokyo', 'china', 'beijing', 'russia', 'moscow', 'egypt', 'cairo', 'greece', 'athens', 'canada', 'ottawa', 'poland', 'warsaw', 'portugal', 'lisbon', 'kenya', 'nairobi'],
  },
  {
    id: 'animals-vehicles',
    label: 'Animals and vehicles',
    words: ['dog', 'cat', 'horse', 'cow', 'sheep', 'frog', 'lion', 'tiger', 'rabbit', 'eagle', 'car', 'truck', 'bus', 'bicycle', 'motorcycle', 'train', 'airplane', 'boat', 'ship', 'tractor'],
  },
  {
    id: 'pocket-vocabulary',
    label: 'The pocket model’s vocabulary',
    words: Object.values(POCKET_VOCABULARY).flat(),
  },
];

/** Splits a user's list ("a, b; c d" or one per line) into words, dropping blanks and repeats. */
export function parseWordList(text: string): string[] {
  const seen = new Set<string>();
  for (const word of text.split(/[\s,;]+/u)) if (word !== '') seen.add(word);
  return [...seen];
}

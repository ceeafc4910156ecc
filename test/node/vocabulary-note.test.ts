import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { vocabularyNote } from '../../src/components/denoising-player/vocabulary-note.js';
import { promptWordsOf } from '../../src/pipeline/tokenizers/types.js';
import { createWordLevelTokenizer, parseWordMap } from '../../src/pipeline/tokenizers/word-level-tokenizer.js';
import { encodeTrajectory } from '../../src/pipeline/trajectory/writer.js';
import { readTrajectory } from '../../src/pipeline/trajectory/reader.js';
import { TrajectoryFormatError } from '../../src/pipeline/trajectory/errors.js';
import { syntheticMetadata, syntheticSteps } from './trajectory-steps.js';
import { recordingWithHeader, splitRecordingBytes } from './trajectory-bytes.js';

describe('the note on words the model does not know', () => {
  it('names "astronaut" as unknown and "horse" as drawn as "dog" on the pocket model', async () => {
    const json = JSON.parse(await readFile('assets/models/pocket/tokenizer/tokenizer.json', 'utf8'));
    const map = parseWordMap(JSON.parse(await readFile('assets/models/pocket/tokenizer/word_map.json', 'utf8')));
    const tokenizer = createWordLevelTokenizer(json, map, 16);
    const words = promptWordsOf(tokenizer.encode('an astronaut riding a horse'))!;
    assert.deepEqual(words.unknown, ['astronaut']);
    assert.deepEqual(words.mapped.map((m) => [m.word, m.replacement]), [['horse', 'dog']]);
    assert.equal(
      vocabularyNote(words),
      'This model does not know “astronaut” (it reads it as the unknown-word token); it drew “horse” as “dog” (similarity 0.71), the closest word it knows.',
    );
    assert.equal(promptWordsOf(tokenizer.encode('a sheep riding a motorcycle')), null);
  });

  it('lists several words as a sentence', () => {
    const note = vocabularyNote({
      unknown: ['zorb', 'blip', 'zorb'],
      mapped: [
        { word: 'lamb', replacement: 'sheep', similarity: 0.81 },
        { word: 'motorbike', replacement: 'motorcycle', similarity: 0.9 },
      ],
    });
    assert.equal(note, 'This model does not know “zorb” and “blip” (it reads them as the unknown-word token); it drew “lamb” as “sheep” (similarity 0.81) and “motorbike” as “motorcycle” (similarity 0.90), the closest words it knows.');
  });
});

describe('recordings keep the prompt\'s replaced and unknown words', () => {
  const promptWords = { mapped: [{ word: 'horse', replacement: 'dog', similarity: 0.711 }], unknown: ['astronaut'] };

  it('round-trip in the header, and stay absent when there are none', () => {
    const bytes = encodeTrajectory(syntheticMetadata(1, { promptWords }), syntheticSteps(1, [1, 4, 8, 8]));
    assert.deepEqual(readTrajectory(bytes).header.promptWords, promptWords);
    assert.equal('promptWords' in readTrajectory(encodeTrajectory(syntheticMetadata(1, { promptWords: null }), syntheticSteps(1, [1, 4, 8, 8]))).header, false);
  });

  it('refuse malformed entries by name', () => {
    const { header, data } = splitRecordingBytes(encodeTrajectory(syntheticMetadata(1, { promptWords }), syntheticSteps(1, [1, 4, 8, 8])));
    header.promptWords.mapped[0].similarity = 'high';
    assert.throws(() => readTrajectory(recordingWithHeader(JSON.stringify(header), data)), (error: unknown) => error instanceof TrajectoryFormatError && error.field === 'header.promptWords.mapped[0].similarity');
  });
});

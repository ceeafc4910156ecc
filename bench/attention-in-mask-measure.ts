// The attention-in-mask check, shared by bench/attention-in-mask.ts (prints the model card's table)
// and test/node/attention-in-mask.test.ts (asserts a margin over chance). For each fixture scene
// (test/fixtures/attention-scenes, written by training/attention_scenes.py): encode its picture with
// the VAE encoder, noise it to a middle timestep with the forward process, run the UNet once with
// the scene's full caption, and take each word's DAAM map (both levels, upsampled to 128×128). The
// share of that map inside the word's object mask is compared with the mask's share of the picture,
// which is what a map spread evenly (or at random) would score.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiffusionModel } from '../src/pipeline/model/diffusion-model.js';
import { encodeImage } from '../src/pipeline/run/latent-images.js';
import { noiseToTimestep } from '../src/pipeline/run/forward-noise.js';
import { decodePng } from '../src/pipeline/image/png-decode.js';
import { attentionAt, attentionHeatmap, attentionWords, shareInMask } from '../src/pipeline/attention/index.js';

export const SCENES_DIR = 'test/fixtures/attention-scenes';

/** The words measured: which word of the full caption, and which object's mask it should land on. */
export const CATEGORIES = [
  { name: 'animal', word: 2, mask: 'animal' },
  { name: 'vehicle', word: 6, mask: 'vehicle' },
  { name: 'animal colour', word: 1, mask: 'animal' },
  { name: 'vehicle colour', word: 5, mask: 'vehicle' },
] as const;

interface Scene {
  file: string;
  caption: string;
  attrs: Record<string, string | number>;
  masks: Record<'animal' | 'vehicle', string>;
}

export interface CategoryResult {
  readonly name: string;
  /** Per scene: the word's attention share inside its object's mask. */
  readonly inside: number[];
  /** Per scene: the mask's share of the picture (chance). */
  readonly chance: number[];
  /** Per scene: the share inside the other object's mask, and that mask's share of the picture. */
  readonly other: number[];
  readonly otherChance: number[];
}

function unpackMask(base64: string, pixels: number): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  const mask = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) mask[i] = (bytes[i >> 3]! >> (7 - (i & 7))) & 1;
  return mask;
}

/** Runs the check on every fixture scene at `timestep` (the noise seed is the scene's index). */
export async function measureAttentionInMask(model: DiffusionModel, timestep = 500): Promise<{ results: CategoryResult[]; scenes: number }> {
  const fixture = JSON.parse(await readFile(join(SCENES_DIR, 'scenes.json'), 'utf8')) as { size: number; scenes: Scene[] };
  const size = fixture.size;
  const results: CategoryResult[] = CATEGORIES.map((c) => ({ name: c.name, inside: [], chance: [], other: [], otherChance: [] }));
  for (const [index, scene] of fixture.scenes.entries()) {
    const picture = decodePng(new Uint8Array(await readFile(join(SCENES_DIR, scene.file))), size, size);
    const clean = await encodeImage(model, picture);
    const noised = noiseToTimestep(model, clean, { timestep, seed: index });
    const { attention, tokens } = await attentionAt(model, { prompt: scene.caption, latent: noised.noisy, timestep });
    const words = attentionWords(tokens, attention.textLength).filter((w) => w.kind === 'word');
    const expected = { 1: scene.attrs['animal_colour'], 2: scene.attrs['animal'], 5: scene.attrs['vehicle_colour'], 6: scene.attrs['vehicle'] };
    CATEGORIES.forEach((category, k) => {
      const word = words[category.word];
      if (!word || word.label !== expected[category.word]) throw new Error(`${scene.file}: word ${category.word} of "${scene.caption}" is not ${expected[category.word]}`);
      const mask = unpackMask(scene.masks[category.mask], size * size);
      const otherMask = unpackMask(scene.masks[category.mask === 'animal' ? 'vehicle' : 'animal'], size * size);
      const map = attentionHeatmap([attention], word.positions, size);
      results[k]!.inside.push(shareInMask(map, mask));
      results[k]!.chance.push(mask.reduce((a, b) => a + b, 0) / mask.length);
      results[k]!.other.push(shareInMask(map, otherMask));
      results[k]!.otherChance.push(otherMask.reduce((a, b) => a + b, 0) / otherMask.length);
    });
  }
  return { results, scenes: fixture.scenes.length };
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

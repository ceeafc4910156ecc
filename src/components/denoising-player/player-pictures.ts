import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import { solidImage, type RgbaImage } from '../../pipeline/image/rgba-image.js';
import { savedAnimation, savedSheet, type SavedImage } from '../shared/render/save-image.js';
import { stepImages, stepSheet } from './step-images.js';

/** What the player's saved pictures are made of: the steps shown and how it draws them. */
export interface PlayerPictureSource {
  readonly records: readonly StepRecord[];
  readonly preview: (latent: Tensor) => RgbaImage;
  /** The decoded picture of step `index`, when there is one. */
  readonly decodedAt: (index: number) => RgbaImage | null;
  readonly prompt: string;
  /** The seed as the form shows it. */
  readonly seed: string;
}

const titleOf = (source: PlayerPictureSource): string => `"${source.prompt}", seed ${source.seed}`;

/** Step `index`'s panels as a PNG (what Save PNG saves). */
export function stepSnapshot(source: PlayerPictureSource, index: number): Promise<SavedImage> {
  const record = source.records[index]!;
  const images = stepImages(record, source.preview, source.decodedAt(index));
  return savedSheet(stepSheet(record, images, titleOf(source)), [source.prompt, `seed ${source.seed}`, `step ${record.index + 1}`]);
}

/**
 * Every step's panels as one animated PNG, a frame per step `frameMs` apart, the last held
 * longer (for slides). A run whose pictures were decoded only at some steps keeps the
 * picture's place blank at the others, so every frame has the same layout.
 */
export function runAnimation(source: PlayerPictureSource, frameMs: number): Promise<SavedImage> {
  const decoded = source.records.map((_, i) => source.decodedAt(i));
  const some = decoded.find((image) => image !== null);
  const blank = some ? solidImage(some.width, some.height, [128, 128, 128, 255]) : null;
  const layouts = source.records.map((record, i) => stepSheet(record, stepImages(record, source.preview, decoded[i] ?? blank), titleOf(source)));
  return savedAnimation(layouts, [source.prompt, `seed ${source.seed}`, `${source.records.length} steps`], frameMs);
}

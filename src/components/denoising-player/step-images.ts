import type { StepRecord } from '../../pipeline/math/step-record.js';
import type { Tensor } from '../../pipeline/math/tensor.js';
import { channelHeatmap } from '../../pipeline/image/heatmap.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { SheetLayout, SheetPanel } from '../../pipeline/image/sheet.js';
import { sharedRange } from '../shared/render/render-heatmap.js';

/** The pictures of one step's panels, as the player draws them. */
export interface StepImages {
  readonly noisy: RgbaImage;
  readonly predicted: RgbaImage;
  readonly decoded: RgbaImage | null;
  readonly noise: RgbaImage;
  /** One heatmap per latent channel, on one shared colour scale. */
  readonly channels: readonly RgbaImage[];
}

/** Computes the step's pictures: the panels on screen and the saved sheet are drawn from these. */
export function stepImages(record: StepRecord, preview: (latent: Tensor) => RgbaImage, decoded: RgbaImage | null): StepImages {
  const range = sharedRange(record.latentIn);
  const channels = Array.from({ length: record.latentIn.shape[1] ?? 0 }, (_, channel) => channelHeatmap(record.latentIn, channel, { range }));
  return { noisy: preview(record.latentIn), predicted: preview(record.predictedOriginal), decoded, noise: preview(record.noisePred), channels };
}

/** Most panels per row of a saved step (two rows for a 4-channel latent: slide-shaped). */
const SHEET_COLUMNS = 4;

/**
 * The saved sheet of one step: the panels in the order the player shows them, captioned in
 * plain ASCII (the sheet's font has no σ or x̂). A step with no decoded picture leaves it out.
 */
export function stepSheet(record: StepRecord, images: StepImages, title: string): SheetLayout {
  const panels: SheetPanel[] = [
    { label: 'noisy latent x_t', image: images.noisy },
    { label: 'predicted x0', image: images.predicted },
    ...(images.decoded ? [{ label: 'x0 decoded', image: images.decoded }] : []),
    { label: 'predicted noise', image: images.noise },
    ...images.channels.map((image, i) => ({ label: `channel ${i + 1}`, image })),
  ];
  return { panels, columns: SHEET_COLUMNS, title: `${title}, step ${record.index + 1}/${record.totalSteps}` };
}

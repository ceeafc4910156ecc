import { select } from 'd3';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { tensor, type Tensor } from '../../pipeline/math/tensor.js';
import { renderImageCell, clearImageCell } from '../shared/render/render-image-cell.js';
import { renderHeatmap } from '../shared/render/render-heatmap.js';
import { channelMagnitude } from '../../pipeline/image/heatmap.js';
import type { MapSnapshot } from './pipeline-parts.js';

/**
 * Paints the small pictures inside the map's boxes for one moment of a run: latents as their
 * colour previews, noise predictions and text vectors as diverging heatmaps (one pixel per
 * number, scaled up by CSS), the decoded picture as itself. A canvas with nothing to show is
 * emptied, so a box never shows a tensor from another moment.
 */
export function drawPartPictures(root: ParentNode, snapshot: MapSnapshot, preview: (latent: Tensor) => RgbaImage): void {
  const { step, first, embeddings } = snapshot;
  const canvas = (name: string) => root.querySelector<HTMLCanvasElement>(`canvas[data-picture="${name}"]`);
  const image = (name: string, picture: RgbaImage | null | undefined, alt: string) => {
    const node = canvas(name);
    if (!node) return;
    if (picture) renderImageCell(select(node), picture, alt);
    else clearImageCell(node, alt);
  };
  const heatmap = (name: string, values: Tensor | null | undefined, range: number, alt: string) => {
    const node = canvas(name);
    if (!node) return;
    if (values) renderHeatmap(select(node), values, 0, range || 1, alt);
    else clearImageCell(node, alt);
  };

  // [1, S, D] states drawn as one S × D plane: a row per token, a column per number.
  const states = embeddings ? tensor(embeddings.data, [1, 1, embeddings.shape[1]!, embeddings.shape[2]!]) : null;
  heatmap('embeddings', states, states ? channelMagnitude(states, 0) : 1, 'The text vectors: one row per token, one column per number');
  image('start', first ? preview(first.latentIn) : null, 'The starting static (latent colour preview)');

  // Both guesses on one colour scale, so their difference is what differs in the pictures.
  const range = step ? Math.max(channelMagnitude(step.noisePredCond, 0), step.noisePredUncond ? channelMagnitude(step.noisePredUncond, 0) : 0) : 1;
  heatmap('cond', step?.noisePredCond, range, 'Noise guessed with the sentence (latent channel 1)');
  heatmap('uncond', step?.noisePredUncond, range, 'Noise guessed without the sentence (latent channel 1)');
  heatmap('guided', step?.noisePred, range, 'The guided noise the step removes (latent channel 1)');
  image('latent', step ? preview(step.latentOut) : null, 'The canvas after this step (latent colour preview)');
  image('picture', step?.decodedImage, 'The decoded picture');
}

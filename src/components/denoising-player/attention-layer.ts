import { html, nothing, type TemplateResult } from 'lit';
import { select } from 'd3';
import { attentionFromOutputs, attentionHeatmap, attentionShares } from '../../pipeline/attention/attention-maps.js';
import { attentionOverlay } from '../../pipeline/attention/attention-overlay.js';
import { wordShares, type AttentionWord } from '../../pipeline/attention/attention-words.js';
import type { StepRecord } from '../../pipeline/math/step-record.js';
import { renderImageCell } from '../shared/render/render-image-cell.js';
import { describeWord, renderWordButtons } from '../attention-map/attention-view.js';

/**
 * The player's opt-in attention layer (`attention` attribute): one word's cross-attention at the
 * step shown, over that step's decoded x̂₀. The full view (aggregate, markers, padding) is
 * lx-attention-map; this is the glance beside the steps.
 */
export interface AttentionLayer {
  readonly words: readonly AttentionWord[];
  readonly selected: number;
  readonly record: StepRecord | undefined;
  /** Whether the run's model exports attention maps (false: say so instead). */
  readonly available: boolean;
  readonly onSelect: (index: number) => void;
}

function stepMaps(record: StepRecord) {
  return attentionFromOutputs(record.unetOutputs!, Object.keys(record.unetOutputs!), 0);
}

export function renderAttentionLayer(layer: AttentionLayer): TemplateResult | typeof nothing {
  if (!layer.available) {
    return html`<p class="hint attention-layer" part="attention">This model does not export its cross-attention maps, so the player cannot show where words look.</p>`;
  }
  const { record, words } = layer;
  if (!record?.unetOutputs || words.length === 0) return nothing;
  const { perWord } = wordShares(words, attentionShares([stepMaps(record)]));
  const shown = words[layer.selected];
  return html`<div class="attention-layer" part="attention">
    ${renderWordButtons(words, perWord, { selected: layer.selected, showSpecial: false, onSelect: layer.onSelect })}
    ${shown && record.decodedImage
      ? html`<figure>
          <canvas class="cell attention-map"></canvas>
          <figcaption>Where ${describeWord(shown)} looks at step ${record.index + 1}</figcaption>
        </figure>`
      : nothing}
  </div>`;
}

export function paintAttentionLayer(root: ParentNode, layer: AttentionLayer, prompt: string): void {
  const { record, words } = layer;
  const canvas = root.querySelector<HTMLCanvasElement>('canvas.attention-map');
  const word = words[layer.selected];
  if (!canvas || !record?.unetOutputs || !record.decodedImage || !word) return;
  const map = attentionHeatmap([stepMaps(record)], word.positions, record.decodedImage.width);
  renderImageCell(select(canvas), attentionOverlay(record.decodedImage, map), `Where ${describeWord(word)} looks at step ${record.index + 1} of "${prompt}"`);
}

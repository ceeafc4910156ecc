import { html, nothing, type TemplateResult } from 'lit';
import type { Neighbour } from '../../explorers/table/embedding-table.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import type { GenerationInfo } from '../../pipeline/run/run-setup.js';

/** The last picture drawn, and what it was drawn from. */
export interface PromptImage {
  readonly label: string;
  readonly image: RgbaImage;
  readonly info: GenerationInfo;
  /** The map point it came from, when it came from one. */
  readonly index: number | undefined;
}

/** Nearest prompts to what the reader points at (a prompt or an arithmetic result). */
export interface Focus {
  readonly label: string;
  readonly neighbours: readonly Neighbour[];
}

/**
 * The side panel: the nearest prompts (in a live region that stays in the page, so screen
 * readers announce each new list) and the picture, whose canvas is painted after render.
 */
export function renderDetails(focused: Focus | undefined, picture: PromptImage | undefined): TemplateResult {
  return html`<section class="details" part="details" aria-label="Nearest prompts and picture">
    <div aria-live="polite">
      ${focused
        ? html`<h3>Nearest to “${focused.label}”</h3>
            <ol>${focused.neighbours.map((n) => html`<li>${n.label} <span class="score">${n.similarity.toFixed(2)}</span></li>`)}</ol>`
        : html`<p class="hint">Point at or tab to a prompt to list its nearest prompts; click it or press Enter to draw it.</p>`}
    </div>
    ${picture
      ? html`<figure part="image">
          <canvas class="cell"></canvas>
          <figcaption>${picture.label} · seed ${picture.info.seed}</figcaption>
        </figure>`
      : nothing}
  </section>`;
}

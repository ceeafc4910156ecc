import { html, nothing, type TemplateResult } from 'lit';
import { select } from 'd3';
import type { AttentionWord } from '../../pipeline/attention/attention-words.js';
import type { RgbaImage } from '../../pipeline/image/rgba-image.js';
import { renderImageCell } from '../shared/render/render-image-cell.js';

const percent = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)} %`;

/** How an entry is named to the reader: words in quotes, markers and padding by what they are. */
export function describeWord(word: AttentionWord): string {
  if (word.kind === 'start') return `the start token ${word.label}`;
  if (word.kind === 'end') return `the end token ${word.label}`;
  if (word.kind === 'padding') return `the padding (${word.positions.length} tokens)`;
  return `“${word.label}”`;
}

/** The prompt's entries as buttons; hovering, focusing (Tab) or pressing one shows its map. */
export function renderWordButtons(
  words: readonly AttentionWord[],
  perWord: Float32Array,
  options: { selected: number; showSpecial: boolean; onSelect: (index: number) => void },
): TemplateResult {
  return html`<div class="words" part="words" role="group" aria-label="Words of the prompt: hover or Tab to one to see where it looks">
    ${words.map((word, i) =>
      word.kind !== 'word' && !options.showSpecial
        ? nothing
        : html`<button
            type="button"
            class="word ${word.kind === 'word' ? '' : 'special'}"
            data-index=${i}
            aria-pressed=${i === options.selected ? 'true' : 'false'}
            @mouseenter=${() => options.onSelect(i)}
            @focus=${() => options.onSelect(i)}
            @click=${() => options.onSelect(i)}
          >
            <span>${word.kind === 'padding' ? `padding ×${word.positions.length}` : word.label}</span><span class="share">${percent(perWord[i]!)}<span class="lx-visually-hidden"> of all attention</span></span>
          </button>`,
    )}
  </div>`;
}

/** The toggle for start/end/padding entries, with what they take (worth knowing: a lot). */
export function renderSpecialToggle(special: number, showSpecial: boolean, onToggle: (on: boolean) => void): TemplateResult {
  return html`<label class="special-toggle"
      ><input type="checkbox" name="show-special" .checked=${showSpecial} @change=${(e: Event) => onToggle((e.target as HTMLInputElement).checked)} />
      Show the start, end and padding tokens</label
    >
    <p class="hint special-note">
      They take ${percent(special)} of all the attention in this run. Every latent cell must spread its attention over the
      prompt's tokens (it sums to 1), and where no word fits, the model parks it on these tokens, which carry no picture.
    </p>`;
}

/** The step slider (1…N) over the steps received so far. */
export function renderStepSlider(step: number, available: number, total: number, onInput: (index: number) => void): TemplateResult {
  return html`<div class="slider" part="slider">
    <label for="step">Step ${step + 1} of ${total}</label>
    <input
      id="step"
      type="range"
      min="1"
      max=${Math.max(1, available)}
      .value=${String(step + 1)}
      ?disabled=${available < 2}
      aria-valuetext=${`step ${step + 1} of ${total}`}
      @input=${(event: Event) => onInput(Number((event.target as HTMLInputElement).value) - 1)}
    />
  </div>`;
}

/** The two maps' figures; canvases are painted by `paintAttentionMaps`. */
export function renderMapFigures(label: string, step: number, steps: number): TemplateResult {
  return html`<div class="maps" part="maps">
    <figure>
      <canvas class="step-map"></canvas>
      <figcaption>${label} at step ${step + 1}, over the picture predicted then</figcaption>
    </figure>
    <figure>
      <canvas class="all-map"></canvas>
      <figcaption>${label} summed over ${steps === 1 ? 'the step' : `all ${steps} steps`}, over the last picture</figcaption>
    </figure>
  </div>`;
}

/** Paints both overlays with alt text saying what they show. */
export function paintAttentionMaps(root: ParentNode, maps: { step: RgbaImage; all: RgbaImage; label: string; stepIndex: number; prompt: string }): void {
  const paint = (name: string, image: RgbaImage, alt: string) => {
    const canvas = root.querySelector<HTMLCanvasElement>(`canvas.${name}`);
    if (canvas) renderImageCell(select(canvas), image, alt);
  };
  paint('step-map', maps.step, `Where ${maps.label} looks at step ${maps.stepIndex + 1} of "${maps.prompt}"`);
  paint('all-map', maps.all, `Where ${maps.label} looks over the whole run of "${maps.prompt}"`);
}

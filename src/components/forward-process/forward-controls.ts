import { html, type TemplateResult } from 'lit';
import type { Scheduler } from '../../pipeline/math/schedulers/index.js';
import { describeShares, forwardShares } from './forward-source.js';

/** What the source row needs from its element. */
export interface SourceRowOptions {
  readonly noiseSeed: string;
  /** Why the file button is disabled, if it is (a run going on, a bad attribute). */
  readonly disabled: boolean;
  readonly onNoiseSeed: (value: string) => void;
  readonly onFile: (file: File) => void;
}

/**
 * The noise seed and the image picker: a real button opens the hidden file input, so the
 * picker is one keyboard stop with a plain accessible name.
 */
export function renderSourceRow(options: SourceRowOptions): TemplateResult {
  return html`<div class="source" part="source">
    <label>
      Noise seed (ε)
      <input
        type="text"
        name="noise-seed"
        inputmode="numeric"
        .value=${options.noiseSeed}
        @change=${(event: Event) => options.onNoiseSeed((event.target as HTMLInputElement).value)}
      />
    </label>
    <button
      type="button"
      class="pick"
      ?disabled=${options.disabled}
      @click=${(event: Event) => (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('input[type=file]')?.click()}
    >
      Choose an image…
    </button>
    <input
      type="file"
      accept="image/*"
      hidden
      @change=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        const file = input.files?.[0];
        input.value = ''; // picking the same file again still fires change
        if (file) options.onFile(file);
      }}
    />
    <span class="hint">or drop one here</span>
  </div>`;
}

/** The timestep slider, 0…T−1; arrows move one step, Page keys a tenth of the range (the native range input). */
export function renderTimestepSlider(schedule: Scheduler, timestep: number, onInput: (value: string) => void): TemplateResult {
  const last = schedule.numTrainTimesteps - 1;
  return html`<div class="slider" part="slider">
    <label for="t">Timestep t (0 = clean image, ${last} = pure noise)</label>
    <input
      id="t"
      type="range"
      min="0"
      max=${last}
      .value=${String(timestep)}
      aria-valuetext=${describeShares(forwardShares(schedule, timestep))}
      @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)}
    />
  </div>`;
}

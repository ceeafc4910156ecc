import { html, nothing, type TemplateResult } from 'lit';
import type { ProgressDetail } from '../events.js';
import { readerText } from '../reader-text.js';

/**
 * Small template pieces every element renders the same way, so errors and progress look
 * and read alike across the library.
 */

/**
 * The error box: the message as a plain sentence (`readerText`), announced by screen readers;
 * `data-field` and `data-code` carry what programs and styles may key on.
 */
export function renderError(error: Error | undefined): TemplateResult | typeof nothing {
  if (!error) return nothing;
  const field = 'field' in error && typeof error.field === 'string' ? error.field : undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return html`<div class="lx-error" part="error" role="alert" data-field=${field ?? nothing} data-code=${code ?? nothing}>
    ${readerText(error)}
  </div>`;
}

/**
 * A real progress bar: determinate when the total is known (bytes of a download, steps of
 * a run), indeterminate otherwise; labelled with the phase for assistive technology.
 */
export function renderProgress(progress: ProgressDetail | undefined, label: string): TemplateResult | typeof nothing {
  if (!progress) return nothing;
  const known = progress.total > 0;
  const text = known ? `${label}: ${describeAmount(progress)}` : `${label}…`;
  return html`<div class="progress" part="progress">
    ${known
      ? html`<progress aria-label=${label} max=${progress.total} .value=${progress.loaded}></progress>`
      : html`<progress aria-label=${label}></progress>`}
    <span class="progress-text" aria-live="polite">${text}</span>
  </div>`;
}

function describeAmount(progress: ProgressDetail): string {
  const percent = Math.round((100 * progress.loaded) / progress.total);
  const item = progress.item ? ` — ${progress.item}` : '';
  return `${percent}%${item}`;
}

/** Which backend runs the figure's model and why (e.g. "WASM (24.1 ms/step; WebGPU 80.3)"), once a model is loaded. */
export function renderBackend(text: string | undefined): TemplateResult | typeof nothing {
  return text ? html`<p class="hint backend" part="backend" role="status">Runs on ${text}.</p>` : nothing;
}

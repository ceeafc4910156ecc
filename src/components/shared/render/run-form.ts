import { html, nothing, type TemplateResult } from 'lit';
import { SCHEDULER_ALIAS_NAMES } from '../../../pipeline/math/schedulers/index.js';

/** The raw strings a run form edits (kept raw so bad input becomes a typed error, not NaN). */
export interface RunFormValues {
  readonly prompt: string;
  readonly seed: string;
  readonly guidance: string;
  readonly steps: string;
  readonly scheduler: string;
}

/** Which fields a form shows (comparison elements sweep one of them instead). */
export interface RunFormOptions<F extends keyof RunFormValues> {
  readonly fields: readonly F[];
  readonly running: boolean;
  /** Why Generate is disabled, if it is (e.g. a bad attribute). */
  readonly blocked: boolean;
  readonly onChange: (field: F, value: string) => void;
  readonly onGenerate: () => void;
  readonly onStop: () => void;
}

const LABELS: Record<keyof RunFormValues, string> = {
  prompt: 'Prompt',
  seed: 'Seed',
  guidance: 'Guidance',
  steps: 'Steps',
  scheduler: 'Scheduler',
};

/**
 * The prompt/seed/guidance/steps/scheduler form with Generate and Stop. Exactly one of the two
 * buttons is enabled at a time, so the controls always agree with the run's state; Enter in
 * any field generates.
 */
export function renderRunForm<F extends keyof RunFormValues>(values: Pick<RunFormValues, F>, options: RunFormOptions<F>): TemplateResult {
  const input = (field: F, type: string, attributes: { min?: string; step?: string } = {}) => html`<label
    class=${field === 'prompt' ? 'grow' : ''}
  >
    ${LABELS[field]}
    <input
      type=${type}
      name=${field}
      min=${attributes.min ?? nothing}
      step=${attributes.step ?? nothing}
      .value=${values[field]}
      @change=${(event: Event) => options.onChange(field, (event.target as HTMLInputElement).value)}
    />
  </label>`;
  const scheduler = (field: F) => html`<label>
    Scheduler
    <select name="scheduler" @change=${(event: Event) => options.onChange(field, (event.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${values[field] === ''}>model default</option>
      ${SCHEDULER_ALIAS_NAMES.map((name) => html`<option value=${name} ?selected=${name === values[field]}>${name}</option>`)}
    </select>
  </label>`;
  const kinds: Record<keyof RunFormValues, (field: F) => TemplateResult> = {
    prompt: (field) => input(field, 'text'),
    seed: (field) => input(field, 'text'),
    guidance: (field) => input(field, 'number', { min: '0', step: '0.5' }),
    steps: (field) => input(field, 'number', { min: '1', step: '1' }),
    scheduler,
  };
  return html`<form
    class="controls"
    part="controls"
    @submit=${(event: Event) => {
      event.preventDefault();
      // Commit the field being edited before generating (change fires on blur, not on Enter).
      const active = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input:focus');
      if (active) options.onChange(active.name as F, active.value);
      if (!options.running) options.onGenerate();
    }}
  >
    ${options.fields.map((field) => kinds[field](field))}
    <div class="buttons">
      <button type="submit" class="primary generate" ?disabled=${options.running || options.blocked}>Generate</button>
      <button type="button" class="stop" ?disabled=${!options.running} @click=${options.onStop}>Stop</button>
    </div>
  </form>`;
}

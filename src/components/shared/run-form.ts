import { html, nothing, type TemplateResult } from 'lit';
import { SCHEDULER_ALIAS_NAMES } from '../../pipeline/math/schedulers/index.js';

/** The raw strings a run form edits (kept raw so bad input becomes a typed error, not NaN). */
export interface RunFormValues {
  readonly prompt: string;
  readonly seed: string;
  readonly guidance: string;
  readonly steps: string;
  readonly scheduler: string;
}

/** Which fields a form shows (comparison elements sweep one of them instead). */
export interface RunFormOptions {
  readonly fields: readonly (keyof RunFormValues)[];
  readonly running: boolean;
  /** Why Generate is disabled, if it is (e.g. a bad attribute). */
  readonly blocked: boolean;
  readonly onChange: (field: keyof RunFormValues, value: string) => void;
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
export function renderRunForm(values: RunFormValues, options: RunFormOptions): TemplateResult {
  const input = (field: keyof RunFormValues, type: string, attributes: { min?: string; step?: string } = {}) => html`<label
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
  const fields = {
    prompt: () => input('prompt', 'text'),
    seed: () => input('seed', 'text'),
    guidance: () => input('guidance', 'number', { min: '0', step: '0.5' }),
    steps: () => input('steps', 'number', { min: '1', step: '1' }),
    scheduler: () => html`<label>
      Scheduler
      <select name="scheduler" @change=${(event: Event) => options.onChange('scheduler', (event.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${values.scheduler === ''}>model default</option>
        ${SCHEDULER_ALIAS_NAMES.map((name) => html`<option value=${name} ?selected=${name === values.scheduler}>${name}</option>`)}
      </select>
    </label>`,
  };
  return html`<form
    class="controls"
    part="controls"
    @submit=${(event: Event) => {
      event.preventDefault();
      // Commit the field being edited before generating (change fires on blur, not on Enter).
      const active = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input:focus');
      if (active) options.onChange(active.name as keyof RunFormValues, active.value);
      if (!options.running) options.onGenerate();
    }}
  >
    ${options.fields.map((field) => fields[field]())}
    <div class="buttons">
      <button type="submit" class="primary generate" ?disabled=${options.running || options.blocked}>Generate</button>
      <button type="button" class="stop" ?disabled=${!options.running} @click=${options.onStop}>Stop</button>
    </div>
  </form>`;
}

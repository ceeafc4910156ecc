import { InvalidOptionError } from '../../errors.js';
import { SCHEDULER_ALIAS_NAMES, type SchedulerAlias } from '../../pipeline/math/schedulers/index.js';
import { MAX_SCHEDULER_COLUMNS } from '../../pipeline/run/scheduler-sweep.js';
import { MAX_ELEMENT_STEPS } from '../shared/run-attributes.js';

/** One column of the comparison as the attribute names it: a sampler alias and its steps. */
export interface SchedulerColumnSetting {
  readonly scheduler: SchedulerAlias;
  readonly steps: number;
}

/** How the samplers are usually written (A1111 / ComfyUI names). */
const DISPLAY_NAMES: Readonly<Record<SchedulerAlias, string>> = {
  ddpm: 'DDPM',
  ddim: 'DDIM',
  euler: 'Euler',
  'euler-a': 'Euler a',
  'dpm++2m': 'DPM++ 2M',
  'dpm++2m-karras': 'DPM++ 2M Karras',
  lcm: 'LCM',
};

/** A column's label, e.g. "DPM++ 2M · 20 steps". */
export function columnLabel(column: SchedulerColumnSetting): string {
  return `${DISPLAY_NAMES[column.scheduler]} · ${column.steps} ${column.steps === 1 ? 'step' : 'steps'}`;
}

/**
 * Reads `columns="ddim:50, dpm++2m:20, euler-a:20"`: comma-separated `alias:steps` pairs.
 * Errors are `InvalidOptionError`s naming `attribute` and the part that is wrong.
 */
export function parseColumnsAttribute(raw: string, attribute = 'columns'): SchedulerColumnSetting[] {
  const parts = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new InvalidOptionError(attribute, 'expected sampler:steps pairs separated by commas, e.g. "ddim:50, dpm++2m:20"');
  if (parts.length > MAX_SCHEDULER_COLUMNS) throw new InvalidOptionError(attribute, `at most ${MAX_SCHEDULER_COLUMNS} columns, got ${parts.length}`);
  return parts.map((part) => {
    const match = /^([\w+-]+)\s*:\s*(\d+)$/.exec(part);
    if (!match) throw new InvalidOptionError(attribute, `"${part}" is not sampler:steps (e.g. "euler:20")`);
    const [, name, count] = match as unknown as [string, string, string];
    if (!(SCHEDULER_ALIAS_NAMES as readonly string[]).includes(name)) {
      throw new InvalidOptionError(attribute, `unknown sampler "${name}" in "${part}"; use one of ${SCHEDULER_ALIAS_NAMES.join(', ')}`);
    }
    const steps = Number(count);
    if (steps < 1 || steps > MAX_ELEMENT_STEPS) throw new InvalidOptionError(attribute, `steps in "${part}" must be 1…${MAX_ELEMENT_STEPS}`);
    return { scheduler: name as SchedulerAlias, steps };
  });
}

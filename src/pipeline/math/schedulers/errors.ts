import { LatentExplorablesError, registerErrorClass } from '../../../errors.js';

/**
 * Why a scheduler config was refused. Stable strings, so callers can branch on them:
 * - `unknown-scheduler-class`: `_class_name` is missing or names no diffusers scheduler we know.
 * - `unsupported-scheduler-class`: a real diffusers scheduler this library does not implement
 *   (e.g. SD 1.5's `PNDMScheduler`); switch class with `schedulerFromAlias`.
 * - `unknown-config-key`: a key no diffusers scheduler of this family accepts (a typo, usually).
 * - `invalid-config-value`: wrong type, non-finite, or out of range.
 * - `unsupported-config-value`: a valid diffusers value this library does not implement.
 * - `conflicting-config-keys`: keys that cannot hold together (e.g. `use_karras_sigmas: true`
 *   on a class without Karras sigmas).
 */
export type SchedulerConfigErrorCode =
  | 'unknown-scheduler-class'
  | 'unsupported-scheduler-class'
  | 'unknown-config-key'
  | 'invalid-config-value'
  | 'unsupported-config-value'
  | 'conflicting-config-keys';

/**
 * A diffusers `scheduler_config.json` object was refused; `field` is the offending key. The
 * message names the file too (`scheduler_config.json: beta_end: …`), since that is where a
 * reader of a model folder goes to look.
 */
export class SchedulerConfigError extends LatentExplorablesError {
  declare readonly code: SchedulerConfigErrorCode;

  constructor(code: SchedulerConfigErrorCode, field: string, message: string) {
    super(code, `scheduler_config.json: ${field}: ${message}`, { field });
  }
}

registerErrorClass(
  SchedulerConfigError,
  'unknown-scheduler-class',
  'unsupported-scheduler-class',
  'unknown-config-key',
  'invalid-config-value',
  'unsupported-config-value',
  'conflicting-config-keys',
);

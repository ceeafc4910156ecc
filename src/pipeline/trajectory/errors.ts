import { LatentExplorablesError, registerErrorClass } from '../../errors.js';

/** What kind of damage a recording has; stable, so callers and tests can branch on it. */
export type TrajectoryFormatProblem =
  | 'truncated'
  | 'bad-magic'
  | 'unsupported-version'
  | 'header-too-large'
  | 'invalid-header-encoding'
  | 'invalid-json'
  | 'nesting-too-deep'
  | 'invalid-header'
  | 'out-of-range'
  | 'checksum-mismatch'
  | 'invalid-image';

/**
 * A recording (`.lxt`) that cannot be read: truncated, corrupted, from a newer format
 * version, or deliberately hostile. `field` names the header key or byte range at fault.
 */
export class TrajectoryFormatError extends LatentExplorablesError {
  /** The kind of problem, e.g. `"truncated"` or `"out-of-range"`. */
  readonly problem: TrajectoryFormatProblem;

  constructor(problem: TrajectoryFormatProblem, field: string, message: string) {
    super('trajectory-format', `recording ${field}: ${message}`, { field });
    this.problem = problem;
  }
}

registerErrorClass(TrajectoryFormatError, 'trajectory-format');

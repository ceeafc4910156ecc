/**
 * The one error family of latent-explorables. Every failure caused by bad input
 * (an option, an attribute, a config key, a file) is a `LatentExplorablesError`
 * whose `code` is stable for programs and whose `field` names what was wrong,
 * so widgets can show it and callers can branch on it.
 */
export class LatentExplorablesError extends Error {
  /** Stable machine-readable code, e.g. `"invalid-option"`, `"unknown-config-key"`. */
  readonly code: string;
  /** The option, attribute, config key or file the problem is in, when there is one. */
  readonly field: string | undefined;

  constructor(code: string, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
  }
}

/** A value passed by the caller is out of range, of the wrong type, or non-finite. */
export class InvalidOptionError extends LatentExplorablesError {
  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super('invalid-option', `${field}: ${message}`, { field, ...options });
  }
}

/** Work was stopped through an `AbortSignal`. */
export class AbortError extends LatentExplorablesError {
  constructor(message = 'The operation was aborted.') {
    super('aborted', message);
  }
}

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

/**
 * An optional package this feature needs is not installed, or could not be loaded (see `cause`);
 * `field` is the package name and the message gives the command that installs it.
 */
export class MissingDependencyError extends LatentExplorablesError {
  /** The shell command that installs the package, e.g. `npm install onnxruntime-node`. */
  readonly install: string;

  constructor(packageName: string, purpose: string, options: { cause?: unknown } = {}) {
    const install = `npm install ${packageName}`;
    super('missing-dependency', `${purpose} needs the optional package ${packageName}: install it with \`${install}\``, { field: packageName, ...options });
    this.install = install;
  }
}

/**
 * Every `code` the library throws, so callers can branch with the compiler's help. Grouped by
 * where they come from; each class's JSDoc says what its code means.
 */
export type ErrorCode =
  // any caller input, and stopping
  | 'invalid-option'
  | 'aborted'
  | 'missing-dependency'
  // model folders, sessions and their workers
  | 'model-load'
  | 'inference-worker'
  | 'session-released'
  | 'fetch-failed'
  // scheduler configs (`SchedulerConfigErrorCode`)
  | 'unknown-scheduler-class'
  | 'unsupported-scheduler-class'
  | 'unknown-config-key'
  | 'invalid-config-value'
  | 'unsupported-config-value'
  | 'conflicting-config-keys'
  // recordings
  | 'trajectory-format'
  // embeddings, expressions and UMAP
  | 'expression-syntax'
  | 'expression-type'
  | 'unknown-word'
  | 'embedding-format'
  | 'embedding-load'
  | 'umap-worker'
  | 'umap-not-fitted'
  // the playground's training worker
  | 'not-configured'
  | 'worker-failed'
  // elements
  | 'not-an-image'
  | 'image-decode-failed'
  // the CLI
  | 'usage'
  | 'read-failed'
  | 'write-failed';

/**
 * The one error family of latent-explorables. Every failure caused by bad input
 * (an option, an attribute, a config key, a file) is a `LatentExplorablesError`
 * whose `code` is stable for programs and whose `field` names what was wrong,
 * so widgets can show it and callers can branch on it.
 */
export class LatentExplorablesError extends Error {
  /** Stable machine-readable code, e.g. `"invalid-option"`, `"unknown-config-key"`. */
  readonly code: ErrorCode;
  /** The option, attribute, config key or file the problem is in, when there is one. */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
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

/**
 * An error as it crosses a worker boundary (structured cloning keeps no class): enough to
 * rebuild the same class on the other side with {@link fromWire}.
 */
export interface WireError {
  /** The class name where it was thrown (built-in errors are rebuilt by it). */
  readonly name: string;
  readonly message: string;
  /** Present for library errors: the key that picks the class on the other side. */
  readonly code?: ErrorCode;
  readonly field?: string;
  /** The cause's message, when there was a cause. */
  readonly cause?: string;
  /** The class's own extra properties (e.g. `UnknownWordError`'s `word` and `suggestions`). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A library error class, however its constructor is shaped. */
type ErrorClass = abstract new (...args: never[]) => LatentExplorablesError;

/** Classes by code; each error module registers its own, so a page that can name a class can receive it. */
const classesByCode = new Map<ErrorCode, ErrorClass>();

/** Makes {@link fromWire} rebuild errors of these codes as `errorClass`. */
export function registerErrorClass(errorClass: ErrorClass, ...codes: ErrorCode[]): void {
  for (const code of codes) classesByCode.set(code, errorClass);
}

registerErrorClass(InvalidOptionError, 'invalid-option');
registerErrorClass(AbortError, 'aborted');
registerErrorClass(MissingDependencyError, 'missing-dependency');

const STANDARD_KEYS = new Set(['name', 'message', 'code', 'field', 'stack', 'cause']);
const BUILT_IN_ERRORS: Readonly<Record<string, ErrorConstructor>> = { TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

/** Flattens any thrown value for `postMessage`. */
export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const cause = error.cause === undefined ? {} : { cause: error.cause instanceof Error ? error.cause.message : String(error.cause) };
  if (!(error instanceof LatentExplorablesError)) return { name: error.name, message: error.message, ...cause };
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (STANDARD_KEYS.has(key)) continue;
    try {
      details[key] = structuredClone(value);
    } catch {
      // a property that cannot travel stays behind
    }
  }
  return {
    name: error.name,
    message: error.message,
    code: error.code,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...cause,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

/**
 * The error {@link toWire} flattened, as the same class: library errors by `code` (the class
 * registered for it, `LatentExplorablesError` otherwise) with message, field and extra
 * properties intact; built-in errors by name; anything else as a plain `Error` of that name.
 */
export function fromWire(wire: WireError): Error {
  const options = wire.cause === undefined ? undefined : { cause: new Error(wire.cause) };
  if (wire.code === undefined) {
    const BuiltIn = BUILT_IN_ERRORS[wire.name];
    if (BuiltIn) return new BuiltIn(wire.message, options);
    const error = new Error(wire.message, options);
    if (wire.name !== 'Error') error.name = wire.name; // e.g. a DOMException's "AbortError"
    return error;
  }
  const errorClass = classesByCode.get(wire.code) ?? LatentExplorablesError;
  // An Error made as an instance of the class without running its constructor, whose
  // parameters differ per class: the message is already the finished sentence.
  const error = Reflect.construct(Error, options ? [wire.message, options] : [wire.message], errorClass) as LatentExplorablesError;
  Object.assign(error, { name: errorClass.name, code: wire.code, field: wire.field, ...wire.details });
  return error;
}

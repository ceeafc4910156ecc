import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';

/** parseArgs' option table. */
export type OptionTable = NonNullable<ParseArgsConfig['options']>;

/** Options every model-running command takes. */
export const RUN_OPTIONS = {
  model: { type: 'string', short: 'm' },
  seed: { type: 'string', short: 's' },
  steps: { type: 'string', short: 'n' },
  guidance: { type: 'string', short: 'g' },
  scheduler: { type: 'string' },
  negative: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionTable;

/** A parsed command line: option values (strings or booleans) and positional arguments. */
export interface ParsedCommandLine {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Turns parseArgs' error (e.g. "Unknown option '--sed'") into a one-line `UsageError`. */
function usageErrorFrom(error: unknown): UsageError {
  const message = (error as Error).message.split('\n')[0] ?? 'bad command line';
  const option = /--[\w-]+/.exec(message)?.[0] ?? 'arguments';
  return new UsageError(option, message.replace(/\. To specify a positional.*$/, ''));
}

/**
 * Parses a command's arguments strictly: unknown options, missing values and options given
 * twice are `UsageError`s naming the option.
 */
export function parseCommandLine(args: readonly string[], options: OptionTable): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw usageErrorFrom(error);
    throw error;
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name}`, `--${token.name} is given more than once`);
    seen.add(token.name);
  }
  return { values: parsed.values as ParsedCommandLine['values'], positionals: parsed.positionals };
}

/** The one positional argument a command needs (`what` names it in the error). */
export function singlePositional(positionals: readonly string[], what: string, example: string): string {
  if (positionals.length === 0) throw new UsageError(what, `missing ${what}, e.g. ${example}`);
  if (positionals.length > 1) {
    throw new UsageError(what, `expected one ${what}, got ${positionals.length} arguments (put a prompt in quotes)`);
  }
  return positionals[0]!;
}

/** An option's string value, or undefined. */
export function stringOption(values: ParsedCommandLine['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

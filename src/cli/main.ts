/**
 * The `latent-explorables` command line: generate, record, grid, inspect, walk. `main` takes the
 * arguments after the program name and an injectable `CliIo`, and resolves to the exit
 * status, so tests call it in-process; `bin.ts` is the executable.
 */
import { readFileSync } from 'node:fs';
import { generateCommand } from './commands/generate.js';
import { gridCommand } from './commands/grid.js';
import { inspectCommand } from './commands/inspect.js';
import { recordCommand } from './commands/record.js';
import { walkCommand } from './commands/walk.js';
import { exitCodeFor, oneLineMessage } from './failure.js';
import { COMMAND_HELP, OVERVIEW } from './help.js';
import { EXIT_CODES, UsageError, type CliIo } from './io.js';
import { assetUrl } from '../assets.js';

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => Promise<number>>> = {
  generate: generateCommand,
  record: recordCommand,
  grid: gridCommand,
  inspect: inspectCommand,
  walk: walkCommand,
};

/** The package version, from package.json two folders up (src/cli or dist/cli). */
export function packageVersion(): string {
  const json = JSON.parse(readFileSync(new URL(assetUrl('../package.json')), 'utf8')) as { version?: unknown };
  return String(json.version);
}

function nodeIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/**
 * Runs one command line. `argv` excludes `node` and the script (i.e. `process.argv.slice(2)`).
 * Errors are printed on stderr as one line; the result is the exit status.
 */
export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      // Bare `latent-explorables` is a usage error: the overview goes to stderr, status 2.
      (command === undefined ? io.stderr : io.stdout).write(`${(topic && COMMAND_HELP[topic]) ?? OVERVIEW}\n`);
      return command === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT_CODES.ok;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) {
      throw new UsageError('command', `unknown command ${JSON.stringify(command)}; use one of ${Object.keys(COMMANDS).join(', ')} (see --help)`);
    }
    return await run(rest, io);
  } catch (error) {
    const where = command && Object.hasOwn(COMMANDS, command) ? ` ${command}` : '';
    io.stderr.write(`latent-explorables${where}: ${oneLineMessage(error)}\n`);
    return exitCodeFor(error);
  }
}

/**
 * Runs the CLI as the current process: wires Ctrl-C to cancellation and sets the exit status.
 * The `bin` file (`bin.ts`) only calls this.
 */
export async function runAsProgram(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.exitCode = await main(process.argv.slice(2), { ...nodeIo(), signal: controller.signal });
}

/** What `generate`, `record` and `grid` share: reading run options, loading, running. */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHttpUrl } from '../pipeline/model/http-source.js';
import { AbortError } from '../errors.js';
import type { StepRecord } from '../pipeline/math/step-record.js';
import type { ParsedCommandLine } from './arguments.js';
import { stringOption } from './arguments.js';
import type { CliIo } from './io.js';
import { createProgress, formatBytes, type Progress } from './progress.js';
import { defaultRuntime, type CliModel, type CliRunInfo, type CliRunRequest, type FileProgress } from './runtime.js';
import { textForTerminal } from './terminal-text.js';
import { checkOutputPath } from './write-output.js';
import { checkVaeMultiple, guidanceValue, promptValue, schedulerValue, seedValue, sideValue, stepsValue } from './values.js';
import { assetUrl } from '../assets.js';

/** How recordings name the bundled pocket model. */
export const BUNDLED_MODEL_ID = 'latent-explorables/pocket';

/** The bundled pocket model, used when `--model` is not given. */
export const DEFAULT_MODEL_DIR = fileURLToPath(assetUrl('models/pocket/'));

/** Reads the run options shared by every model command (`--seed` and `--guidance` unless `sweep`). */
export function readRunRequest(values: ParsedCommandLine['values'], prompt: string, sweep = false): CliRunRequest {
  const text = (name: string): string | undefined => stringOption(values, name);
  const seed = sweep ? undefined : text('seed');
  const guidance = sweep ? undefined : text('guidance');
  const scheduler = text('scheduler');
  const width = text('width');
  const height = text('height');
  return {
    prompt: promptValue(prompt, 'prompt'),
    negativePrompt: promptValue(text('negative') ?? '', '--negative'),
    ...(text('steps') === undefined ? {} : { steps: stepsValue(text('steps')!) }),
    ...(guidance === undefined ? {} : { guidanceScale: guidanceValue(guidance) }),
    ...(seed === undefined ? {} : { seed: seedValue(seed) }),
    ...(scheduler === undefined ? {} : { scheduler: schedulerValue(scheduler) }),
    ...(width === undefined ? {} : { width: sideValue(width, '--width') }),
    ...(height === undefined ? {} : { height: sideValue(height, '--height') }),
  };
}

/** Checks the requested size against the loaded model's VAE factor. */
export function checkSize(request: CliRunRequest, model: CliModel): void {
  if (request.width !== undefined) checkVaeMultiple(request.width, model.vaeScaleFactor, '--width');
  if (request.height !== undefined) checkVaeMultiple(request.height, model.vaeScaleFactor, '--height');
}

/**
 * The output path resolved against the working directory, checked to be writable before
 * anything runs (a missing or read-only folder is reported now, not after the whole run).
 */
export async function outputPath(io: CliIo, values: ParsedCommandLine['values'], fallback: string): Promise<string> {
  const given = stringOption(values, 'output') ?? fallback;
  const path = isAbsolute(given) ? given : resolve(io.cwd, given);
  await checkOutputPath(path);
  return path;
}

/** Loads the model named by `--model` (or the pocket model), reporting file progress on stderr. */
export async function loadModel(io: CliIo, values: ParsedCommandLine['values']): Promise<CliModel> {
  const runtime = io.runtime ?? (await defaultRuntime());
  const given = stringOption(values, 'model');
  const location = given === undefined ? DEFAULT_MODEL_DIR : isHttpUrl(given) || isAbsolute(given) ? given : resolve(io.cwd, given);
  const quiet = values.quiet === true;
  const bars = new Map<string, ReturnType<typeof createProgress>>();
  const onProgress = (progress: FileProgress): void => {
    if (quiet) return;
    if (!io.stderr.isTTY) {
      if (progress.done) io.stderr.write(`loaded ${progress.file} (${formatBytes(progress.loaded)})\n`);
      return;
    }
    let bar = bars.get(progress.file);
    if (!bar) bars.set(progress.file, (bar = createProgress(io.stderr, `loading ${progress.file}`, progress.total ?? progress.loaded)));
    bar.update(progress.loaded, formatBytes(progress.loaded));
    if (progress.done) bar.finish();
  };
  const model = await runtime.load(location, { onProgress, ...(io.signal ? { signal: io.signal } : {}) });
  // Recordings and messages name the model as the user did, never by this machine's absolute path.
  return { ...model, id: given ?? BUNDLED_MODEL_ID };
}

/** Tells the user, once per run, what the runtime changed about their request. */
function reportNotes(io: CliIo, info: CliRunInfo): void {
  if (info.promptTruncated) io.stderr.write('note: the prompt is longer than the tokenizer allows and was truncated\n');
  if (info.schedulerReplaced) {
    const replaced = textForTerminal(info.schedulerReplaced);
    io.stderr.write(`note: the model's ${replaced} is not available; ${info.scheduler.className} stands in (choose with --scheduler)\n`);
  }
}

/** A run or sweep as the runtime hands it out: settings known by the first step, then steps. */
interface Stepping<Info, Item> {
  readonly info: Promise<Info>;
  readonly steps: AsyncIterable<Item>;
}

/**
 * Drives a run (or a sweep, whose items are one record per cell) to the end, showing step
 * progress on stderr and handing every item to `onStep`. Returns the settled info and the
 * last item.
 */
export async function driveToEnd<Info extends CliRunInfo, Item>(
  io: CliIo,
  run: Stepping<Info, Item>,
  options: { quiet: boolean; label?: string; stepOf: (item: Item) => StepRecord; onStep?: (item: Item, info: Info) => void },
): Promise<{ info: Info; last: Item }> {
  let progress: Progress | undefined;
  let last: { item: Item } | undefined;
  try {
    for await (const item of run.steps) {
      // The run's settings are settled before its first step is yielded.
      const info = await run.info;
      if (!progress) {
        if (!options.quiet) reportNotes(io, info);
        progress = createProgress(io.stderr, options.label ?? 'denoising', info.steps, options.quiet);
      }
      options.onStep?.(item, info);
      last = { item };
      const step = options.stepOf(item);
      progress.update(step.index + 1, `t=${Math.round(step.timestep)}`);
    }
  } finally {
    progress?.finish();
  }
  if (io.signal?.aborted) throw new AbortError();
  if (!last) throw new Error('the run produced no steps');
  return { info: await run.info, last: last.item };
}

/** Runs one text-to-image request to the end (see `driveToEnd`); returns its info and last step. */
export function runToEnd(
  io: CliIo,
  model: CliModel,
  request: CliRunRequest,
  options: { quiet: boolean; onStep?: (step: StepRecord, info: CliRunInfo) => void },
): Promise<{ info: CliRunInfo; last: StepRecord }> {
  const run = model.start({ ...request, ...(io.signal ? { signal: io.signal } : {}) });
  return driveToEnd(io, run, { ...options, stepOf: (step) => step });
}

/** Describes a run in one line, e.g. `512×512, seed 42, 20 steps DDIMScheduler, guidance 7.5`. */
export function describeRun(info: CliRunInfo): string {
  return `${info.width}×${info.height}, seed ${info.seed}, ${info.steps} steps ${info.scheduler.className}, guidance ${info.guidanceScale}`;
}

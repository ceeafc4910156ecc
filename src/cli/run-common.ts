/** What `generate`, `record` and `grid` share: reading run options, loading, running. */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AbortError } from '../errors.js';
import type { StepRecord } from '../pipeline/math/step-record.js';
import type { ParsedCommandLine } from './arguments.js';
import { stringOption } from './arguments.js';
import type { CliIo } from './io.js';
import { createProgress, formatBytes } from './progress.js';
import { defaultRuntime, type CliModel, type CliRunInfo, type CliRunRequest, type FileProgress } from './runtime.js';
import { checkVaeMultiple, guidanceValue, schedulerValue, seedValue, sideValue, stepsValue } from './values.js';

/** The bundled pocket model, used when `--model` is not given. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../../assets/models/pocket/', import.meta.url));

/** Reads the run options shared by every model command (`--seed` and `--guidance` unless `sweep`). */
export function readRunRequest(values: ParsedCommandLine['values'], prompt: string, sweep = false): CliRunRequest {
  const text = (name: string): string | undefined => stringOption(values, name);
  const seed = sweep ? undefined : text('seed');
  const guidance = sweep ? undefined : text('guidance');
  const scheduler = text('scheduler');
  const width = text('width');
  const height = text('height');
  return {
    prompt,
    negativePrompt: text('negative') ?? '',
    steps: stepsValue(text('steps') ?? '20'),
    guidanceScale: guidance === undefined ? 7.5 : guidanceValue(guidance),
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

/** An output path resolved against the working directory. */
export function outputPath(io: CliIo, values: ParsedCommandLine['values'], fallback: string): string {
  const path = stringOption(values, 'output') ?? fallback;
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** Loads the model named by `--model` (or the pocket model), reporting file progress on stderr. */
export async function loadModel(io: CliIo, values: ParsedCommandLine['values']): Promise<CliModel> {
  const runtime = io.runtime ?? (await defaultRuntime());
  const given = stringOption(values, 'model');
  const location = given === undefined ? DEFAULT_MODEL_DIR : /^https?:\/\//.test(given) || isAbsolute(given) ? given : resolve(io.cwd, given);
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
  return runtime.load(location, { onProgress, ...(io.signal ? { signal: io.signal } : {}) });
}

/** Tells the user, once per run, what the runtime changed about their request. */
function reportNotes(io: CliIo, info: CliRunInfo): void {
  if (info.promptTruncated) io.stderr.write('note: the prompt is longer than the tokenizer allows and was truncated\n');
  if (info.schedulerReplaced) {
    io.stderr.write(`note: the model's ${info.schedulerReplaced} is not available; ${info.scheduler.className} stands in (choose with --scheduler)\n`);
  }
}

/**
 * Starts a run and drives it to the end, showing step progress on stderr and handing every
 * step to `onStep`. Returns the run's resolved settings and its last step.
 */
export async function runToEnd(
  io: CliIo,
  model: CliModel,
  request: CliRunRequest,
  options: { quiet: boolean; label?: string; onStep?: (step: StepRecord, info: CliRunInfo) => void },
): Promise<{ info: CliRunInfo; last: StepRecord }> {
  const run = model.start({ ...request, ...(io.signal ? { signal: io.signal } : {}) });
  const progress = createProgress(io.stderr, options.label ?? 'denoising', request.steps, options.quiet);
  let last: StepRecord | undefined;
  try {
    for await (const step of run.steps) {
      // The run's settings are settled before its first step is yielded.
      const info = await run.info;
      if (!last && !options.quiet) reportNotes(io, info);
      options.onStep?.(step, info);
      last = step;
      progress.update(step.index + 1, `t=${Math.round(step.timestep)}`);
    }
  } finally {
    progress.finish();
  }
  if (io.signal?.aborted) throw new AbortError();
  if (!last) throw new Error('the run produced no steps');
  return { info: await run.info, last };
}

/** Describes a run in one line, e.g. `512×512, seed 42, 20 steps DDIMScheduler, guidance 7.5`. */
export function describeRun(info: CliRunInfo, request: CliRunRequest): string {
  return `${info.width}×${info.height}, seed ${info.seed}, ${request.steps} steps ${info.scheduler.className}, guidance ${request.guidanceScale}`;
}

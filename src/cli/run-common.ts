/** What `generate`, `record` and `grid` share: reading run options, loading, running. */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHttpUrl } from '../pipeline/model/http-source.js';
import { AbortError } from '../errors.js';
import { generate, type GenerationInfo } from '../pipeline/run/generate.js';
import type { GenerateOptions } from '../pipeline/run/generate-options.js';
import type { StepRecord } from '../pipeline/math/step-record.js';
import type { DiffusionModel } from '../pipeline/model/diffusion-model.js';
import type { LoadProgress } from '../pipeline/model/source.js';
import type { ParsedCommandLine } from './arguments.js';
import { stringOption } from './arguments.js';
import type { CliIo } from './io.js';
import { createProgress, formatBytes, type Progress } from './progress.js';
import { textForTerminal } from './terminal-text.js';
import { checkOutputPath } from './write-output.js';
import { checkVaeMultiple, guidanceValue, promptValue, schedulerValue, seedValue, sideValue, stepsValue } from './values.js';
import { POCKET_MODEL_ID, POCKET_MODEL_PATH, assetUrl } from '../assets.js';

/** The bundled pocket model, used when `--model` is not given. */
export const DEFAULT_MODEL_DIR = fileURLToPath(assetUrl(POCKET_MODEL_PATH));

/** A run as the CLI requests it: options already validated, the seed exact. */
export type CliRunRequest = Omit<GenerateOptions, 'seed' | 'signal' | 'encoderHiddenStates' | 'negativePrompt'> & { readonly negativePrompt: string; readonly seed?: bigint };

/** A loaded model and the name recordings and messages give it. */
export interface CliModel {
  readonly model: DiffusionModel;
  /** The folder or URL as the user gave it (`latent-explorables/pocket` for the bundled model), never this machine's absolute path. */
  readonly id: string;
}

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
export function checkSize(request: CliRunRequest, model: DiffusionModel): void {
  const factor = model.config.vaeScaleFactor;
  if (request.width !== undefined) checkVaeMultiple(request.width, factor, '--width');
  if (request.height !== undefined) checkVaeMultiple(request.height, factor, '--height');
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
  // Imported on first use, so `--help` and argument errors never load onnxruntime.
  const load = io.loadModel ?? (await import('../pipeline/model/node.js')).loadModelInNode;
  const given = stringOption(values, 'model');
  const location = given === undefined ? DEFAULT_MODEL_DIR : isHttpUrl(given) || isAbsolute(given) ? given : resolve(io.cwd, given);
  const quiet = values.quiet === true;
  const bars = new Map<string, ReturnType<typeof createProgress>>();
  const onProgress = (progress: LoadProgress): void => {
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
  const model = await load(location, { onProgress, skipVaeEncoder: true, ...(io.signal ? { signal: io.signal } : {}) });
  return { model, id: given ?? POCKET_MODEL_ID };
}

/** Tells the user, once per run, what the runtime changed about their request. */
function reportNotes(io: CliIo, info: GenerationInfo): void {
  if (info.promptTokens?.truncated === true) io.stderr.write('note: the prompt is longer than the tokenizer allows and was truncated\n');
  if (info.schedulerReplaced) {
    const replaced = textForTerminal(info.schedulerReplaced);
    io.stderr.write(`note: the model's ${replaced} is not available; ${info.schedulerClass} stands in (choose with --scheduler)\n`);
  }
}

/** A run or sweep as the pipeline hands it out: its steps, and its settings (known by the first step). */
type Stepping<Info, Item> = AsyncIterable<Item> & { readonly info: Promise<Info> };

/**
 * Drives a run (or a sweep, whose items are one record per cell) to the end, showing step
 * progress on stderr and handing every item to `onStep`. Returns the settled info and the
 * last item.
 */
export async function driveToEnd<Info extends GenerationInfo, Item>(
  io: CliIo,
  run: Stepping<Info, Item>,
  options: { quiet: boolean; label?: string; stepOf: (item: Item) => StepRecord; onStep?: (item: Item, info: Info) => void },
): Promise<{ info: Info; last: Item }> {
  // A run failing before its first step rejects `info` too; the steps report that error, so
  // the promise must not also surface as an unhandled rejection.
  run.info.catch(() => undefined);
  let progress: Progress | undefined;
  let last: { item: Item } | undefined;
  try {
    for await (const item of run) {
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
  model: DiffusionModel,
  request: CliRunRequest,
  options: { quiet: boolean; onStep?: (step: StepRecord, info: GenerationInfo) => void },
): Promise<{ info: GenerationInfo; last: StepRecord }> {
  const run = generate(model, { ...request, ...(io.signal ? { signal: io.signal } : {}) });
  return driveToEnd(io, run, { ...options, stepOf: (step) => step });
}

/** Describes a run in one line, e.g. `512×512, seed 42, 20 steps DDIMScheduler, guidance 7.5`. */
export function describeRun(info: GenerationInfo): string {
  return `${info.width}×${info.height}, seed ${info.seed}, ${info.steps} steps ${info.schedulerClass}, guidance ${info.guidanceScale}`;
}

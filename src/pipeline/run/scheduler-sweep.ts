import { AbortError, InvalidOptionError } from '../../errors.js';
import { guidanceNeedsUncond } from '../math/guidance.js';
import type { TimestepPlan } from '../math/schedulers/types.js';
import type { StepRecord } from '../math/step-record.js';
import { tensor, type Tensor } from '../math/tensor.js';
import { TorchGenerator } from '../math/torch-random.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import { denoiseCells, type DenoiseCell } from './denoise.js';
import { MAX_STEPS, resolveOptions, type GenerateOptions, type ResolvedOptions } from './generate-options.js';
import { assertUsable } from './model-guard.js';
import { checkLatentSize, latentShapeFor, scaleInitialNoise } from './run-setup.js';
import { chooseScheduler, type SchedulerOption } from './scheduler-choice.js';
import { planSteps } from './sweeps.js';
import { conditionRun, type Conditioning } from './text-conditioning.js';

/** Most columns one scheduler comparison runs (each is a full run, one after another). */
export const MAX_SCHEDULER_COLUMNS = 12;

/** One requested column: a sampler (alias, class name or config) and its step count. */
export interface SchedulerColumnRequest {
  readonly scheduler: SchedulerOption;
  readonly steps: number;
}

/** A column as it will run: its sampler, schedule and starting latent. */
export interface SchedulerColumn {
  readonly steps: number;
  readonly schedulerClass: string;
  readonly schedulerConfig: Readonly<Record<string, unknown>>;
  readonly plan: TimestepPlan;
  /** x_T of this column: the shared `noise` × this sampler's initial σ (diffusers' prepare_latents). */
  readonly initialLatent: Tensor;
}

/** Everything settled before the first step of a scheduler comparison. */
export interface SchedulerSweepInfo extends Omit<ResolvedOptions, 'steps'> {
  readonly modelId: string;
  readonly promptTokens: Conditioning['prompt'];
  readonly latentShape: readonly number[];
  /** The seed's N(0, 1) draw that every column starts from (before its initial-σ scaling). */
  readonly noise: Tensor;
  readonly columns: readonly SchedulerColumn[];
}

/** One step of one column. */
export interface SchedulerSweepStep {
  readonly column: number;
  readonly record: StepRecord;
}

/** A scheduler comparison: iterate for every column's steps, column after column. */
export interface SchedulerSweep extends AsyncIterable<SchedulerSweepStep> {
  readonly info: Promise<SchedulerSweepInfo>;
}

/** Options of a scheduler comparison: one prompt, one seed, one guidance scale. */
export interface SchedulerSweepOptions extends Omit<GenerateOptions, 'scheduler' | 'steps'> {
  readonly columns: readonly SchedulerColumnRequest[];
  /** Most UNet rows per call; default 8. */
  readonly maxBatch?: number;
}

/**
 * One prompt and one seed through several samplers and step counts (DDIM 50 beside DPM++ 2M
 * 20, say). The text is encoded once and the seed's noise drawn once; every column starts from
 * that same N(0, 1) draw, scaled by its sampler's initial σ, and keeps its own generator past
 * that draw for the noise that stochastic samplers add. Each column is exactly the run
 * `generate` makes with its scheduler and steps. Columns run one after another (their
 * timesteps differ, so their UNet calls cannot share a batch).
 */
export function schedulerSweep(model: DiffusionModel, options: SchedulerSweepOptions): SchedulerSweep {
  let resolveInfo!: (info: SchedulerSweepInfo) => void;
  let rejectInfo!: (error: unknown) => void;
  const info = new Promise<SchedulerSweepInfo>((resolve, reject) => {
    resolveInfo = resolve;
    rejectInfo = reject;
  });
  info.catch(() => undefined);
  async function* steps(): AsyncGenerator<SchedulerSweepStep> {
    let prepared;
    try {
      prepared = await prepare(model, options);
    } catch (error) {
      rejectInfo(error);
      throw error;
    }
    resolveInfo(prepared.info);
    for (const [column, run] of prepared.runs.entries()) {
      const records = denoiseCells(model.components.unet, run.scheduler, run.plan, [run.cell], prepared.info.latentShape, {
        ...(options.signal ? { signal: options.signal } : {}),
        batchLimit: prepared.maxBatch,
      });
      for await (const [record] of records) yield { column, record: record! };
    }
  }
  return { info, [Symbol.asyncIterator]: () => steps() };
}

function checkColumns(columns: unknown): readonly SchedulerColumnRequest[] {
  if (!Array.isArray(columns) || columns.length === 0) throw new InvalidOptionError('columns', 'must list at least one {scheduler, steps}');
  if (columns.length > MAX_SCHEDULER_COLUMNS) throw new InvalidOptionError('columns', `at most ${MAX_SCHEDULER_COLUMNS} columns, got ${columns.length}`);
  columns.forEach((column: SchedulerColumnRequest, i) => {
    const steps = column?.steps;
    if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
      throw new InvalidOptionError(`columns[${i}].steps`, `must be an integer in 1…${MAX_STEPS}, got ${String(steps)}`);
    }
  });
  return columns as readonly SchedulerColumnRequest[];
}

/** The column's sampler, with errors naming the column. */
function columnScheduler(model: DiffusionModel, column: SchedulerColumnRequest, i: number) {
  try {
    const { scheduler } = chooseScheduler(column.scheduler, model.config.schedulerConfig);
    return { scheduler, plan: planSteps(scheduler, column.steps, `columns[${i}].steps`) };
  } catch (error) {
    if (error instanceof InvalidOptionError && error.field === 'scheduler') {
      throw new InvalidOptionError(`columns[${i}].scheduler`, error.message.replace(/^scheduler: /, ''), { cause: error });
    }
    throw error;
  }
}

async function prepare(model: DiffusionModel, options: SchedulerSweepOptions) {
  assertUsable(model);
  const columns = checkColumns(options?.columns);
  const maxBatch = options.maxBatch ?? 8;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new InvalidOptionError('maxBatch', `must be a positive integer, got ${String(maxBatch)}`);
  const { steps: _steps, ...resolved } = resolveOptions({ ...options, steps: columns[0]!.steps }, model.config);
  const schedules = columns.map((column, i) => columnScheduler(model, column, i));
  const latentShape = latentShapeFor(model, resolved.width, resolved.height);
  checkLatentSize(model, latentShape);
  if (options.signal?.aborted) throw new AbortError();
  const guided = guidanceNeedsUncond(resolved.guidanceScale);
  const conditioning = await conditionRun(model, resolved.prompt, guided ? resolved.negativePrompt : null, options.encoderHiddenStates);
  const noise = new TorchGenerator(resolved.seed).randn(latentShape);
  const runs = schedules.map(({ scheduler, plan }) => {
    // Each column's own generator, past the initial draw, as `generate` leaves it.
    const generator = new TorchGenerator(resolved.seed);
    generator.randn(latentShape);
    const cell: DenoiseCell = { initialLatent: scaleInitialNoise(noise, plan), generator, guidanceScale: resolved.guidanceScale, cond: conditioning.cond, uncond: conditioning.uncond };
    return { scheduler, plan, cell };
  });
  const info: SchedulerSweepInfo = {
    ...resolved,
    modelId: model.id,
    promptTokens: conditioning.prompt,
    latentShape,
    noise: tensor(noise, latentShape),
    columns: runs.map(({ scheduler, plan, cell }, i) => ({
      steps: columns[i]!.steps,
      schedulerClass: scheduler.className,
      schedulerConfig: scheduler.config,
      plan,
      initialLatent: tensor(cell.initialLatent, latentShape),
    })),
  };
  return { info, runs, maxBatch };
}

/** One sampler's σ schedule for a chart: σ against the share of its run done (0 → 1). */
export interface SigmaSeries {
  readonly label: string;
  /** Share of the run done at each σ: i / steps, for i = 0…steps. */
  readonly progress: Float64Array;
  /** σ at each step and after the last (the plan's `sigmas`). */
  readonly sigma: Float64Array;
}

/**
 * Every column's σ schedule on one axis: samplers with different step counts line up by how far
 * through their run they are, so a 20-step DPM++ and a 50-step DDIM are drawn over the same span.
 * `sigmas` is a plan's `sigmas` (σ at each step, then after the last).
 */
export function sigmaSchedules(columns: readonly { readonly label: string; readonly sigmas: ArrayLike<number> }[]): SigmaSeries[] {
  return columns.map(({ label, sigmas }) => {
    const steps = Math.max(1, sigmas.length - 1);
    return { label, progress: Float64Array.from(sigmas, (_, i) => i / steps), sigma: Float64Array.from(sigmas) };
  });
}

/** A recorded column's σ schedule: each step's σ, then 0 after the last step (every sampler ends at σ = 0). */
export function recordedSigmas(records: readonly { readonly sigma: number }[]): Float64Array {
  return Float64Array.from([...records.map((record) => record.sigma), 0]);
}

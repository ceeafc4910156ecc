import { AbortError, InvalidOptionError } from '../../errors.js';
import { guidanceNeedsUncond, parseGuidanceScale } from '../math/guidance.js';
import { parseSeed } from '../math/seed.js';
import type { Scheduler, TimestepPlan } from '../math/schedulers/types.js';
import type { StepRecord } from '../math/step-record.js';
import { TorchGenerator } from '../math/torch-random.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import { denoiseCells, type DenoiseCell } from './denoise.js';
import { checkLatentSize, initialNoise, latentShapeFor, type GenerationInfo } from './run-setup.js';
import { resolveOptions, type GenerateOptions } from './generate-options.js';
import { randomSeed } from '../math/seed.js';
import { assertUsable } from './model-guard.js';
import { chooseScheduler } from './scheduler-choice.js';
import { conditionRun } from './text-conditioning.js';

/** One cell of a sweep: the seed and guidance scale it runs with. */
export interface SweepCell {
  readonly seed: bigint;
  readonly guidanceScale: number;
}

/** Options shared by every cell of a sweep. */
export interface SweepOptions extends Omit<GenerateOptions, 'seed' | 'guidanceScale'> {
  /** Most UNet rows per call (a guided cell takes two); default 8. The UNet's own fixed batch size wins. */
  readonly maxBatch?: number;
}

/** A sweep's settings: the shared run info (of the first cell) plus every cell. */
export interface SweepInfo extends GenerationInfo {
  readonly cells: readonly SweepCell[];
}

/** A requested cell; an absent seed is drawn at random, an absent scale is the model's default. */
export interface CellRequest {
  readonly seed?: number | bigint | string | undefined;
  readonly guidanceScale?: number | undefined;
}

/** A sweep: iterate for each step's records, one per cell in cell order. */
export interface Sweep extends AsyncIterable<StepRecord[]> {
  readonly info: Promise<SweepInfo>;
}

/**
 * Runs several cells side by side with one text encoding, one schedule, and each seed's noise
 * drawn once; every step's UNet rows (unconditional + conditional per guided cell) go through
 * in batches as large as the graph allows. Each cell is exactly the run `generate` would make
 * with its seed and scale: each keeps its own generator for stochastic samplers. `extraOutputs`
 * names UNet outputs to fetch besides the noise (see `StepRecord.unetOutputs`); none by default.
 */
export function sweep(
  model: DiffusionModel,
  options: SweepOptions,
  cells: readonly CellRequest[],
  fieldOf: FieldNamer = (i, key) => `cells[${i}].${key}`,
  extraOutputs: readonly string[] = [],
): Sweep {
  let resolveInfo!: (info: SweepInfo) => void;
  let rejectInfo!: (error: unknown) => void;
  const info = new Promise<SweepInfo>((resolve, reject) => {
    resolveInfo = resolve;
    rejectInfo = reject;
  });
  info.catch(() => undefined);
  async function* steps(): AsyncGenerator<StepRecord[]> {
    let prepared;
    try {
      prepared = await prepareSweep(model, options, cells, fieldOf);
    } catch (error) {
      rejectInfo(error);
      throw error;
    }
    resolveInfo(prepared.info);
    yield* denoiseCells(model.components.unet, prepared.scheduler, prepared.info.plan, prepared.denoise, prepared.info.latentShape, {
      ...(options.signal ? { signal: options.signal } : {}),
      batchLimit: prepared.maxBatch,
      extraOutputs,
    });
  }
  return { info, [Symbol.asyncIterator]: () => steps() };
}

/** Names the option a bad cell value came from, for the error. */
export type FieldNamer = (index: number, key: 'seed' | 'guidanceScale') => string;

async function prepareSweep(model: DiffusionModel, options: SweepOptions, requested: readonly CellRequest[], fieldOf: FieldNamer) {
  assertUsable(model);
  if (!Array.isArray(requested) || requested.length === 0) throw new InvalidOptionError(fieldOf(0, 'seed').replace(/\[.*$/, ''), 'must list at least one cell');
  const cells: SweepCell[] = requested.map((cell, i) => ({
    seed: cell?.seed === undefined ? randomSeed() : parseSeed(cell.seed, fieldOf(i, 'seed')),
    guidanceScale: parseGuidanceScale(cell?.guidanceScale ?? model.config.defaultGuidanceScale, fieldOf(i, 'guidanceScale')),
  }));
  const maxBatch = options.maxBatch ?? 8;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new InvalidOptionError('maxBatch', `must be a positive integer, got ${String(maxBatch)}`);
  const resolved = resolveOptions({ ...options, seed: cells[0]!.seed, guidanceScale: cells[0]!.guidanceScale }, model.config);
  const { scheduler, replaced } = chooseScheduler(options.scheduler, model.config.schedulerConfig);
  const plan = planSteps(scheduler, resolved.steps);
  const latentShape = latentShapeFor(model, resolved.width, resolved.height);
  checkLatentSize(model, latentShape);
  if (options.signal?.aborted) throw new AbortError();
  const guided = cells.some((c) => guidanceNeedsUncond(c.guidanceScale));
  const conditioning = await conditionRun(model, resolved.prompt, guided ? resolved.negativePrompt : null, options.encoderHiddenStates);
  const noiseBySeed = new Map<bigint, Float32Array>();
  const denoise: DenoiseCell[] = cells.map((cell) => {
    const generator = new TorchGenerator(cell.seed);
    const noise = initialNoise(generator, latentShape, plan); // also advances this cell's generator
    if (!noiseBySeed.has(cell.seed)) noiseBySeed.set(cell.seed, noise);
    return { initialLatent: noiseBySeed.get(cell.seed)!, generator, guidanceScale: cell.guidanceScale, cond: conditioning.cond, uncond: conditioning.uncond };
  });
  const info: SweepInfo = {
    ...resolved,
    cells,
    modelId: model.id,
    promptTokens: conditioning.prompt,
    negativePromptTokens: conditioning.negativePrompt,
    schedulerClass: scheduler.className,
    schedulerConfig: scheduler.config,
    schedulerReplaced: replaced,
    plan,
    latentShape,
    initialLatent: { data: denoise[0]!.initialLatent, shape: latentShape },
    providers: model.providers,
  };
  return { info, scheduler, denoise, maxBatch };
}

/** The scheduler's plan, with its step-count errors naming the run's `steps` option (or `field`). */
export function planSteps(scheduler: Scheduler, steps: number, field = 'steps'): TimestepPlan {
  try {
    return scheduler.plan(steps);
  } catch (error) {
    if (error instanceof InvalidOptionError && error.field === 'numInferenceSteps') {
      throw new InvalidOptionError(field, error.message.replace(/^numInferenceSteps: /, ''), { cause: error });
    }
    throw error;
  }
}

/** One seed, several guidance scales (e.g. 1, 3, 7.5): the classic guidance strip. */
export function guidanceSweep(model: DiffusionModel, options: SweepOptions & { seed: number | bigint | string; guidanceScales: readonly number[] }): Sweep {
  if (!Array.isArray(options.guidanceScales)) throw new InvalidOptionError('guidanceScales', 'must be an array of numbers');
  const cells = options.guidanceScales.map((guidanceScale) => ({ seed: options.seed, guidanceScale }));
  return sweep(model, options, cells, (i, key) => (key === 'seed' ? 'seed' : `guidanceScales[${i}]`));
}

/** One guidance scale, several seeds: how much the starting noise decides. */
export function seedSweep(model: DiffusionModel, options: SweepOptions & { seeds: readonly (number | bigint | string)[]; guidanceScale?: number }): Sweep {
  if (!Array.isArray(options.seeds)) throw new InvalidOptionError('seeds', 'must be an array of seeds');
  const cells = options.seeds.map((seed) => ({ seed, guidanceScale: options.guidanceScale }));
  return sweep(model, options, cells, (i, key) => (key === 'seed' ? `seeds[${i}]` : 'guidanceScale'));
}

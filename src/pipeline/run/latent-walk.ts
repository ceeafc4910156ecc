import { AbortError, InvalidOptionError } from '../../errors.js';
import { guidanceNeedsUncond } from '../math/guidance.js';
import { parseSeed } from '../math/seed.js';
import { lerp, slerp, walkPositions } from '../math/slerp.js';
import type { StepRecord } from '../math/step-record.js';
import { tensor, type Tensor } from '../math/tensor.js';
import { TorchGenerator } from '../math/torch-random.js';
import type { DiffusionModel } from '../model/diffusion-model.js';
import { denoiseCells, type DenoiseCell } from './denoise.js';
import { resolveOptions, type GenerateOptions } from './generate-options.js';
import { assertUsable } from './model-guard.js';
import { checkLatentSize, latentShapeFor, scaleInitialNoise, type GenerationInfo } from './run-setup.js';
import { chooseScheduler } from './scheduler-choice.js';
import { planSteps } from './sweeps.js';
import { conditionRun, encodePrompts } from './text-conditioning.js';

/** Most frames one walk draws (they are denoised side by side). */
export const MAX_WALK_FRAMES = 64;

/** One end of a walk: a prompt and a seed. */
export interface WalkEnd {
  readonly prompt: string;
  readonly seed: number | bigint | string;
}

/** Options of a walk; `from` and `to` may differ in seed, prompt or both. */
export interface LatentWalkOptions extends Omit<GenerateOptions, 'prompt' | 'seed' | 'encoderHiddenStates'> {
  readonly from: WalkEnd;
  readonly to: WalkEnd;
  /** Frames from `from` to `to` inclusive, 2…MAX_WALK_FRAMES; an odd count has a frame at t = ½. */
  readonly frames: number;
  /** Most UNet rows per call (a guided frame takes two); default 8. */
  readonly maxBatch?: number;
  /**
   * How the noise moves between the two seeds: `spherical` (default, slerp) or `linear` (the
   * straight line, whose shorter midpoints wash out: for showing why not).
   */
  readonly interpolation?: 'spherical' | 'linear';
}

/** Everything settled before the first step of a walk. */
export interface LatentWalkInfo extends GenerationInfo {
  /** The far end (`seed` and `prompt` of the info are the near end's). */
  readonly to: { readonly prompt: string; readonly seed: bigint };
  /** Each frame's position t from 0 to 1. */
  readonly positions: Float64Array;
  /** The two seeds' N(0, 1) draws the frames' noise is interpolated between. */
  readonly noiseFrom: Tensor;
  readonly noiseTo: Tensor;
}

/** A walk: iterate for each step's records, one per frame in order. */
export interface LatentWalk extends AsyncIterable<StepRecord[]> {
  readonly info: Promise<LatentWalkInfo>;
}

/**
 * A walk between two (prompt, seed) ends, frame by frame. Frame t starts from the spherical
 * interpolation of the two seeds' noise (see `slerp` for why not a straight line), scaled by
 * the sampler's initial σ, and is conditioned on the linear interpolation of the two prompts'
 * text-encoder states; the negative prompt is shared. All frames share one schedule and are
 * denoised side by side, the UNet rows batched. Each frame's generator is the `from` seed's,
 * past its initial draw, so the noise stochastic samplers add later is the same in every frame
 * and does not jump along the walk.
 */
export function latentWalk(model: DiffusionModel, options: LatentWalkOptions): LatentWalk {
  let resolveInfo!: (info: LatentWalkInfo) => void;
  let rejectInfo!: (error: unknown) => void;
  const info = new Promise<LatentWalkInfo>((resolve, reject) => {
    resolveInfo = resolve;
    rejectInfo = reject;
  });
  info.catch(() => undefined);
  async function* steps(): AsyncGenerator<StepRecord[]> {
    let prepared;
    try {
      prepared = await prepare(model, options);
    } catch (error) {
      rejectInfo(error);
      throw error;
    }
    resolveInfo(prepared.info);
    yield* denoiseCells(model.components.unet, prepared.scheduler, prepared.info.plan, prepared.cells, prepared.info.latentShape, {
      ...(options.signal ? { signal: options.signal } : {}),
      batchLimit: prepared.maxBatch,
    });
  }
  return { info, [Symbol.asyncIterator]: () => steps() };
}

function checkEnd(end: WalkEnd | undefined, field: 'from' | 'to'): void {
  if (typeof end !== 'object' || end === null) throw new InvalidOptionError(field, 'must be {prompt, seed}');
  if (typeof end.prompt !== 'string') throw new InvalidOptionError(`${field}.prompt`, `must be a string, got ${typeof end.prompt}`);
}

async function prepare(model: DiffusionModel, options: LatentWalkOptions) {
  assertUsable(model);
  checkEnd(options?.from, 'from');
  checkEnd(options.to, 'to');
  const frames = options.frames;
  if (!Number.isInteger(frames) || frames < 2 || frames > MAX_WALK_FRAMES) {
    throw new InvalidOptionError('frames', `must be an integer in 2…${MAX_WALK_FRAMES}, got ${String(frames)}`);
  }
  const interpolation = options.interpolation ?? 'spherical';
  if (interpolation !== 'spherical' && interpolation !== 'linear') {
    throw new InvalidOptionError('interpolation', `must be "spherical" or "linear", got ${JSON.stringify(interpolation)}`);
  }
  const maxBatch = options.maxBatch ?? 8;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new InvalidOptionError('maxBatch', `must be a positive integer, got ${String(maxBatch)}`);
  const seedFrom = parseSeed(options.from.seed, 'from.seed');
  const seedTo = parseSeed(options.to.seed, 'to.seed');
  const resolved = resolveOptions({ ...options, prompt: options.from.prompt, seed: seedFrom }, model.config);
  const toPrompt = resolveOptions({ ...options, prompt: options.to.prompt, seed: seedTo }, model.config).prompt;
  const { scheduler, replaced } = chooseScheduler(options.scheduler, model.config.schedulerConfig);
  const plan = planSteps(scheduler, resolved.steps);
  const latentShape = latentShapeFor(model, resolved.width, resolved.height);
  checkLatentSize(model, latentShape);
  if (options.signal?.aborted) throw new AbortError();
  const guided = guidanceNeedsUncond(resolved.guidanceScale);
  const conditioning = await conditionRun(model, resolved.prompt, guided ? resolved.negativePrompt : null, undefined);
  const condTo = toPrompt === resolved.prompt ? conditioning.cond : (await encodePrompts(model, [toPrompt]))[0]!.states;
  const noiseFrom = new TorchGenerator(seedFrom).randn(latentShape);
  const noiseTo = seedTo === seedFrom ? noiseFrom : new TorchGenerator(seedTo).randn(latentShape);
  const positions = walkPositions(frames);
  const cells: DenoiseCell[] = Array.from(positions, (t) => {
    const generator = new TorchGenerator(seedFrom);
    generator.randn(latentShape); // past the initial draw, as `generate` leaves it
    const noise = noiseTo === noiseFrom ? noiseFrom : (interpolation === 'spherical' ? slerp : lerp)(noiseFrom, noiseTo, t);
    const cond = condTo === conditioning.cond ? conditioning.cond : tensor(lerp(conditioning.cond.data, condTo.data, t), conditioning.cond.shape);
    return { initialLatent: scaleInitialNoise(noise, plan), generator, guidanceScale: resolved.guidanceScale, cond, uncond: conditioning.uncond };
  });
  const info: LatentWalkInfo = {
    ...resolved,
    modelId: model.id,
    promptTokens: conditioning.prompt,
    negativePromptTokens: conditioning.negativePrompt,
    schedulerClass: scheduler.className,
    schedulerConfig: scheduler.config,
    schedulerReplaced: replaced,
    plan,
    latentShape,
    initialLatent: { data: cells[0]!.initialLatent, shape: latentShape },
    providers: model.providers,
    to: { prompt: toPrompt, seed: seedTo },
    positions,
    noiseFrom: tensor(noiseFrom, latentShape),
    noiseTo: tensor(noiseTo, latentShape),
  };
  return { info, scheduler, cells, maxBatch };
}

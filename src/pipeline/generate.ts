import { AbortError } from '../errors.js';
import { guidanceNeedsUncond } from './math/guidance.js';
import type { Scheduler, TimestepPlan } from './math/schedulers/types.js';
import type { StepRecord } from './math/step-record.js';
import { tensor, type Tensor } from './math/tensor.js';
import { TorchGenerator } from './math/torch-random.js';
import type { ExecutionProvider } from './io/backend.js';
import type { ComponentName, DiffusionModel } from './model/diffusion-model.js';
import { denoiseCells } from './denoise.js';
import { resolveOptions, type GenerateOptions, type ResolvedOptions } from './generate-options.js';
import { chooseScheduler } from './scheduler-choice.js';
import { conditionRun, type Conditioning } from './text-conditioning.js';
import { assertUsable } from './model-guard.js';
import { InvalidOptionError } from '../errors.js';

/** Everything settled before the first step: for labels, recordings and reproducing the run. */
export interface GenerationInfo extends ResolvedOptions {
  readonly modelId: string;
  /** The prompt's tokens (`truncated`, `mappedWords`…); null when `encoderHiddenStates` was given. */
  readonly promptTokens: Conditioning['prompt'];
  readonly negativePromptTokens: Conditioning['negativePrompt'];
  /** The sampler's diffusers class and full config. */
  readonly schedulerClass: string;
  readonly schedulerConfig: Readonly<Record<string, unknown>>;
  /** The model's scheduler class when it was unsupported and DDIM stood in (SD 1.5's PNDM). */
  readonly schedulerReplaced: string | null;
  readonly plan: TimestepPlan;
  /** Latent shape [1, C, height/f, width/f]. */
  readonly latentShape: readonly number[];
  /** x_T: the initial latent (torch-compatible noise × initial σ). */
  readonly initialLatent: Tensor;
  /** Where each graph runs. */
  readonly providers: Readonly<Partial<Record<ComponentName, ExecutionProvider>>>;
}

/** A run: iterate it for its steps; `info` resolves once the prompt is encoded and the schedule set. */
export interface Generation extends AsyncIterable<StepRecord> {
  readonly info: Promise<GenerationInfo>;
}

/** The latent shape for an image size. */
export function latentShapeFor(model: DiffusionModel, width: number, height: number): number[] {
  const f = model.config.vaeScaleFactor;
  return [1, model.config.latentChannels, height / f, width / f];
}

/**
 * Refuses sizes the UNet graph cannot take: exports with fixed spatial dimensions (the pocket
 * model's 16×16 latents) only run at their native size.
 */
export function checkLatentSize(model: DiffusionModel, latentShape: readonly number[]): void {
  const declared = model.components.unet.graph['sample']!.shape;
  const f = model.config.vaeScaleFactor;
  (['height', 'width'] as const).forEach((field, i) => {
    const fixed = declared[2 + i];
    if (typeof fixed === 'number' && fixed > 0 && fixed !== latentShape[2 + i]) {
      throw new InvalidOptionError(field, `this model's UNet only takes ${fixed * f} pixels (${fixed} latent cells), got ${latentShape[2 + i]! * f}`);
    }
  });
}

/** Diffusers' prepare_latents: torch-compatible N(0, 1) noise from the seeded generator, times the initial σ. */
export function initialNoise(generator: TorchGenerator, shape: readonly number[], plan: TimestepPlan): Float32Array {
  const noise = generator.randn(shape);
  const sigma = Math.fround(plan.initNoiseSigma);
  if (sigma !== 1) for (let i = 0; i < noise.length; i++) noise[i] = Math.fround(noise[i]! * sigma);
  return noise;
}

interface Prepared {
  readonly info: GenerationInfo;
  readonly scheduler: Scheduler;
  readonly conditioning: Conditioning;
  readonly generator: TorchGenerator;
}

async function prepare(model: DiffusionModel, options: GenerateOptions): Promise<Prepared> {
  assertUsable(model);
  const resolved = resolveOptions(options, model.config);
  const { scheduler, replaced } = chooseScheduler(options.scheduler, model.config.schedulerConfig);
  const plan = scheduler.plan(resolved.steps);
  const latentShape = latentShapeFor(model, resolved.width, resolved.height);
  checkLatentSize(model, latentShape);
  if (options.signal?.aborted) throw new AbortError();
  const guided = guidanceNeedsUncond(resolved.guidanceScale);
  const conditioning = await conditionRun(model, resolved.prompt, guided ? resolved.negativePrompt : null, options.encoderHiddenStates);
  const generator = new TorchGenerator(resolved.seed);
  const initialLatent = tensor(initialNoise(generator, latentShape, plan), latentShape);
  return {
    scheduler,
    conditioning,
    generator,
    info: {
      ...resolved,
      modelId: model.id,
      promptTokens: conditioning.prompt,
      negativePromptTokens: conditioning.negativePrompt,
      schedulerClass: scheduler.className,
      schedulerConfig: scheduler.config,
      schedulerReplaced: replaced,
      plan,
      latentShape,
      initialLatent,
      providers: model.providers,
    },
  };
}

/**
 * Text-to-image, one step at a time: `for await (const step of generate(model, {prompt, seed}))`.
 * Each `StepRecord` holds fresh arrays the caller may keep (x_t, both noise predictions, x̂₀,
 * x_{t−1}). Guidance > 1 runs unconditional and conditional rows as one batched UNet call.
 * Aborting `signal` ends the run with an `AbortError` at the next step; bad options reject with
 * an `InvalidOptionError` naming the option. Nothing runs until iteration starts.
 */
export function generate(model: DiffusionModel, options: GenerateOptions): Generation {
  let resolveInfo!: (info: GenerationInfo) => void;
  let rejectInfo!: (error: unknown) => void;
  const info = new Promise<GenerationInfo>((resolve, reject) => {
    resolveInfo = resolve;
    rejectInfo = reject;
  });
  info.catch(() => undefined); // callers that only iterate get the error from the iterator
  async function* steps(): AsyncGenerator<StepRecord> {
    let prepared: Prepared;
    try {
      prepared = await prepare(model, options);
    } catch (error) {
      rejectInfo(error);
      throw error;
    }
    resolveInfo(prepared.info);
    const cell = {
      initialLatent: prepared.info.initialLatent.data,
      generator: prepared.generator,
      guidanceScale: prepared.info.guidanceScale,
      cond: prepared.conditioning.cond,
      uncond: prepared.conditioning.uncond,
    };
    const loop = denoiseCells(model.components.unet, prepared.scheduler, prepared.info.plan, [cell], prepared.info.latentShape, {
      ...(options.signal ? { signal: options.signal } : {}),
      batchLimit: 2,
    });
    for await (const [record] of loop) yield record!;
  }
  return { info, [Symbol.asyncIterator]: () => steps() };
}

/** Runs `generate` to the end and returns its info and every step. */
export async function generateAll(model: DiffusionModel, options: GenerateOptions): Promise<{ info: GenerationInfo; steps: StepRecord[] }> {
  const run = generate(model, options);
  const steps: StepRecord[] = [];
  for await (const step of run) steps.push(step);
  return { info: await run.info, steps };
}

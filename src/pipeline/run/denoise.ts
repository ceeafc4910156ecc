import { AbortError } from '../../errors.js';
import { combineGuidance, guidanceNeedsUncond } from '../math/guidance.js';
import type { Scheduler, SchedulerState, TimestepPlan } from '../math/schedulers/types.js';
import type { StepRecord } from '../math/step-record.js';
import { tensor, type Tensor } from '../math/tensor.js';
import type { TorchGenerator } from '../math/torch-random.js';
import { runUnet, runUnetWithOutputs, type Component } from '../model/components.js';

/** One image being denoised: its latent, its generator and what it is conditioned on. */
export interface DenoiseCell {
  /** x_T, already multiplied by the plan's initial noise σ. */
  readonly initialLatent: Float32Array;
  /** The run's generator, past the initial-noise draw (stochastic samplers keep drawing from it). */
  readonly generator: TorchGenerator;
  readonly guidanceScale: number;
  /** Prompt states [1, S, D]. */
  readonly cond: Tensor;
  /** Negative-prompt states [1, S, D]; needed when guidanceScale > 1. */
  readonly uncond: Tensor | null;
}

/** One UNet input row: a scaled latent with one set of states; `owner` is its cell. */
interface Row {
  readonly owner: number;
  readonly latent: Float32Array;
  readonly states: Tensor;
}

/** How many rows the UNet takes per call: its fixed batch size, or `limit` when the batch is dynamic. */
export function unetBatchLimit(unet: Component, limit: number): number {
  const batch = unet.graph['sample']!.shape[0];
  return typeof batch === 'number' && batch > 0 ? batch : limit;
}

function stack(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One row's prediction, plus its slice ([1, …]) of each extra UNet output the run asked for. */
interface RowPrediction {
  readonly noise: Float32Array;
  readonly extra: Record<string, Tensor> | null;
}

/**
 * Runs the rows through the UNet in as few calls as the batch limit allows; one prediction per row.
 * Extra outputs (attention maps) are asked for only when `extra` names some.
 */
async function predictRows(
  unet: Component,
  rows: readonly Row[],
  latentShape: readonly number[],
  timestep: number,
  limit: number,
  extra: readonly string[],
): Promise<RowPrediction[]> {
  const out: RowPrediction[] = [];
  const size = rows[0]!.latent.length;
  for (let start = 0; start < rows.length; start += limit) {
    const chunk = rows.slice(start, start + limit);
    const [, length, width] = chunk[0]!.states.shape;
    const sample = tensor(stack(chunk.map((r) => r.latent)), [chunk.length, ...latentShape.slice(1)]);
    const states = tensor(stack(chunk.map((r) => r.states.data)), [chunk.length, length!, width!]);
    const result = extra.length > 0 ? await runUnetWithOutputs(unet, sample, timestep, states, extra) : { noise: await runUnet(unet, sample, timestep, states), outputs: null };
    for (let i = 0; i < chunk.length; i++) {
      out.push({ noise: result.noise.data.slice(i * size, (i + 1) * size), extra: result.outputs && rowOfEach(result.outputs, i) });
    }
  }
  return out;
}

function rowOfEach(outputs: Record<string, Tensor>, row: number): Record<string, Tensor> {
  const mine: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(outputs)) {
    const size = value.data.length / value.shape[0]!;
    mine[name] = tensor(value.data.slice(row * size, (row + 1) * size), [1, ...value.shape.slice(1)]);
  }
  return mine;
}

/**
 * The denoising loop for one or more cells sharing a schedule, as diffusers runs it: per step,
 * scale each latent, predict noise for every cell (unconditional + conditional rows batched into
 * one UNet call when guidance is on), combine with guidance, and let the scheduler step with the
 * cell's generator. Yields every cell's `StepRecord` per step; all arrays are fresh copies. With
 * `extraOutputs`, each record also carries the conditional row's slice of those UNet outputs.
 */
export async function* denoiseCells(
  unet: Component,
  scheduler: Scheduler,
  plan: TimestepPlan,
  cells: readonly DenoiseCell[],
  latentShape: readonly number[],
  options: { signal?: AbortSignal; batchLimit: number; extraOutputs?: readonly string[] },
): AsyncGenerator<StepRecord[]> {
  const latents: Float32Array[] = cells.map((c) => Float32Array.from(c.initialLatent));
  const states: SchedulerState[] = cells.map(() => scheduler.initialState(plan));
  const limit = unetBatchLimit(unet, options.batchLimit);
  for (let index = 0; index < plan.numInferenceSteps; index++) {
    if (options.signal?.aborted) throw new AbortError();
    const timestep = plan.timesteps[index]!;
    const rows: Row[] = [];
    cells.forEach((cell, owner) => {
      const scaled = scheduler.scaleModelInput(plan, states[owner]!, latents[owner]!);
      if (guidanceNeedsUncond(cell.guidanceScale)) rows.push({ owner, latent: scaled, states: cell.uncond! });
      rows.push({ owner, latent: scaled, states: cell.cond });
    });
    const predictions = await predictRows(unet, rows, latentShape, timestep, limit, options.extraOutputs ?? []);
    if (options.signal?.aborted) throw new AbortError();
    const records = cells.map((cell, owner): StepRecord => {
      const own = predictions.filter((_, i) => rows[i]!.owner === owner);
      const mine = own.map((p) => tensor(p.noise, latentShape));
      const condExtra = own[own.length - 1]!.extra;
      const guided = combineGuidance(mine.length === 2 ? mine[0]! : null, mine[mine.length - 1]!, cell.guidanceScale);
      const latentIn = latents[owner]!;
      const result = scheduler.step(plan, states[owner]!, guided.noisePred.data, latentIn, cell.generator);
      states[owner] = result.state;
      latents[owner] = result.prevSample;
      return {
        index,
        totalSteps: plan.numInferenceSteps,
        timestep,
        sigma: plan.sigmas[index]!,
        alphaCumprod: plan.alphasCumprod[index]!,
        ...guided,
        latentIn: tensor(Float32Array.from(latentIn), latentShape),
        predictedOriginal: tensor(Float32Array.from(result.predOriginalSample), latentShape),
        latentOut: tensor(Float32Array.from(result.prevSample), latentShape),
        ...(condExtra ? { unetOutputs: condExtra } : {}),
      };
    });
    yield records;
  }
}

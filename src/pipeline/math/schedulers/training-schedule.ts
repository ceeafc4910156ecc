import { f32, torchLinspaceFloat32 } from './numeric.js';

/** The beta schedules diffusers' `beta_schedule` names that this library implements. */
export type BetaSchedule = 'linear' | 'scaled_linear' | 'squaredcos_cap_v2';

/** What fixes the training noise schedule (the diffusers keys, in our spelling). */
export interface TrainingScheduleSpec {
  readonly numTrainTimesteps: number;
  readonly betaStart: number;
  readonly betaEnd: number;
  readonly betaSchedule: BetaSchedule;
  /** Explicit betas; when present they win over `betaSchedule`, as in diffusers. */
  readonly trainedBetas: readonly number[] | null;
  readonly rescaleBetasZeroSnr: boolean;
}

/** ᾱ(t) of the "Glide cosine" schedule (Nichol & Dhariwal 2021), t ∈ [0, 1]. */
function cosineAlphaBar(t: number): number {
  return Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
}

/** Betas from the cosine ᾱ(t), each capped at 0.999 to keep the last steps finite. */
function cosineBetas(count: number): Float32Array {
  const betas = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const ratio = cosineAlphaBar((i + 1) / count) / cosineAlphaBar(i / count);
    betas[i] = Math.min(1 - ratio, 0.999);
  }
  return betas;
}

/** Running product of 1 − β in float32 storage (torch accumulates it in float64 on CPU). */
function cumprodOfOneMinus(betas: Float32Array): Float32Array {
  const out = new Float32Array(betas.length);
  let product = 1;
  for (let i = 0; i < betas.length; i++) {
    product *= f32(1 - betas[i]!);
    out[i] = product;
  }
  return out;
}

/**
 * Rescales betas so the last timestep has zero signal (Lin et al. 2023, "Common Diffusion
 * Noise Schedules and Sample Steps are Flawed", Algorithm 1): shift √ᾱ so it ends at 0, scale
 * so it starts where it did, and turn it back into betas. Float32 throughout, like torch.
 */
export function rescaleZeroTerminalSnr(betas: Float32Array): Float32Array {
  const rootAlphaBar = cumprodOfOneMinus(betas).map(Math.sqrt);
  const first = rootAlphaBar[0]!;
  const last = rootAlphaBar[rootAlphaBar.length - 1]!;
  const scale = f32(first / f32(first - last));
  const alphaBar = rootAlphaBar.map((value) => {
    const rescaled = f32(f32(value - last) * scale);
    return f32(rescaled * rescaled);
  });
  return alphaBar.map((value, i) => f32(1 - (i === 0 ? value : f32(value / alphaBar[i - 1]!))));
}

/** The training betas (float32), from explicit betas or the named schedule. */
export function trainingBetas(spec: TrainingScheduleSpec): Float32Array {
  let betas: Float32Array;
  if (spec.trainedBetas) betas = Float32Array.from(spec.trainedBetas);
  else if (spec.betaSchedule === 'linear') {
    betas = torchLinspaceFloat32(spec.betaStart, spec.betaEnd, spec.numTrainTimesteps);
  } else if (spec.betaSchedule === 'scaled_linear') {
    // Linear in √β, as Stable Diffusion was trained.
    betas = torchLinspaceFloat32(Math.sqrt(spec.betaStart), Math.sqrt(spec.betaEnd), spec.numTrainTimesteps)
      .map((root) => f32(root * root));
  } else betas = cosineBetas(spec.numTrainTimesteps);
  return spec.rescaleBetasZeroSnr ? rescaleZeroTerminalSnr(betas) : betas;
}

/**
 * ᾱ_t = ∏(1 − β) over the training timesteps, as float32 values. σ-space schedulers pass
 * `floorLastToFloat32Epsilon` with zero-SNR betas: diffusers then sets the last ᾱ to 2⁻²⁴ so
 * that σ stays finite.
 */
export function trainingAlphasCumprod(spec: TrainingScheduleSpec, floorLastToFloat32Epsilon = false): Float64Array {
  const alphasCumprod = Float64Array.from(cumprodOfOneMinus(trainingBetas(spec)));
  if (floorLastToFloat32Epsilon && spec.rescaleBetasZeroSnr) alphasCumprod[alphasCumprod.length - 1] = 2 ** -24;
  return alphasCumprod;
}

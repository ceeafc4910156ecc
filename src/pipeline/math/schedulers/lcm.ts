import { InvalidOptionError } from '../../../errors.js';
import { BaseScheduler, stepOutput } from './base.js';
import type { ResolvedSchedulerConfig } from './config.js';
import { f32, numpyLinspace } from './numeric.js';
import { clipInPlace, denoise } from './prediction.js';
import { checkStepCount, checkStepInputs, drawNoise } from './step-inputs.js';
import type { NoiseSource, SchedulerState, StepOutput, TimestepPlan } from './types.js';

/** Consistency-model boundary condition: c_skip → 1 and c_out → 0 as t → 0 (σ_data = 0.5). */
function boundaryScalings(timestep: number, timestepScaling: number): { skip: number; out: number } {
  const scaled = f32(timestep * timestepScaling);
  const denominator = f32(f32(scaled * scaled) + 0.25);
  return { skip: f32(0.25 / denominator), out: f32(scaled / f32(Math.sqrt(denominator))) };
}

/**
 * Latent Consistency Models (Luo et al. 2023): each step maps x_t straight to a clean estimate
 * ("denoised" = c_out·x̂₀ + c_skip·x_t), then re-noises it to the next planned timestep with
 * fresh noise, except after the last step. The timesteps are a subset of the
 * `original_inference_steps` schedule the model was distilled on, so `timestep_spacing` and
 * `steps_offset` play no part; nor does `set_alpha_to_one` (diffusers' LCM never steps past
 * its last planned timestep). `predOriginalSample` is the denoised estimate.
 */
export class LcmScheduler extends BaseScheduler {
  constructor(resolved: ResolvedSchedulerConfig) {
    super(resolved, false);
  }

  plan(numInferenceSteps: number): TimestepPlan {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    const originalSteps = this.config.original_inference_steps as number;
    if (numInferenceSteps > originalSteps) {
      throw new InvalidOptionError('numInferenceSteps', `must not exceed original_inference_steps (${originalSteps}), got ${numInferenceSteps}`);
    }
    const stride = Math.floor(this.numTrainTimesteps / originalSteps);
    // The distillation schedule, largest first: originalSteps·k − 1, …, 2k − 1, k − 1.
    const distilled = Float64Array.from({ length: originalSteps }, (_, i) => (originalSteps - i) * stride - 1);
    const picks = numpyLinspace(0, originalSteps, numInferenceSteps, false);
    return this.alphaSpacePlan(picks.map((position) => distilled[Math.floor(position)]!));
  }

  step(plan: TimestepPlan, state: SchedulerState, modelOutput: Float32Array, sample: Float32Array, noise?: NoiseSource): StepOutput {
    checkStepInputs(plan, state, modelOutput, sample);
    const index = state.stepIndex;
    const t = plan.timesteps[index]!;
    const isLast = index === plan.numInferenceSteps - 1;
    const alphaBar = this.alphasCumprod[t]!;
    const { skip, out } = boundaryScalings(t, this.config.timestep_scaling as number);
    const original = clipInPlace(denoise(this.predictionType, modelOutput, sample, alphaBar).original,
      this.config.clip_sample as boolean, this.config.clip_sample_range as number);
    const denoised = original.map((x0, i) => f32(out * x0) + f32(skip * sample[i]!));
    if (isLast) return stepOutput(denoised, denoised, { stepIndex: index + 1 });

    const alphaBarNext = this.alphasCumprod[plan.timesteps[index + 1]!]!;
    const signal = f32(Math.sqrt(alphaBarNext));
    const spread = f32(Math.sqrt(f32(1 - alphaBarNext)));
    const draw = drawNoise(noise, this.className, sample.length);
    const prev = denoised.map((x, i) => f32(signal * x) + f32(spread * draw[i]!));
    return stepOutput(prev, denoised, { stepIndex: index + 1 });
  }
}

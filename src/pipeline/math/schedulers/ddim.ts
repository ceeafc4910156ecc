import { BaseScheduler, stepOutput } from './base.js';
import type { ResolvedSchedulerConfig } from './config.js';
import { f32 } from './numeric.js';
import { clipInPlace, denoise } from './prediction.js';
import { checkStepCount, checkStepInputs, drawNoise } from './step-inputs.js';
import { spacedTimesteps } from './timesteps.js';
import type { NoiseSource, SchedulerState, StepOutput, TimestepPlan } from './types.js';

/**
 * DDIM (Song et al. 2020, eqs. 12 and 16): x_{t−1} = √ᾱ_{t−1}·x̂₀ + √(1−ᾱ_{t−1}−σ²)·ε̂ + σ·z
 * with σ = η·√((1−ᾱ_{t−1})/(1−ᾱ_t))·√(1−ᾱ_t/ᾱ_{t−1}). η = 0 is deterministic; η = 1 matches
 * DDPM's variance.
 *
 * η is the config key `eta` (default 0), our extension: diffusers passes it to each `step()`
 * call instead. With η > 0 every step draws noise, the last one included, as diffusers does.
 */
export class DdimScheduler extends BaseScheduler {
  /** η, the share of DDPM noise re-injected at each step. */
  readonly eta: number;
  /** ᾱ "before" the first training step: 1, or ᾱ₀ when `set_alpha_to_one` is false. */
  private readonly finalAlphaCumprod: number;

  constructor(resolved: ResolvedSchedulerConfig) {
    super(resolved, false);
    this.eta = resolved.config.eta as number;
    this.finalAlphaCumprod = resolved.config.set_alpha_to_one ? 1 : this.alphasCumprod[0]!;
  }

  plan(numInferenceSteps: number): TimestepPlan {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    return this.alphaSpacePlan(spacedTimesteps(this.spacing, numInferenceSteps));
  }

  step(plan: TimestepPlan, state: SchedulerState, modelOutput: Float32Array, sample: Float32Array, noise?: NoiseSource): StepOutput {
    checkStepInputs(plan, state, modelOutput, sample);
    const t = plan.timesteps[state.stepIndex]!;
    // diffusers steps back by ⌊T/n⌋, which is not always the next planned timestep.
    const prevT = t - Math.floor(this.numTrainTimesteps / plan.numInferenceSteps);
    const alphaBar = this.alphasCumprod[t]!;
    const alphaBarPrev = prevT >= 0 ? this.alphasCumprod[prevT]! : this.finalAlphaCumprod;
    const betaBar = f32(1 - alphaBar);
    const betaBarPrev = f32(1 - alphaBarPrev);

    const { original, epsilon } = denoise(this.predictionType, modelOutput, sample, alphaBar);
    clipInPlace(original, this.config.clip_sample as boolean, this.config.clip_sample_range as number);
    const variance = f32(f32(betaBarPrev / betaBar) * f32(1 - f32(alphaBar / alphaBarPrev)));
    const deviation = f32(this.eta * f32(Math.sqrt(variance)));
    const directionWeight = f32(Math.sqrt(f32(betaBarPrev - f32(deviation * deviation))));
    const originalWeight = f32(Math.sqrt(alphaBarPrev));
    const prev = original.map((x0, i) => f32(originalWeight * x0) + f32(directionWeight * epsilon[i]!));

    if (this.eta > 0) {
      const draw = drawNoise(noise, this.className, sample.length);
      for (let i = 0; i < prev.length; i++) prev[i] = prev[i]! + f32(deviation * draw[i]!);
    }
    return stepOutput(prev, original, { stepIndex: state.stepIndex + 1 });
  }
}

import { BaseScheduler, stepOutput } from './base.js';
import type { ResolvedSchedulerConfig } from './config.js';
import { f32 } from './numeric.js';
import { clipInPlace, denoise } from './prediction.js';
import { checkStepCount, checkStepInputs, drawNoise } from './step-inputs.js';
import { spacedTimesteps } from './timesteps.js';
import type { NoiseSource, SchedulerState, StepOutput, TimestepPlan } from './types.js';

/**
 * DDPM (Ho et al. 2020): ancestral sampling of the posterior q(x_{t−1} | x_t, x̂₀), with the
 * "fixed small" variance β̃ = (1−ᾱ_{t−1})/(1−ᾱ_t)·β_t. Draws fresh noise at every step but
 * the one that lands on t = 0.
 */
export class DdpmScheduler extends BaseScheduler {
  constructor(resolved: ResolvedSchedulerConfig) {
    super(resolved, false);
  }

  plan(numInferenceSteps: number): TimestepPlan {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    return this.alphaSpacePlan(spacedTimesteps(this.spacing, numInferenceSteps));
  }

  step(plan: TimestepPlan, state: SchedulerState, modelOutput: Float32Array, sample: Float32Array, noise?: NoiseSource): StepOutput {
    checkStepInputs(plan, state, modelOutput, sample);
    const index = state.stepIndex;
    const t = plan.timesteps[index]!;
    const alphaBar = this.alphasCumprod[t]!;
    const alphaBarPrev = index + 1 < plan.numInferenceSteps ? this.alphasCumprod[plan.timesteps[index + 1]!]! : 1;
    const betaBar = f32(1 - alphaBar);
    const betaBarPrev = f32(1 - alphaBarPrev);
    const alpha = f32(alphaBar / alphaBarPrev); // the one-step α over this (possibly long) stride
    const beta = f32(1 - alpha);

    const original = clipInPlace(denoise(this.predictionType, modelOutput, sample, alphaBar).original,
      this.config.clip_sample as boolean, this.config.clip_sample_range as number);
    // Posterior mean: a blend of x̂₀ and x_t (eq. 7 of the DDPM paper).
    const originalWeight = f32(f32(f32(Math.sqrt(alphaBarPrev)) * beta) / betaBar);
    const sampleWeight = f32(f32(f32(Math.sqrt(alpha)) * betaBarPrev) / betaBar);
    const prev = original.map((x0, i) => f32(originalWeight * x0) + f32(sampleWeight * sample[i]!));

    if (t > 0) {
      const variance = Math.max(f32(f32(betaBarPrev / betaBar) * beta), 1e-20);
      const deviation = f32(Math.sqrt(variance));
      const draw = drawNoise(noise, this.className, sample.length);
      for (let i = 0; i < prev.length; i++) prev[i] = prev[i]! + f32(deviation * draw[i]!);
    }
    return stepOutput(prev, original, { stepIndex: index + 1 });
  }
}

import { BaseScheduler, stepOutput } from './base.js';
import type { ResolvedSchedulerConfig } from './config.js';
import { f32, interpAtIndex } from './numeric.js';
import { eulerInitNoiseSigma, originalAtSigma, scaleBySigma, sigmaSpacePlan } from './sigma-space.js';
import { trainingSigmas } from './sigmas.js';
import { checkStepCount, checkStepInputs, drawNoise } from './step-inputs.js';
import { spacedTimesteps } from './timesteps.js';
import type { NoiseSource, SchedulerState, StepOutput, TimestepPlan } from './types.js';

/**
 * Euler ancestral: each step goes from σ to σ' by splitting σ'² into a deterministic part
 * σ_down² (an Euler step down to σ_down) and fresh noise σ_up² = σ'²(σ² − σ'²)/σ². Draws
 * noise at every step, the last one included (where σ_up = 0), exactly as diffusers does.
 */
export class EulerAncestralScheduler extends BaseScheduler {
  constructor(resolved: ResolvedSchedulerConfig) {
    super(resolved, true);
  }

  plan(numInferenceSteps: number): TimestepPlan {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    const timesteps = spacedTimesteps(this.spacing, numInferenceSteps, false);
    this.checkTimesteps(timesteps);
    const training = trainingSigmas(this.alphasCumprod);
    const plan = sigmaSpacePlan(timesteps, timesteps.map((t) => interpAtIndex(t, training)), 0);
    return { ...plan, initNoiseSigma: eulerInitNoiseSigma(plan.sigmas, this.config.timestep_spacing) };
  }

  override scaleModelInput(plan: TimestepPlan, state: SchedulerState, sample: Float32Array): Float32Array {
    return scaleBySigma(plan, state, sample);
  }

  step(plan: TimestepPlan, state: SchedulerState, modelOutput: Float32Array, sample: Float32Array, noise?: NoiseSource): StepOutput {
    checkStepInputs(plan, state, modelOutput, sample);
    const sigma = plan.sigmas[state.stepIndex]!;
    const next = plan.sigmas[state.stepIndex + 1]!;
    const sigmaSquared = f32(sigma * sigma);
    const nextSquared = f32(next * next);
    const sigmaUp = f32(Math.sqrt(f32(f32(nextSquared * f32(sigmaSquared - nextSquared)) / sigmaSquared)));
    const sigmaDown = f32(Math.sqrt(f32(nextSquared - f32(sigmaUp * sigmaUp))));
    const dt = f32(sigmaDown - sigma);
    const original = originalAtSigma(this.predictionType, modelOutput, sample, sigma);
    const draw = drawNoise(noise, this.className, sample.length);
    const prev = original.map((x0, i) => {
      const derivative = f32(f32(sample[i]! - x0) / sigma);
      return f32(sample[i]! + f32(derivative * dt)) + f32(draw[i]! * sigmaUp);
    });
    return stepOutput(prev, original, { stepIndex: state.stepIndex + 1 });
  }
}

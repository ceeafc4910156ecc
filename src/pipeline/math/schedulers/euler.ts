import { BaseScheduler, stepOutput } from './base.js';
import type { ResolvedSchedulerConfig } from './config.js';
import { f32, interpAtIndex } from './numeric.js';
import { eulerInitNoiseSigma, originalAtSigma, scaleBySigma, sigmaSpacePlan } from './sigma-space.js';
import { karrasSigmas, logOfSigmas, timestepOfSigma, trainingSigmas } from './sigmas.js';
import { checkStepCount, checkStepInputs } from './step-inputs.js';
import { spacedTimesteps } from './timesteps.js';
import type { SchedulerState, StepOutput, TimestepPlan } from './types.js';

/**
 * Euler's method on the probability-flow ODE in σ (Karras et al. 2022, Algorithm 1 without
 * churn): x_{σ'} = x_σ + (σ' − σ)·(x_σ − x̂₀)/σ. Deterministic. Optional Karras σ spacing.
 */
export class EulerScheduler extends BaseScheduler {
  constructor(resolved: ResolvedSchedulerConfig) {
    super(resolved, true);
  }

  plan(numInferenceSteps: number): TimestepPlan {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    let timesteps = spacedTimesteps(this.spacing, numInferenceSteps, false);
    this.checkTimesteps(timesteps);
    const training = trainingSigmas(this.alphasCumprod);
    let sigmas: Float64Array = timesteps.map((t) => interpAtIndex(t, training));
    if (this.config.use_karras_sigmas) {
      const sigmaMin = (this.config.sigma_min as number | null) ?? sigmas[sigmas.length - 1]!;
      const sigmaMax = (this.config.sigma_max as number | null) ?? sigmas[0]!;
      sigmas = karrasSigmas(sigmaMin, sigmaMax, numInferenceSteps);
      const logSigmas = logOfSigmas(training);
      timesteps = sigmas.map((sigma) => f32(timestepOfSigma(sigma, logSigmas)));
    }
    const plan = sigmaSpacePlan(timesteps, sigmas, 0);
    return { ...plan, initNoiseSigma: eulerInitNoiseSigma(plan.sigmas, this.config.timestep_spacing) };
  }

  override scaleModelInput(plan: TimestepPlan, state: SchedulerState, sample: Float32Array): Float32Array {
    return scaleBySigma(plan, state, sample);
  }

  step(plan: TimestepPlan, state: SchedulerState, modelOutput: Float32Array, sample: Float32Array): StepOutput {
    checkStepInputs(plan, state, modelOutput, sample);
    const sigma = plan.sigmas[state.stepIndex]!;
    const dt = f32(plan.sigmas[state.stepIndex + 1]! - sigma);
    const original = originalAtSigma(this.predictionType, modelOutput, sample, sigma);
    const prev = original.map((x0, i) => {
      const derivative = f32(f32(sample[i]! - x0) / sigma);
      return sample[i]! + f32(derivative * dt);
    });
    return stepOutput(prev, original, { stepIndex: state.stepIndex + 1 });
  }
}

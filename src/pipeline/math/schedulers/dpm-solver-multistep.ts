import { BaseScheduler, stepOutput } from './base.js';
import type { ResolvedSchedulerConfig } from './config.js';
import { f32, interpAtIndex, roundHalfEven } from './numeric.js';
import { sigmaSpacePlan } from './sigma-space.js';
import { karrasSigmas, logOfSigmas, timestepOfSigma, trainingSigmas } from './sigmas.js';
import { checkStepCount, checkStepInputs } from './step-inputs.js';
import { spacedTimestepsDropLast } from './timesteps.js';
import type { SchedulerState, StepOutput, TimestepPlan } from './types.js';

/** DPM-Solver's per-run memory: the previous step's x̂₀, for the second-order update. */
export interface DpmSolverState extends SchedulerState {
  readonly previousOriginal: Float32Array | null;
}

/** α_t, σ_t (variance-preserving) and the log-SNR λ = log α − log σ at Karras σ. */
function levels(sigma: number): { alpha: number; sigma: number; lambda: number } {
  const alpha = f32(1 / f32(Math.sqrt(f32(f32(sigma * sigma) + 1))));
  const noise = f32(sigma * alpha);
  return { alpha, sigma: noise, lambda: f32(f32(Math.log(alpha)) - f32(Math.log(noise))) };
}

/**
 * DPM-Solver++ multistep (Lu et al. 2022), data-prediction form, orders 1 and 2 with the
 * midpoint rule. First order is DDIM in λ: x_t = (σ_t/σ_s)·x_s − α_t(e^{−h} − 1)·x̂₀. Second
 * order adds a finite-difference correction from the previous x̂₀. The first step, and the
 * last (which lands on σ = 0), are first order, as in diffusers with `final_sigmas_type` "zero".
 */
export class DpmSolverMultistepScheduler extends BaseScheduler {
  constructor(resolved: ResolvedSchedulerConfig) {
    super(resolved, true);
  }

  plan(numInferenceSteps: number): TimestepPlan {
    checkStepCount(numInferenceSteps, this.numTrainTimesteps);
    let timesteps = spacedTimestepsDropLast(this.spacing, numInferenceSteps);
    this.checkTimesteps(timesteps, true);
    const training = trainingSigmas(this.alphasCumprod);
    let sigmas: Float64Array = timesteps.map((t) => interpAtIndex(t, training));
    if (this.config.use_karras_sigmas) {
      sigmas = karrasSigmas(training[0]!, training[training.length - 1]!, numInferenceSteps);
      const logSigmas = logOfSigmas(training);
      // diffusers rounds the matching timesteps, except under the cosine schedule where it
      // truncates them when storing as integers.
      const round = this.config.beta_schedule === 'squaredcos_cap_v2' ? Math.trunc : roundHalfEven;
      timesteps = sigmas.map((sigma) => round(timestepOfSigma(sigma, logSigmas)));
    }
    return sigmaSpacePlan(timesteps, sigmas, 1);
  }

  override initialState(_plan: TimestepPlan): DpmSolverState {
    return { stepIndex: 0, previousOriginal: null };
  }

  step(plan: TimestepPlan, state: SchedulerState, modelOutput: Float32Array, sample: Float32Array): StepOutput {
    checkStepInputs(plan, state, modelOutput, sample);
    const index = state.stepIndex;
    const from = levels(plan.sigmas[index]!);
    const to = levels(plan.sigmas[index + 1]!);
    const original = this.dataPrediction(modelOutput, sample, from);
    const previous = (state as Partial<DpmSolverState>).previousOriginal ?? null;
    const firstOrder = this.config.solver_order === 1 || index === 0 || previous === null
      || index === plan.numInferenceSteps - 1;

    const h = f32(to.lambda - from.lambda);
    const sampleWeight = f32(to.sigma / from.sigma);
    const originalWeight = f32(to.alpha * f32(f32(Math.exp(-h)) - 1));
    let correction: ((i: number) => number) | null = null;
    if (!firstOrder) {
      const before = levels(plan.sigmas[index - 1]!);
      const ratio = f32(f32(from.lambda - before.lambda) / h);
      const weight = f32(0.5 * originalWeight);
      correction = (i) => weight * f32(f32(1 / ratio) * f32(original[i]! - previous![i]!));
    }
    const prev = new Float64Array(sample.length);
    for (let i = 0; i < prev.length; i++) {
      const firstOrderPart = f32(f32(sampleWeight * sample[i]!) - f32(originalWeight * original[i]!));
      prev[i] = correction ? firstOrderPart - f32(correction(i)) : firstOrderPart;
    }
    const next: DpmSolverState = { stepIndex: index + 1, previousOriginal: original };
    return stepOutput(prev, original, next);
  }

  /** x̂₀ from the model output (DPM-Solver++ works on data predictions). */
  private dataPrediction(modelOutput: Float32Array, sample: Float32Array, at: { alpha: number; sigma: number }): Float32Array {
    return sample.map((x, i) => {
      const out = modelOutput[i]!;
      if (this.predictionType === 'epsilon') return f32(x - f32(at.sigma * out)) / at.alpha;
      if (this.predictionType === 'v_prediction') return f32(at.alpha * x) - f32(at.sigma * out);
      return out;
    });
  }
}

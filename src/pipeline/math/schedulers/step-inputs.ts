import { InvalidOptionError } from '../../../errors.js';
import type { NoiseSource, SchedulerState, TimestepPlan } from './types.js';

/** Refuses step counts diffusers would refuse (or mis-handle): integers in [1, limit]. */
export function checkStepCount(numInferenceSteps: number, limit: number, limitName = 'num_train_timesteps'): void {
  if (!Number.isInteger(numInferenceSteps) || numInferenceSteps < 1 || numInferenceSteps > limit) {
    throw new InvalidOptionError('numInferenceSteps', `must be an integer in [1, ${limit}] (${limitName}), got ${numInferenceSteps}`);
  }
}

/** Checks the arguments of `step`: a state inside the plan, matching finite arrays. */
export function checkStepInputs(plan: TimestepPlan, state: SchedulerState, modelOutput: Float32Array, sample: Float32Array): void {
  if (!Number.isInteger(state.stepIndex) || state.stepIndex < 0 || state.stepIndex >= plan.numInferenceSteps) {
    throw new InvalidOptionError('state', `step ${state.stepIndex} is outside the plan's ${plan.numInferenceSteps} steps`);
  }
  if (modelOutput.length !== sample.length) {
    throw new InvalidOptionError('modelOutput', `has ${modelOutput.length} values, the sample has ${sample.length}`);
  }
  for (const [field, values] of [['modelOutput', modelOutput], ['sample', sample]] as const) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new InvalidOptionError(field, `value ${i} is ${values[i]}`);
    }
  }
}

/**
 * One noise draw for a stochastic step. diffusers draws `torch.randn(model_output.shape)`;
 * torch's normal stream depends only on the element count, so a flat shape gives the same
 * values.
 */
export function drawNoise(noise: NoiseSource | undefined, className: string, length: number): Float32Array {
  if (!noise) throw new InvalidOptionError('noise', `${className} draws noise at this step; pass a NoiseSource (e.g. a seeded TorchGenerator)`);
  const values = noise.randn([length]);
  if (values.length !== length) throw new InvalidOptionError('noise', `returned ${values.length} values, expected ${length}`);
  return values;
}

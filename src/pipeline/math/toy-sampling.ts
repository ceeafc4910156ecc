import type { GaussianToyModel } from './gaussian-toy.js';
import type { Scheduler, TimestepPlan } from './schedulers/types.js';
import { TorchGenerator } from './torch-random.js';

/** Every intermediate of a toy sampling run, one Float32Array of `count` values per step. */
export interface ToySamplingRun {
  readonly plan: TimestepPlan;
  /** x_t before each step, then the final sample: `steps + 1` arrays. */
  readonly samples: readonly Float32Array[];
  /** x̂₀ predicted at each step: `steps` arrays. */
  readonly predictedOriginals: readonly Float32Array[];
}

/**
 * Runs a full sampling loop of `scheduler` on the Gaussian toy model for `count` independent
 * scalar samples: the same loop a diffusion pipeline runs, with the exact optimal denoiser
 * standing in for the network. Noise comes from a torch-compatible generator seeded by `seed`
 * (initial noise first, then any noise the scheduler draws), as diffusers orders the draws.
 */
export function runToySampling(
  scheduler: Scheduler,
  model: GaussianToyModel,
  options: { steps: number; count: number; seed: number | bigint },
): ToySamplingRun {
  const plan = scheduler.plan(options.steps);
  const generator = new TorchGenerator(options.seed);
  let sample: Float32Array = generator.randn([options.count]).map((value) => value * plan.initNoiseSigma);
  let state = scheduler.initialState(plan);
  const samples = [sample];
  const predictedOriginals: Float32Array[] = [];
  for (let index = 0; index < plan.numInferenceSteps; index++) {
    const modelInput = scheduler.scaleModelInput(plan, state, sample);
    const modelOutput = model.predict(modelInput, plan.alphasCumprod[index]!);
    const output = scheduler.step(plan, state, modelOutput, sample, generator);
    sample = output.prevSample;
    state = output.state;
    samples.push(sample);
    predictedOriginals.push(output.predOriginalSample);
  }
  return { plan, samples, predictedOriginals };
}

import { InvalidOptionError } from '../../../errors.js';
import { trainingScheduleOf, type ResolvedSchedulerConfig } from './config.js';
import { SchedulerConfigError } from './errors.js';
import type { PredictionType } from './prediction.js';
import { sigmaOfAlphaCumprod } from './sigmas.js';
import { trainingAlphasCumprod } from './training-schedule.js';
import { maxLeadingSteps, type SpacingSpec, type TimestepSpacing } from './timesteps.js';
import type { NoiseSource, Scheduler, SchedulerClassName, SchedulerState, StepOutput, TimestepPlan } from './types.js';

/**
 * What every scheduler shares: the resolved config, the training ᾱ schedule, `addNoise`, and
 * an identity `scaleModelInput` (only Euler-type schedulers rescale the model input).
 */
export abstract class BaseScheduler implements Scheduler {
  readonly className: SchedulerClassName;
  readonly config: Readonly<Record<string, unknown>>;
  readonly numTrainTimesteps: number;
  readonly alphasCumprod: Float64Array;
  /** How the model's output is read (diffusers' `prediction_type`). */
  readonly predictionType: PredictionType;

  /** `floorLastAlpha`: σ-space schedulers keep σ finite under zero-SNR betas (ᾱ_T = 2⁻²⁴). */
  protected constructor(resolved: ResolvedSchedulerConfig, floorLastAlpha: boolean) {
    this.className = resolved.className;
    this.config = resolved.config;
    const training = trainingScheduleOf(resolved.config);
    this.numTrainTimesteps = training.numTrainTimesteps;
    this.alphasCumprod = trainingAlphasCumprod(training, floorLastAlpha);
    const prediction = resolved.config.prediction_type;
    this.predictionType = prediction === 'original_sample' ? 'sample' : (prediction as PredictionType);
  }

  abstract plan(numInferenceSteps: number): TimestepPlan;

  abstract step(plan: TimestepPlan, state: SchedulerState, modelOutput: Float32Array, sample: Float32Array, noise?: NoiseSource): StepOutput;

  /** A fresh run: no steps taken. */
  initialState(_plan: TimestepPlan): SchedulerState {
    return { stepIndex: 0 };
  }

  /** The latent as the model should see it (unchanged for ᾱ-space schedulers). */
  scaleModelInput(_plan: TimestepPlan, _state: SchedulerState, sample: Float32Array): Float32Array {
    return sample;
  }

  /**
   * √ᾱ_t·x₀ + √(1−ᾱ_t)·ε at integer training timestep t (diffusers' DDPM `add_noise`, used the
   * same way for every class here).
   * @throws InvalidOptionError (`timestep`, `noise`) for a timestep outside the training range
   *   or arrays of different lengths.
   */
  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    if (!Number.isInteger(timestep) || timestep < 0 || timestep >= this.numTrainTimesteps) {
      throw new InvalidOptionError('timestep', `must be an integer training timestep in [0, ${this.numTrainTimesteps - 1}], got ${timestep}`);
    }
    if (noise.length !== original.length) throw new InvalidOptionError('noise', `has ${noise.length} values, the sample has ${original.length}`);
    const alphaBar = this.alphasCumprod[timestep]!;
    const signal = Math.fround(Math.sqrt(alphaBar));
    const spread = Math.fround(Math.sqrt(Math.fround(1 - alphaBar)));
    return original.map((x, i) => signal * x + spread * noise[i]!);
  }

  /** The spacing inputs of this config. */
  protected get spacing(): SpacingSpec {
    return {
      spacing: this.config.timestep_spacing as TimestepSpacing,
      numTrainTimesteps: this.numTrainTimesteps,
      stepsOffset: this.config.steps_offset as number,
    };
  }

  /**
   * Timesteps past the training range come from `steps_offset` under `leading` spacing: with
   * too many steps for the offset (a `numInferenceSteps` error giving the range), or with an
   * offset no step count survives (a config error). `dropLast`: DPM-Solver's spacing.
   */
  protected checkTimesteps(timesteps: Float64Array, dropLast = false): void {
    const last = this.numTrainTimesteps - 1;
    const outside = timesteps.find((t) => t > last || t < 0);
    if (outside === undefined) return;
    const spacing = this.spacing;
    const most = spacing.spacing === 'leading' ? maxLeadingSteps(spacing, dropLast) : 0;
    if (most >= 1) {
      throw new InvalidOptionError('numInferenceSteps',
        `must be an integer in [1, ${most}] with this scheduler config, got ${timesteps.length}: "leading" spacing with ` +
        `steps_offset ${spacing.stepsOffset} would start ${timesteps.length} steps at timestep ${outside}, past the last training timestep ${last}`);
    }
    throw new SchedulerConfigError('invalid-config-value', 'steps_offset', `puts timestep ${outside} outside the training range [0, ${last}]`);
  }

  /** A plan for the ᾱ-space schedulers (DDPM, DDIM, LCM): σ derived from ᾱ, ending at 0. */
  protected alphaSpacePlan(timesteps: Float64Array): TimestepPlan {
    this.checkTimesteps(timesteps);
    const alphasCumprod = timesteps.map((t) => this.alphasCumprod[t]!);
    const sigmas = new Float64Array(timesteps.length + 1);
    alphasCumprod.forEach((alphaBar, i) => { sigmas[i] = sigmaOfAlphaCumprod(alphaBar); });
    return { numInferenceSteps: timesteps.length, timesteps, sigmas, alphasCumprod, initNoiseSigma: 1 };
  }
}

/** The step's outputs rounded to float32, plus the next state. */
export function stepOutput(prev: ArrayLike<number>, original: ArrayLike<number>, state: SchedulerState): StepOutput {
  return { prevSample: Float32Array.from(prev), predOriginalSample: Float32Array.from(original), state };
}

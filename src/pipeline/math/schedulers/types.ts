/**
 * The scheduler contract. A scheduler is built from a diffusers `scheduler_config.json`
 * object and never touches a model: the pipeline asks it for a plan (timesteps, sigmas),
 * then calls `step` with the model's output. All state is passed explicitly, so one
 * scheduler object can drive several runs at once (a guidance sweep, say).
 */

/** Where stochastic schedulers draw their noise: the seeded torch-compatible generator. */
export interface NoiseSource {
  randn(shape: readonly number[]): Float32Array;
}

/** The fixed schedule of one sampling run with a given number of steps. */
export interface TimestepPlan {
  readonly numInferenceSteps: number;
  /** The timestep fed to the model at each step (diffusers' `scheduler.timesteps`). */
  readonly timesteps: Float64Array;
  /**
   * σ at each step, plus the final σ (length steps + 1), as diffusers' `scheduler.sigmas`
   * for σ-space schedulers; for ᾱ-space ones (DDPM, DDIM, LCM) σ = √((1−ᾱ)/ᾱ) of each step's
   * timestep, ending with 0, so every scheduler can be plotted on one axis.
   */
  readonly sigmas: Float64Array;
  /** ᾱ (alphas_cumprod) at each step's timestep (length steps). */
  readonly alphasCumprod: Float64Array;
  /** Standard deviation of the initial noise (diffusers' `init_noise_sigma`). */
  readonly initNoiseSigma: number;
}

/** Opaque per-run state; `stepIndex` counts the steps already taken. */
export interface SchedulerState {
  readonly stepIndex: number;
}

export interface StepOutput {
  /** x_{t-1}: the latent to feed the next step. */
  readonly prevSample: Float32Array;
  /** x̂₀: the scheduler's prediction of the clean latent at this step. */
  readonly predOriginalSample: Float32Array;
  /** State to pass to the next `step`. */
  readonly state: SchedulerState;
}

export type SchedulerClassName =
  | 'DDPMScheduler'
  | 'DDIMScheduler'
  | 'EulerDiscreteScheduler'
  | 'EulerAncestralDiscreteScheduler'
  | 'DPMSolverMultistepScheduler'
  | 'LCMScheduler';

export interface Scheduler {
  readonly className: SchedulerClassName;
  /** The config with every default filled in, keys spelled as diffusers spells them. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly numTrainTimesteps: number;
  /** ᾱ of the training schedule, one per training timestep. */
  readonly alphasCumprod: Float64Array;
  /** Plans a run of `numInferenceSteps` steps (typed error when out of range). */
  plan(numInferenceSteps: number): TimestepPlan;
  initialState(plan: TimestepPlan): SchedulerState;
  /** Scales the latent before the model sees it (Euler-type schedulers divide by √(σ²+1)). */
  scaleModelInput(plan: TimestepPlan, state: SchedulerState, sample: Float32Array): Float32Array;
  step(
    plan: TimestepPlan,
    state: SchedulerState,
    modelOutput: Float32Array,
    sample: Float32Array,
    noise?: NoiseSource,
  ): StepOutput;
  /** The forward process q(x_t | x_0): √ᾱ_t·x₀ + √(1−ᾱ_t)·ε at training timestep t. */
  addNoise(original: Float32Array, noise: Float32Array, timestep: number): Float32Array;
}

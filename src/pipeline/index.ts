/**
 * `latent-explorables/pipeline`: diffusion, from pure math to a step-by-step text-to-image run.
 * Browser-safe; Node-only helpers (onnxruntime-node, files) are in `latent-explorables/node`.
 */
// Pure math: torch-exact noise, schedulers, guidance, the step record, the Gaussian toy model.
export { TorchGenerator, randn } from './math/torch-random.js';
export { parseSeed, randomSeed, MAX_SEED } from './math/seed.js';
export {
  createScheduler,
  schedulerFromAlias,
  configForAlias,
  resolveSchedulerConfig,
  SCHEDULER_NAMES,
  SCHEDULER_ALIASES,
  SCHEDULER_ALIAS_NAMES,
  MAX_TRAIN_TIMESTEPS,
  SchedulerConfigError,
  DdimScheduler,
  DdpmScheduler,
  DpmSolverMultistepScheduler,
  EulerAncestralScheduler,
  EulerScheduler,
  LcmScheduler,
  type DiffusersSchedulerConfig,
  type ResolvedSchedulerConfig,
  type SchedulerAlias,
  type SchedulerConfigErrorCode,
  type DpmSolverState,
  type NoiseSource,
  type Scheduler,
  type SchedulerClassName,
  type SchedulerState,
  type StepOutput,
  type TimestepPlan,
} from './math/schedulers/index.js';
export { applyGuidance, combineGuidance, guidanceNeedsUncond, parseGuidanceScale } from './math/guidance.js';
export { guidanceDifference, roundScaleBelow, type GuidanceDifference } from './math/guidance-difference.js';
export { gaussianToyModel, type GaussianToyModel, type GaussianToyOptions, type ToyPredictionType } from './math/gaussian-toy.js';
export { runToySampling, type ToySamplingRun } from './math/toy-sampling.js';
export { slerp, lerp, vectorNorm, walkPositions, interpolationNorms } from './math/slerp.js';
export type { StepRecord } from './math/step-record.js';
export { tensor, type Tensor } from './math/tensor.js';

// Model I/O: loading a diffusers ONNX folder, tokenizers, the onnxruntime seam.
export { loadModel, type LoadModelOptions } from './model/load-model.js';
export { loadModelFromUrl, type WebLoadOptions } from './model/web.js';
export { httpSource, MODEL_CACHE_NAME, DEFAULT_HTTP_TIMEOUTS, type HttpSourceOptions } from './model/http-source.js';
export { DEFAULT_MODEL_LIMITS, type ModelLimits } from './model/limits.js';
export type { ModelSource, LoadProgress as ModelLoadProgress, ReadOptions as ModelReadOptions } from './model/source.js';
export type { DiffusionModel, ComponentName } from './model/diffusion-model.js';
export { ModelLoadError } from './model/errors.js';
export { SD1X_LATENT_RGB, type LatentRgb } from './model/latent-rgb.js';
export { createWebBackend, hasWebGpu, type BackendPlacement, type WebBackendOptions, type WebOnnxBackend } from './io/web-backend.js';
export { InferenceWorkerError, SessionReleasedError } from './io/ort-worker/errors.js';
export type { OnnxBackend, OnnxSession, ExecutionProvider } from './io/backend.js';
export type { PromptToken, PromptTokenKind, PromptTokenizer, TokenizedPrompt, WordMapping } from './tokenizers/types.js';

// Running: generate, sweeps, decoding, previews, the forward process.
export { generate, generateAll, type Generation, type GenerationInfo } from './run/generate.js';
export { guidanceSweep, seedSweep, sweep, type Sweep, type SweepCell, type SweepOptions, type SweepInfo } from './run/sweeps.js';
export {
  schedulerSweep,
  sigmaSchedules,
  recordedSigmas,
  MAX_SCHEDULER_COLUMNS,
  type SchedulerSweep,
  type SchedulerSweepInfo,
  type SchedulerSweepOptions,
  type SchedulerSweepStep,
  type SchedulerColumn,
  type SchedulerColumnRequest,
  type SigmaSeries,
} from './run/scheduler-sweep.js';
export { latentWalk, MAX_WALK_FRAMES, type LatentWalk, type LatentWalkInfo, type LatentWalkOptions, type WalkEnd } from './run/latent-walk.js';
export { encodeWalkRecording, walkPromptLabel, type WalkRecordingInfo } from './run/walk-recording.js';
export { MAX_STEPS, MAX_SIDE, type GenerateOptions } from './run/generate-options.js';
export { decodeLatent, encodeImage, previewLatent } from './run/latent-images.js';
export { noiseToTimestep, type NoisedLatent } from './run/forward-noise.js';
// Cross-attention: which words the picture's regions attended to (models that export it).
export * from './attention/index.js';
export { encodePrompts, type EncodedPrompt } from './run/text-conditioning.js';
export { embedPrompts, meanPoolTokens, type PromptEmbeddings } from './run/prompt-embeddings.js';

// Recorded runs.
export {
  TrajectoryFormatError,
  TRAJECTORY_FORMAT_VERSION,
  TrajectoryRecorder,
  encodeTrajectory,
  readTrajectory,
  readTrajectoryBlob,
  fetchTrajectory,
  replayTrajectory,
  previewRecordedLatent,
  type TrajectoryFormatProblem,
  type RecordedLatentRgb,
  type StepScalars,
  type TrajectoryHeader,
  type TrajectorySettings,
  type TrajectoryMetadata,
  type TrajectoryWriteOptions,
  type Trajectory,
  type ReplayOptions,
} from './trajectory/index.js';
export { recordGeneration, metadataFromGeneration, type RecordGenerationOptions } from './run/record-generation.js';

// Pictures from tensors (the PNG encoder, grids and text drawing stay internal).
export {
  tensorToRgba,
  latentToRgbPreview,
  SD1_LATENT_RGB_FACTORS,
  channelHeatmap,
  encodePng,
  encodeApng,
  type ApngOptions,
  type RgbaImage,
  type LatentRgbFactors,
  type HeatmapOptions,
  type ZlibCompressor,
} from './image/index.js';

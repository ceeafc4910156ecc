/**
 * `latent-explorables/pipeline`: diffusion, from pure math to a step-by-step text-to-image run.
 * Browser-safe; Node-only helpers (onnxruntime-node, files) are in `latent-explorables/node`.
 */
// Pure math: torch-exact noise, schedulers, guidance, the step record, the Gaussian toy model.
export { TorchGenerator, randn } from './math/torch-random.js';
export { parseSeed, randomSeed, MAX_SEED } from './math/seed.js';
export * from './math/schedulers/index.js';
export { applyGuidance, combineGuidance, guidanceNeedsUncond, parseGuidanceScale, batchForGuidance, splitGuidanceBatch } from './math/guidance.js';
export { guidanceDifference, roundScaleBelow, type GuidanceDifference } from './math/guidance-difference.js';
export { gaussianToyModel, type GaussianToyModel, type GaussianToyOptions, type ToyPredictionType } from './math/gaussian-toy.js';
export { runToySampling, type ToySamplingRun } from './math/toy-sampling.js';
export type { StepRecord } from './math/step-record.js';
export { tensor, sizeOf, type Tensor } from './math/tensor.js';

// Model I/O: loading a diffusers ONNX folder, tokenizers, the onnxruntime seam.
export { loadModel, type LoadModelOptions } from './model/load-model.js';
export { loadModelFromUrl, defaultClipAssetsUrl, type WebLoadOptions } from './model/web.js';
export { httpSource, MODEL_CACHE_NAME, DEFAULT_HTTP_TIMEOUTS, type HttpSourceOptions } from './model/http-source.js';
export { DEFAULT_MODEL_LIMITS, type ModelLimits } from './model/limits.js';
export { workerHttpSource, type WorkerHttpSourceOptions } from './model/fetch-worker/worker-source.js';
export type { FetchWorkerFactory } from './model/fetch-worker/fetch-connection.js';
export type { ModelSource, LoadProgress as ModelLoadProgress, ReadOptions as ModelReadOptions } from './model/source.js';
export type { DiffusionModel, ComponentName } from './model/diffusion-model.js';
export { ModelLoadError } from './model/errors.js';
export { SD1X_LATENT_RGB, parseLatentRgb, type LatentRgb } from './model/latent-rgb.js';
export { createWebBackend, hasWebGpu, type BackendPlacement, type WebBackendOptions, type WebOnnxBackend } from './io/web-backend.js';
export { InferenceWorkerError, SessionReleasedError } from './io/ort-worker/errors.js';
export type { OnnxBackend, OnnxSession, ExecutionProvider } from './io/backend.js';
export type { PromptToken, PromptTokenKind, PromptTokenizer, TokenizedPrompt, WordMapping } from './tokenizers/types.js';

// Running: generate, sweeps, decoding, previews, the forward process.
export { generate, generateAll, type Generation, type GenerationInfo } from './generate.js';
export { guidanceSweep, seedSweep, sweep, type Sweep, type SweepCell, type SweepOptions, type SweepInfo } from './sweeps.js';
export { MAX_STEPS, MAX_SIDE, type GenerateOptions } from './generate-options.js';
export { decodeLatent, encodeImage, previewLatent } from './latent-images.js';
export { DECODE_STEPS_MAX_PIXELS, decodesStepsByDefault } from './decode-steps.js';
export { noiseToTimestep, type NoisedLatent } from './forward-noise.js';
export { encodePrompts, type EncodedPrompt } from './text-conditioning.js';
export { embedPrompts, meanPoolTokens, type PromptEmbeddings } from './prompt-embeddings.js';

// Recorded runs and images.
export * from './trajectory/index.js';
export * from './image/index.js';

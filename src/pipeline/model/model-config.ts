import { ModelLoadError, shownValue } from './errors.js';
import { checkFolderPath } from './folder-paths.js';
import { DEFAULT_MODEL_LIMITS, type ModelLimits } from './limits.js';

/** What the runtime needs to know about a model, gathered from its folder's config files. */
export interface ModelConfig {
  /** `_class_name` from model_index.json. */
  readonly pipelineClass: string;
  /** Multiplier from VAE latents to the UNet's latent space (SD: 0.18215). */
  readonly vaeScalingFactor: number;
  /** Pixels per latent cell along each side (SD: 8); image sizes must be multiples of it. */
  readonly vaeScaleFactor: number;
  /** Channels of the latent (4 for every SD-style model). */
  readonly latentChannels: number;
  /** Default latent side (SD 1.5: 64). */
  readonly sampleSize: number;
  /** Default image side in pixels (sampleSize × vaeScaleFactor). */
  readonly imageSize: number;
  /** The text encoder's sequence length. */
  readonly textMaxLength: number;
  readonly tokenizerType: 'clip-bpe' | 'word-level';
  /** Timestep dtype the model declares (pocket models); checked against the UNet graph. */
  readonly declaredTimestepDtype: string | null;
  /** Steps and guidance the model suggests (pocket models declare them; SD: 20 and 7.5). */
  readonly defaultSteps: number;
  readonly defaultGuidanceScale: number;
  /** Paths of the word map and latent→RGB files inside the folder. */
  readonly wordMapFile: string;
  readonly latentRgbFile: string;
  /** `scheduler/scheduler_config.json`, with `prediction_type` filled from the model when declared there. */
  readonly schedulerConfig: Readonly<Record<string, unknown>>;
  /**
   * Optional extra UNet outputs the model declares (`latent_explorables.unet_attention_outputs`, e.g.
   * `cross_attention_16x16` [B, h·w, S]: cross-attention probabilities averaged over heads). Plain
   * runs never fetch them; empty when none are declared.
   */
  readonly unetAttentionOutputs: readonly string[];
}

/** Defaults of Stable Diffusion 1.x/2.x-base exports, which carry no VAE/UNet config of their own. */
export const SD_DEFAULTS = { vaeScalingFactor: 0.18215, vaeScaleFactor: 8, sampleSize: 64, textMaxLength: 77, steps: 20, guidanceScale: 7.5 } as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object inside a JSON file, or a ModelLoadError naming the file. */
export function requireObject(value: unknown, file: string): Json {
  if (!isObject(value)) throw new ModelLoadError(file, 'must hold a JSON object');
  return value;
}

/**
 * A positive number (or integer) no larger than `max`, or undefined when absent. `limit` names
 * the option that raises `max`, when one does.
 */
function positive(block: Json, key: string, file: string, integer: boolean, max = Number.MAX_VALUE, limit?: string): number | undefined {
  const value = block[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ModelLoadError(fieldOf(file, key), `must be a positive ${integer ? 'integer' : 'number'}, got ${shownValue(value)}`);
  }
  if (value > max) {
    throw new ModelLoadError(fieldOf(file, key), `must be at most ${max}${limit ? ` (raise ${limit} to allow more)` : ''}, got ${value}`);
  }
  return value;
}

/** A key's field name: `unet/config.json:sample_size`, `model_index.json:latent_explorables.word_map`. */
function fieldOf(file: string, key: string): string {
  return `${file}${file.includes(':') ? '.' : ':'}${key}`;
}

/** Most default inference steps a model may suggest (the step limit of a run). */
const MAX_DEFAULT_STEPS = 1000;
/** Largest default guidance scale a model may suggest (the limit of a run). */
const MAX_DEFAULT_GUIDANCE = 1000;

/** Optional per-component configs (optimum exports write them; the diffusers script does not). */
export interface ComponentConfigs {
  readonly vaeDecoder: Json | null;
  readonly unet: Json | null;
}

/**
 * Resolves the model's settings: the `latent_explorables` block of model_index.json (pocket
 * models) first, then optimum-style component configs, then Stable Diffusion's defaults.
 */
export function resolveModelConfig(
  modelIndex: unknown,
  schedulerConfig: unknown,
  components: ComponentConfigs,
  limits: ModelLimits = DEFAULT_MODEL_LIMITS,
): ModelConfig {
  const index = requireObject(modelIndex, 'model_index.json');
  const scheduler = { ...requireObject(schedulerConfig, 'scheduler/scheduler_config.json') };
  const ours = index['latent_explorables'] === undefined ? {} : requireObject(index['latent_explorables'], 'model_index.json:latent_explorables');
  const file = 'model_index.json:latent_explorables';
  const vae = components.vaeDecoder ?? {};
  const unet = components.unet ?? {};
  const side = limits.imageSide;
  const sideLimit = 'limits.imageSide';
  const blocks = Array.isArray(vae['block_out_channels']) ? vae['block_out_channels'].length : 0;
  if (blocks > 0 && 2 ** (blocks - 1) > side) {
    throw new ModelLoadError('vae_decoder/config.json:block_out_channels', `has ${blocks} blocks, a VAE factor of 2^${blocks - 1}: more than ${side} pixels (raise ${sideLimit} to allow more)`);
  }
  const vaeScaleFactor =
    positive(ours, 'vae_scale_factor', file, true, side, sideLimit) ?? (blocks > 0 ? 2 ** (blocks - 1) : SD_DEFAULTS.vaeScaleFactor);
  const sampleSize =
    positive(ours, 'sample_size', file, true, limits.latentSide, 'limits.latentSide') ??
    positive(unet, 'sample_size', 'unet/config.json', true, limits.latentSide, 'limits.latentSide') ??
    SD_DEFAULTS.sampleSize;
  const imageSize = positive(ours, 'image_size', file, true, side, sideLimit) ?? sampleSize * vaeScaleFactor;
  if (imageSize !== sampleSize * vaeScaleFactor) {
    throw new ModelLoadError(fieldOf(file, 'image_size'), `${imageSize} is not sample_size × vae_scale_factor (${sampleSize * vaeScaleFactor})`);
  }
  if (imageSize > side) {
    throw new ModelLoadError(fieldOf(file, 'sample_size'), `sample_size × VAE factor is ${imageSize} pixels, more than ${side} (raise ${sideLimit} to allow more)`);
  }
  const prediction = ours['prediction_type'];
  if (prediction !== undefined) {
    if (prediction !== 'epsilon' && prediction !== 'v_prediction' && prediction !== 'sample') {
      throw new ModelLoadError(fieldOf(file, 'prediction_type'), `must be epsilon, v_prediction or sample, got ${shownValue(prediction)}`);
    }
    scheduler['prediction_type'] ??= prediction;
  }
  const tokenizerType = ours['tokenizer_type'] ?? 'clip-bpe';
  if (tokenizerType !== 'word-level' && tokenizerType !== 'clip-bpe') {
    throw new ModelLoadError(fieldOf(file, 'tokenizer_type'), `must be "word-level" or "clip-bpe", got ${shownValue(tokenizerType)}`);
  }
  const timestepDtype = ours['timestep_dtype'];
  // Paths inside the folder, checked here so a bad one is an error naming its key, never a file
  // silently skipped or fetched from elsewhere.
  const path = (key: string, fallback: string): string => (ours[key] === undefined ? fallback : checkFolderPath(ours[key], fieldOf(file, key)));
  const guidance = ours['default_guidance_scale'];
  if (guidance !== undefined && (typeof guidance !== 'number' || !Number.isFinite(guidance) || guidance < 0 || guidance > MAX_DEFAULT_GUIDANCE)) {
    throw new ModelLoadError(fieldOf(file, 'default_guidance_scale'), `must be a number in 0…${MAX_DEFAULT_GUIDANCE}, got ${shownValue(guidance)}`);
  }
  return {
    pipelineClass: typeof index['_class_name'] === 'string' ? index['_class_name'] : 'unknown',
    vaeScalingFactor:
      positive(ours, 'vae_scaling_factor', file, false) ??
      positive(vae, 'scaling_factor', 'vae_decoder/config.json', false) ??
      SD_DEFAULTS.vaeScalingFactor,
    vaeScaleFactor,
    latentChannels:
      positive(ours, 'latent_channels', file, true, limits.latentChannels, 'limits.latentChannels') ??
      positive(unet, 'in_channels', 'unet/config.json', true, limits.latentChannels, 'limits.latentChannels') ??
      4,
    sampleSize,
    imageSize,
    textMaxLength: positive(ours, 'text_max_length', file, true, limits.textLength, 'limits.textLength') ?? SD_DEFAULTS.textMaxLength,
    tokenizerType,
    declaredTimestepDtype: typeof timestepDtype === 'string' ? timestepDtype : null,
    defaultSteps: positive(ours, 'default_num_inference_steps', file, true, MAX_DEFAULT_STEPS) ?? SD_DEFAULTS.steps,
    defaultGuidanceScale: typeof guidance === 'number' ? guidance : SD_DEFAULTS.guidanceScale,
    wordMapFile: path('word_map', 'tokenizer/word_map.json'),
    latentRgbFile: path('latent_rgb', 'latent_rgb.json'),
    schedulerConfig: scheduler,
    unetAttentionOutputs: attentionOutputs(ours['unet_attention_outputs'], fieldOf(file, 'unet_attention_outputs')),
  };
}

/** Names of the declared extra UNet outputs: an object keyed by output name (values describe them). */
function attentionOutputs(value: unknown, field: string): readonly string[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new ModelLoadError(field, `must be an object keyed by UNet output name, got ${shownValue(value)}`);
  const names = Object.keys(value);
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/.test(name) || name === 'out_sample') {
      throw new ModelLoadError(field, `${shownValue(name)} is not a usable extra output name`);
    }
  }
  return names;
}

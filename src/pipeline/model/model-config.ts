import { ModelLoadError } from './errors.js';

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

function positive(block: Json, key: string, file: string, integer: boolean): number | undefined {
  const value = block[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ModelLoadError(file, `${key} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Optional per-component configs (optimum exports write them; the diffusers script does not). */
export interface ComponentConfigs {
  readonly vaeDecoder: Json | null;
  readonly unet: Json | null;
}

/**
 * Resolves the model's settings: the `latent_explorables` block of model_index.json (pocket
 * models) first, then optimum-style component configs, then Stable Diffusion's defaults.
 */
export function resolveModelConfig(modelIndex: unknown, schedulerConfig: unknown, components: ComponentConfigs): ModelConfig {
  const index = requireObject(modelIndex, 'model_index.json');
  const scheduler = { ...requireObject(schedulerConfig, 'scheduler/scheduler_config.json') };
  const ours = index['latent_explorables'] === undefined ? {} : requireObject(index['latent_explorables'], 'model_index.json:latent_explorables');
  const file = 'model_index.json:latent_explorables';
  const vae = components.vaeDecoder ?? {};
  const unet = components.unet ?? {};
  const blocks = Array.isArray(vae['block_out_channels']) ? vae['block_out_channels'].length : 0;
  const vaeScaleFactor =
    positive(ours, 'vae_scale_factor', file, true) ?? (blocks > 0 ? 2 ** (blocks - 1) : SD_DEFAULTS.vaeScaleFactor);
  const sampleSize =
    positive(ours, 'sample_size', file, true) ??
    positive(unet, 'sample_size', 'unet/config.json', true) ??
    SD_DEFAULTS.sampleSize;
  const imageSize = positive(ours, 'image_size', file, true) ?? sampleSize * vaeScaleFactor;
  if (imageSize !== sampleSize * vaeScaleFactor) {
    throw new ModelLoadError(file, `image_size ${imageSize} is not sample_size × vae_scale_factor (${sampleSize * vaeScaleFactor})`);
  }
  const prediction = ours['prediction_type'];
  if (prediction !== undefined) {
    if (prediction !== 'epsilon' && prediction !== 'v_prediction' && prediction !== 'sample') {
      throw new ModelLoadError(file, `prediction_type must be epsilon, v_prediction or sample, got ${JSON.stringify(prediction)}`);
    }
    scheduler['prediction_type'] ??= prediction;
  }
  const tokenizerType = ours['tokenizer_type'] ?? 'clip-bpe';
  if (tokenizerType !== 'word-level' && tokenizerType !== 'clip-bpe') {
    throw new ModelLoadError(file, `tokenizer_type must be "word-level" or "clip-bpe", got ${JSON.stringify(tokenizerType)}`);
  }
  const timestepDtype = ours['timestep_dtype'];
  const path = (key: string, fallback: string): string => {
    const value = ours[key];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value.length === 0) throw new ModelLoadError(file, `${key} must be a path inside the folder`);
    return value;
  };
  const guidance = ours['default_guidance_scale'];
  if (guidance !== undefined && (typeof guidance !== 'number' || !Number.isFinite(guidance) || guidance < 0)) {
    throw new ModelLoadError(file, `default_guidance_scale must be a finite number ≥ 0, got ${JSON.stringify(guidance)}`);
  }
  return {
    pipelineClass: typeof index['_class_name'] === 'string' ? index['_class_name'] : 'unknown',
    vaeScalingFactor:
      positive(ours, 'vae_scaling_factor', file, false) ??
      positive(vae, 'scaling_factor', 'vae_decoder/config.json', false) ??
      SD_DEFAULTS.vaeScalingFactor,
    vaeScaleFactor,
    latentChannels: positive(ours, 'latent_channels', file, true) ?? positive(unet, 'in_channels', 'unet/config.json', true) ?? 4,
    sampleSize,
    imageSize,
    textMaxLength: positive(ours, 'text_max_length', file, true) ?? SD_DEFAULTS.textMaxLength,
    tokenizerType,
    declaredTimestepDtype: typeof timestepDtype === 'string' ? timestepDtype : null,
    defaultSteps: positive(ours, 'default_num_inference_steps', file, true) ?? SD_DEFAULTS.steps,
    defaultGuidanceScale: typeof guidance === 'number' ? guidance : SD_DEFAULTS.guidanceScale,
    wordMapFile: path('word_map', 'tokenizer/word_map.json'),
    latentRgbFile: path('latent_rgb', 'latent_rgb.json'),
    schedulerConfig: scheduler,
  };
}

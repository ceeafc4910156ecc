import { InvalidOptionError } from '../../errors.js';

/**
 * How much a model folder may ask of the machine that loads it. A folder made by someone else
 * could otherwise name an endless file or a config value that only exhausts memory. Each
 * default covers every real export with room to spare; pass `limits` to `loadModel` (or
 * `loadModelInNode` / `loadModelFromUrl`) to raise one.
 */
export interface ModelLimits {
  /**
   * Largest graph or weight file, in bytes. Default 4 GiB: the largest file of a supported
   * export is SD 1.5's / SD 2.1's fp32 UNet weights (`unet/weights.pb`, about 3.44 GB).
   */
  readonly fileBytes: number;
  /**
   * Largest JSON or text file (configs, tokenizer files, the word map), in bytes after any
   * HTTP decompression, so a small gzip bomb cannot become gigabytes. Default 16 MiB: CLIP's
   * `tokenizer.json` is 2.2 MB.
   */
  readonly jsonBytes: number;
  /** Largest `text_max_length` (the text encoder's sequence length). Default 1024; CLIP's is 77. */
  readonly textLength: number;
  /** Largest native image side, in pixels (`image_size`, `sample_size` × VAE factor). Default 4096. */
  readonly imageSide: number;
  /** Largest native latent side, in cells (`sample_size`). Default 512: SD 1.5's is 64, SD at 4096 px would be 512. */
  readonly latentSide: number;
  /** Most latent channels. Default 64; SD 1.x/2.x have 4. */
  readonly latentChannels: number;
}

/** The defaults of {@link ModelLimits}. */
export const DEFAULT_MODEL_LIMITS: ModelLimits = Object.freeze({
  fileBytes: 2 ** 32,
  jsonBytes: 16 * 2 ** 20,
  textLength: 1024,
  imageSide: 4096,
  latentSide: 512,
  latentChannels: 64,
});

/** The defaults with the caller's overrides, each checked to be a positive safe integer. */
export function resolveLimits(given: Partial<ModelLimits> = {}): ModelLimits {
  const limits = { ...DEFAULT_MODEL_LIMITS };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === undefined) continue;
    if (!Object.hasOwn(DEFAULT_MODEL_LIMITS, key)) {
      throw new InvalidOptionError(`limits.${key}`, `is not a limit; use one of ${Object.keys(DEFAULT_MODEL_LIMITS).join(', ')}`);
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new InvalidOptionError(`limits.${key}`, `must be a positive integer, got ${String(value)}`);
    }
    (limits as Record<string, number>)[key] = value;
  }
  return limits;
}

/** Bytes for messages: `16 MiB`, `4 GiB`, `1.5 kiB`. */
export function formatByteCount(bytes: number): string {
  const units = ['bytes', 'kiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}

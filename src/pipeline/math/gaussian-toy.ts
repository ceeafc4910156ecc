/**
 * A "model" with no network: when the data are Gaussian, x₀ ~ N(μ, s²) independently per
 * element, the best possible denoiser has a closed form, so a whole sampling loop can run
 * instantly, and where it should end up is known exactly. Docs use it to show schedulers at
 * work; tests use it to check that every scheduler lands on N(μ, s²).
 *
 * With x_t = √ᾱ·x₀ + √(1−ᾱ)·ε (the scheduler's model input), x_t is Gaussian with mean √ᾱ·μ and
 * variance v = ᾱs² + 1 − ᾱ, and the posterior means are linear in x_t:
 *   E[x₀ | x_t] = μ + (√ᾱ·s² / v)·(x_t − √ᾱ·μ)
 *   E[ε  | x_t] = (√(1−ᾱ) / v)·(x_t − √ᾱ·μ)
 *   E[v  | x_t] = √ᾱ·E[ε | x_t] − √(1−ᾱ)·E[x₀ | x_t]   (v-prediction target)
 */
import { InvalidOptionError } from '../../errors.js';

/** What the toy model predicts, with diffusers' names for `prediction_type`. */
export type ToyPredictionType = 'epsilon' | 'v_prediction' | 'sample';

/** μ and s: one number for every element, or one per element. */
export interface GaussianToyOptions {
  readonly mean: number | ArrayLike<number>;
  readonly std: number | ArrayLike<number>;
  /** Default `'epsilon'`, what Stable Diffusion 1.x predicts. */
  readonly predictionType?: ToyPredictionType;
}

/** A Gaussian's mean and standard deviation. */
export interface NormalMoments {
  readonly mean: number;
  readonly std: number;
}

/** The exact optimal denoiser of N(μ, s²) data. */
export interface GaussianToyModel {
  readonly predictionType: ToyPredictionType;
  /**
   * The model output for input x_t at a noise level ᾱ (alphas_cumprod, in [0, 1]): the
   * posterior mean of ε, of v, or of x₀, per `predictionType`.
   * @throws InvalidOptionError when ᾱ is outside [0, 1] or the length disagrees with μ or s.
   */
  predict(sample: Float32Array, alphaCumprod: number): Float32Array;
  /** Distribution of x_t = √ᾱ·x₀ + √(1−ᾱ)·ε at one element; ᾱ = 1 gives the data N(μ, s²). */
  marginal(alphaCumprod: number, element?: number): NormalMoments;
  /** Data samples x₀ = μ + s·z from standard normal draws z (e.g. `randn`). */
  dataFromNoise(noise: Float32Array): Float32Array;
}

const PREDICTION_TYPES: readonly ToyPredictionType[] = ['epsilon', 'v_prediction', 'sample'];

/**
 * Builds the toy model.
 * @throws InvalidOptionError naming `mean`, `std` or `predictionType` when one is not finite,
 *   a standard deviation is not > 0, or the prediction type is unknown.
 */
export function gaussianToyModel(options: GaussianToyOptions): GaussianToyModel {
  const mean = perElement(options.mean, 'mean', (value) => Number.isFinite(value));
  const std = perElement(options.std, 'std', (value) => Number.isFinite(value) && value > 0);
  const predictionType = options.predictionType ?? 'epsilon';
  if (!PREDICTION_TYPES.includes(predictionType)) {
    throw new InvalidOptionError('predictionType', `must be one of ${PREDICTION_TYPES.join(', ')}, got ${String(predictionType)}`);
  }
  const at = (values: Float64Array, element: number): number => (values.length === 1 ? values[0]! : values[element]!);

  return {
    predictionType,
    predict(sample, alphaCumprod) {
      checkAlphaCumprod(alphaCumprod);
      checkLength(sample.length, mean, 'mean');
      checkLength(sample.length, std, 'std');
      const signal = Math.sqrt(alphaCumprod);
      const noise = Math.sqrt(1 - alphaCumprod);
      const out = new Float32Array(sample.length);
      for (let i = 0; i < sample.length; i++) {
        const mu = at(mean, i);
        const variance = at(std, i) ** 2;
        const total = alphaCumprod * variance + 1 - alphaCumprod;
        const centred = sample[i]! - signal * mu;
        const epsilon = (noise / total) * centred;
        const original = mu + ((signal * variance) / total) * centred;
        out[i] = predictionType === 'epsilon' ? epsilon : predictionType === 'sample' ? original : signal * epsilon - noise * original;
      }
      return out;
    },
    marginal(alphaCumprod, element = 0) {
      checkAlphaCumprod(alphaCumprod);
      const variance = at(std, element) ** 2;
      return { mean: Math.sqrt(alphaCumprod) * at(mean, element), std: Math.sqrt(alphaCumprod * variance + 1 - alphaCumprod) };
    },
    dataFromNoise(noise) {
      checkLength(noise.length, mean, 'mean');
      checkLength(noise.length, std, 'std');
      const out = new Float32Array(noise.length);
      for (let i = 0; i < noise.length; i++) out[i] = at(mean, i) + at(std, i) * noise[i]!;
      return out;
    },
  };
}

function perElement(value: number | ArrayLike<number>, field: string, valid: (value: number) => boolean): Float64Array {
  const values = typeof value === 'number' ? Float64Array.of(value) : Float64Array.from(value ?? []);
  if (values.length === 0) throw new InvalidOptionError(field, 'must be a number or a non-empty array of numbers');
  const bad = values.findIndex((entry) => !valid(entry));
  if (bad >= 0) throw new InvalidOptionError(field, `invalid value ${values[bad]} at element ${bad}`);
  return values;
}

function checkAlphaCumprod(alphaCumprod: number): void {
  if (!(alphaCumprod >= 0 && alphaCumprod <= 1)) {
    throw new InvalidOptionError('alphaCumprod', `must be in [0, 1], got ${alphaCumprod}`);
  }
}

function checkLength(length: number, values: Float64Array, field: string): void {
  if (values.length !== 1 && values.length !== length) {
    throw new InvalidOptionError(field, `has ${values.length} entries for ${length} elements`);
  }
}

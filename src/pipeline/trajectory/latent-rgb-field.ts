import { InvalidOptionError } from '../../errors.js';
import type { LatentRgbFactors } from '../image/latent-preview.js';
import { MAX_LATENT_RGB_CHANNELS, type RecordedLatentRgb } from './format.js';

/**
 * The shortest decimal that reads back as the same float32, so `0.3512f` is stored as 0.3512
 * rather than 0.35120001435279846 and the header stays readable.
 */
export function shortestFloat32(value: number): number {
  const target = Math.fround(value);
  for (let digits = 1; digits < 9; digits += 1) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}

/** A model's latent→RGB factors in the header's form, refusing ones no reader would accept. */
export function recordedLatentRgb(factors: LatentRgbFactors): RecordedLatentRgb {
  const { weights, bias } = factors;
  const channels = weights.length / 3;
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_LATENT_RGB_CHANNELS) {
    throw new InvalidOptionError('latentRgb.weights', `must hold 3 values per channel for 1…${MAX_LATENT_RGB_CHANNELS} channels, not ${weights.length} values`);
  }
  if (factors.channels !== undefined && factors.channels !== channels) {
    throw new InvalidOptionError('latentRgb.channels', `is ${factors.channels}, but the weights hold ${channels} rows`);
  }
  if (bias.length !== 3) throw new InvalidOptionError('latentRgb.bias', `must hold 3 values, not ${bias.length}`);
  if (![...weights, ...bias].every(Number.isFinite)) throw new InvalidOptionError('latentRgb', 'holds a value that is not finite');
  return {
    weights: Array.from({ length: channels }, (_, k) => Array.from(weights.subarray(k * 3, k * 3 + 3), shortestFloat32)),
    bias: Array.from(bias, shortestFloat32),
  };
}

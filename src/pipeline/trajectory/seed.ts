import { InvalidOptionError } from '../../errors.js';

/** Largest seed torch's generator accepts: 2⁶⁴ − 1. */
export const MAX_SEED = (1n << 64n) - 1n;

/**
 * Checks a seed and returns it as a bigint. Accepts a bigint, a safe non-negative integer
 * number, or a decimal string of digits (how seeds above 2⁵³ travel through JSON and argv).
 * Anything else — fractions, signs, hex, out of 0…2⁶⁴−1 — is an `InvalidOptionError` on `field`.
 */
export function parseSeed(seed: bigint | number | string, field = 'seed'): bigint {
  let value: bigint;
  if (typeof seed === 'bigint') value = seed;
  else if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new InvalidOptionError(field, `${seed} is not an exact integer`);
    value = BigInt(seed);
  } else if (typeof seed === 'string' && /^[0-9]{1,20}$/.test(seed)) value = BigInt(seed);
  else throw new InvalidOptionError(field, `${JSON.stringify(String(seed))} is not a decimal integer`);
  if (value < 0n || value > MAX_SEED) {
    throw new InvalidOptionError(field, `${value} is outside 0…${MAX_SEED}`);
  }
  return value;
}

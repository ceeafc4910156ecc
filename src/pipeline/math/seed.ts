import { InvalidOptionError } from '../../errors.js';

/** Largest seed torch accepts: seeds are unsigned 64-bit integers. */
export const MAX_SEED = (1n << 64n) - 1n;

/**
 * Reads a seed the way a user may write it: a safe integer, a bigint, or a string of decimal
 * digits (attributes and CLI flags arrive as strings, and seeds above 2^53 only fit as text or
 * bigint). Returns it as a bigint in 0…2^64−1.
 *
 * @param value the candidate seed.
 * @param field the option name reported in the error.
 * @throws InvalidOptionError naming `field` for anything else: fractions, negatives, values
 *   ≥ 2^64, NaN, unsafe (rounded) numbers, and strings that are not plain integers.
 */
export function parseSeed(value: unknown, field = 'seed'): bigint {
  const seed = toBigInt(value, field);
  if (seed < 0n || seed > MAX_SEED) {
    throw new InvalidOptionError(field, `must be an integer in 0…2^64−1, got ${String(value)}`);
  }
  return seed;
}

function toBigInt(value: unknown, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    // Above 2^53 a number has already lost digits: the user's seed is not the one we would use.
    if (!Number.isSafeInteger(value)) {
      throw new InvalidOptionError(
        field,
        `must be a safe integer (pass larger seeds as a string or bigint), got ${value}`,
      );
    }
    return BigInt(value);
  }
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return BigInt(value.trim());
  throw new InvalidOptionError(field, `must be an integer in 0…2^64−1, got ${describe(value)}`);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * A fresh seed for "surprise me": 32 random bits from the platform's crypto source, a range that
 * is easy to read, copy and type back in.
 */
export function randomSeed(): bigint {
  const word = new Uint32Array(1);
  globalThis.crypto.getRandomValues(word);
  return BigInt(word[0]!);
}

/**
 * Small checks for reading untrusted header JSON: each returns the value typed, or throws
 * a `TrajectoryFormatError` naming the exact key (e.g. `header.tensors[3].shape[1]`).
 */
import { TrajectoryFormatError } from './errors.js';

type JsonObject = Readonly<Record<string, unknown>>;

const invalid = (field: string, message: string): TrajectoryFormatError =>
  new TrajectoryFormatError('invalid-header', field, message);

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? 'a string' : String(value);

/** A plain JSON object. */
export function objectAt(value: unknown, field: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, `must be an object, not ${describe(value)}`);
  }
  return value as JsonObject;
}

/** An array of at most `maxLength` items. */
export function arrayAt(value: unknown, field: string, maxLength: number): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(field, `must be an array, not ${describe(value)}`);
  if (value.length > maxLength) {
    throw new TrajectoryFormatError('out-of-range', field, `declares ${value.length} items, more than the ${maxLength} allowed`);
  }
  return value;
}

/** A string. */
export function stringAt(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, `must be a string, not ${describe(value)}`);
  return value;
}

/** A finite number (JSON cannot hold NaN, but a crafted value of the wrong type can appear). */
export function finiteAt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(field, `must be a finite number, not ${describe(value)}`);
  }
  return value;
}

/** An integer in min…max inclusive. */
export function integerAt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalid(field, `must be an integer, not ${describe(value)}`);
  }
  if (value < min || value > max) {
    throw new TrajectoryFormatError('out-of-range', field, `${value} is outside ${min}…${max}`);
  }
  return value;
}

/** One of a fixed set of strings. */
export function oneOfAt<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(field, `must be one of ${allowed.join(', ')}, not ${describe(value)}`);
  }
  return value as T;
}

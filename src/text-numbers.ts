/**
 * Numbers read from text, the same way at every entry point: the CLI's options and the
 * elements' attributes. Lit's converters and `Number()` accept "", "0x10" and "1e" silently;
 * these accept plain decimals only, and each failure is an `InvalidOptionError` naming the
 * field as the user wrote it (`--steps`, `guidance`…).
 */
import { InvalidOptionError } from './errors.js';

/** A plain decimal number: digits, an optional point and exponent; no hex, no empty string. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number within [min, max]; numbers given as numbers are range-checked only. */
export function parseNumber(raw: string | number, field: string, min = -Infinity, max = Infinity): number {
  const value = typeof raw === 'number' ? raw : DECIMAL.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(value)) throw new InvalidOptionError(field, `expected a number, got ${JSON.stringify(String(raw))}`);
  if (value < min || value > max) throw new InvalidOptionError(field, `${value} is outside ${min}…${max}`);
  return value;
}

/** A whole number within [min, max]. */
export function parseInteger(raw: string | number, field: string, min = -Infinity, max = Infinity): number {
  const value = parseNumber(raw, field, min, max);
  if (!Number.isInteger(value)) throw new InvalidOptionError(field, `expected a whole number, got ${JSON.stringify(String(raw))}`);
  return value;
}

/** A comma-separated list of 1…`maxLength` items, each read by `read`; empty items are refused. */
export function parseList<T>(text: string, field: string, read: (item: string, field: string) => T, maxLength = Infinity): T[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new InvalidOptionError(field, `${JSON.stringify(text)} has an empty item`);
  if (items.length > maxLength) throw new InvalidOptionError(field, `${items.length} values, at most ${maxLength}`);
  return items.map((item) => read(item, field));
}

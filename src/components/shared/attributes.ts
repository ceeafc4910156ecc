import { InvalidOptionError } from '../../errors.js';
import { parseInteger, parseNumber } from '../../text-numbers.js';

/**
 * Attribute parsing for elements. Lit's converters turn "abc" into NaN silently; elements
 * instead keep the raw string and validate with these (the CLI's number parser,
 * `text-numbers.ts`), so a bad attribute becomes a typed error that names the attribute and is
 * shown in the widget.
 */

/** Parses a finite number within [min, max]; `attribute` names the field in the error. */
export function parseNumberAttribute(attribute: string, raw: string | number, min = -Infinity, max = Infinity): number {
  return parseNumber(raw, attribute, min, max);
}

/** Parses an integer within [min, max]. */
export function parseIntegerAttribute(attribute: string, raw: string | number, min = -Infinity, max = Infinity): number {
  return parseInteger(raw, attribute, min, max);
}

/** Parses a comma-separated list of numbers, e.g. guidance scales "1, 3, 7.5". */
export function parseNumberListAttribute(attribute: string, raw: string, min = -Infinity, max = Infinity): number[] {
  const parts = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new InvalidOptionError(attribute, 'expected a comma-separated list of numbers');
  return parts.map((part) => parseNumberAttribute(attribute, part, min, max));
}

/** Checks a value is one of the allowed strings. */
export function parseEnumAttribute<T extends string>(attribute: string, raw: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new InvalidOptionError(attribute, `expected one of ${allowed.join(', ')}, got "${raw}"`);
}

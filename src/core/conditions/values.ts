// How field values compare: numbers numerically, ISO dates as dates, strings exactly.

const NUMERIC = /^\s*-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\s*$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

export function isEmpty(value: unknown): boolean {
  return isMissing(value) || value === '';
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

/** Milliseconds since the epoch for an ISO date string or a Date; undefined otherwise. */
export function asTime(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || !ISO_DATE.test(value.trim())) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function bothNumbers(a: unknown, b: unknown): [number, number] | undefined {
  if (typeof a !== 'number' && typeof b !== 'number') return undefined;
  const x = asNumber(a);
  const y = asNumber(b);
  return x === undefined || y === undefined ? undefined : [x, y];
}

export function valuesEqual(actual: unknown, expected: unknown): boolean {
  const numbers = bothNumbers(actual, expected);
  if (numbers) return numbers[0] === numbers[1];
  if (typeof actual === 'boolean' && typeof expected === 'string') return String(actual) === expected;
  if (typeof expected === 'boolean' && typeof actual === 'string') return actual === String(expected);
  if (typeof actual === 'object' && actual !== null) return JSON.stringify(actual) === JSON.stringify(expected);
  return actual === expected;
}

/** Negative, zero or positive like a sort comparator; undefined when the two cannot be ordered. */
export function compareValues(actual: unknown, expected: unknown): number | undefined {
  const x = asNumber(actual);
  const y = asNumber(expected);
  if (x !== undefined && y !== undefined) return x - y;
  const a = asTime(actual);
  const b = asTime(expected);
  if (a !== undefined && b !== undefined) return a - b;
  return undefined;
}

import { DURATION_HINT, isDuration, parseDuration } from '../../duration.js';
import type { Operator } from '../types.js';
import { asTime } from '../values.js';

function checkDuration(value: unknown): string | undefined {
  return isDuration(value) ? undefined : `must be ${DURATION_HINT}, not ${JSON.stringify(value)}`;
}

/** Age in ms of a timestamp field relative to now, or undefined when the field is not a timestamp. */
function ageOf(actual: unknown, now: Date): number | undefined {
  const time = typeof actual === 'number' ? actual : asTime(actual);
  return time === undefined ? undefined : now.getTime() - time;
}

function durationMs(expected: unknown): number | undefined {
  return isDuration(expected) ? parseDuration(String(expected)) : undefined;
}

export const olderThan: Operator = {
  name: 'olderThan',
  description: 'a timestamp field is older than a duration (90d, 8h, 30m, 2w, 45s)',
  valueSchema: { type: 'string', pattern: '^(\\d+(\\.\\d+)?[smhdw]|.*\\{\\{.*\\}\\}.*)$' },
  valueHint: DURATION_HINT,
  check: checkDuration,
  test: (actual, expected, { now }) => {
    const age = ageOf(actual, now);
    const limit = durationMs(expected);
    return age !== undefined && limit !== undefined && age > limit;
  },
};

export const newerThan: Operator = {
  name: 'newerThan',
  description: 'a timestamp field is newer than a duration (90d, 8h, 30m, 2w, 45s)',
  valueSchema: { type: 'string', pattern: '^(\\d+(\\.\\d+)?[smhdw]|.*\\{\\{.*\\}\\}.*)$' },
  valueHint: DURATION_HINT,
  check: checkDuration,
  test: (actual, expected, { now }) => {
    const age = ageOf(actual, now);
    const limit = durationMs(expected);
    return age !== undefined && limit !== undefined && age < limit;
  },
};

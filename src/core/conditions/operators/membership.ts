import type { Operator } from '../types.js';
import { isMissing, valuesEqual } from '../values.js';

// A list, or a template naming a list param ("{{params.allowedRegions}}").
const LIST = { type: ['array', 'string'], items: { type: ['string', 'number', 'boolean'] } };

function listOf(expected: unknown): unknown[] {
  return Array.isArray(expected) ? expected : [expected];
}

function checkList(value: unknown): string | undefined {
  return Array.isArray(value) ? undefined : 'must be a list of values, e.g. [a, b]';
}

export const inList: Operator = {
  name: 'in',
  description: 'the field is one of the listed values',
  valueSchema: LIST,
  valueHint: 'a list of values',
  check: checkList,
  test: (actual, expected) => listOf(expected).some((item) => valuesEqual(actual, item)),
};

export const notIn: Operator = {
  name: 'notIn',
  description: 'the field is none of the listed values (true when the field is missing)',
  valueSchema: LIST,
  valueHint: 'a list of values',
  check: checkList,
  handlesMissing: true,
  test: (actual, expected) => isMissing(actual) || !listOf(expected).some((item) => valuesEqual(actual, item)),
};

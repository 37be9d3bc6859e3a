import type { Operator } from '../types.js';
import { isMissing, valuesEqual } from '../values.js';

const SCALAR = { type: ['string', 'number', 'boolean'] };

export const eq: Operator = {
  name: 'eq',
  description: 'the field equals the value (numbers compare numerically, strings exactly)',
  valueSchema: SCALAR,
  valueHint: 'a string, number or boolean',
  test: (actual, expected) => valuesEqual(actual, expected),
};

export const ne: Operator = {
  name: 'ne',
  description: 'the field does not equal the value (true when the field is missing)',
  valueSchema: SCALAR,
  valueHint: 'a string, number or boolean',
  handlesMissing: true,
  test: (actual, expected) => isMissing(actual) || !valuesEqual(actual, expected),
};

import type { Operator } from '../types.js';
import { isEmpty } from '../values.js';

export const absent: Operator = {
  name: 'absent',
  description: 'absent: true — the field is missing, null or an empty string (absent: false means present)',
  valueSchema: { type: 'boolean' },
  valueHint: 'true or false',
  handlesMissing: true,
  test: (actual, expected) => isEmpty(actual) === (expected !== false),
};

export const present: Operator = {
  name: 'present',
  description: 'present: true — the field has a value that is not null or an empty string',
  valueSchema: { type: 'boolean' },
  valueHint: 'true or false',
  handlesMissing: true,
  test: (actual, expected) => isEmpty(actual) !== (expected !== false),
};

import type { Operator } from '../types.js';
import { valuesEqual } from '../values.js';
import { globMatches, globProblem, regexMatches, regexProblem } from '../../patterns.js';

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export const contains: Operator = {
  name: 'contains',
  description: 'a string field contains the substring, or a list field contains the element',
  valueSchema: { type: ['string', 'number', 'boolean'] },
  valueHint: 'a string, number or boolean',
  test: (actual, expected) => {
    if (Array.isArray(actual)) return actual.some((item) => valuesEqual(item, expected));
    const text = asText(actual);
    return text !== undefined && text.includes(String(expected));
  },
};

export const glob: Operator = {
  name: 'glob',
  description: 'a string field matches a shell-style glob (*, ?, [abc])',
  valueSchema: { type: 'string' },
  valueHint: 'a glob pattern string',
  check: (value) => globProblem(String(value)),
  test: (actual, expected) => {
    const text = asText(actual);
    return text !== undefined && globMatches(String(expected), text);
  },
};

export const regex: Operator = {
  name: 'regex',
  description: 'a string field matches a regular expression (RE2 syntax: linear time, no backreferences or lookaround)',
  valueSchema: { type: 'string' },
  valueHint: 'a regular expression string',
  check: (value) => regexProblem(String(value)),
  test: (actual, expected) => {
    const text = asText(actual);
    return text !== undefined && regexMatches(String(expected), text);
  },
};

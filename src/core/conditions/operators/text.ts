import type { Operator } from '../types.js';
import { valuesEqual } from '../values.js';
import { globToRegExp } from '../glob.js';

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
  test: (actual, expected) => {
    const text = asText(actual);
    return text !== undefined && globToRegExp(String(expected)).test(text);
  },
};

function regexProblem(value: unknown): string | undefined {
  try {
    new RegExp(String(value));
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.split(': ').pop();
    return `is not a valid regular expression: ${reason}`;
  }
}

const compiled = new Map<string, RegExp | null>();

function cachedRegExp(source: string): RegExp | null {
  if (!compiled.has(source)) compiled.set(source, regexProblem(source) ? null : new RegExp(source));
  return compiled.get(source) ?? null;
}

export const regex: Operator = {
  name: 'regex',
  description: 'a string field matches a JavaScript regular expression',
  valueSchema: { type: 'string' },
  valueHint: 'a regular expression string',
  check: regexProblem,
  test: (actual, expected) => {
    const text = asText(actual);
    const pattern = cachedRegExp(String(expected));
    return text !== undefined && pattern !== null && pattern.test(text);
  },
};

import type { Operator } from '../types.js';
import { compareValues } from '../values.js';

const NUMBER_OR_DATE = { type: ['number', 'string'] };

function comparison(name: string, words: string, holds: (order: number) => boolean): Operator {
  return {
    name,
    description: `the field is ${words} the value (numbers numerically, ISO dates as dates)`,
    valueSchema: NUMBER_OR_DATE,
    valueHint: 'a number or an ISO date',
    test: (actual, expected) => {
      const order = compareValues(actual, expected);
      return order !== undefined && holds(order);
    },
  };
}

export const gt = comparison('gt', 'greater than', (order) => order > 0);
export const gte = comparison('gte', 'greater than or equal to', (order) => order >= 0);
export const lt = comparison('lt', 'less than', (order) => order < 0);
export const lte = comparison('lte', 'less than or equal to', (order) => order <= 0);

// Every condition operator, one entry each. Adding an operator = adding an entry here (and its tests).
import { olderThan, newerThan } from './operators/age.js';
import { gt, gte, lt, lte } from './operators/comparison.js';
import { eq, ne } from './operators/equality.js';
import { inList, notIn } from './operators/membership.js';
import { absent, present } from './operators/presence.js';
import { contains, glob, regex } from './operators/text.js';
import type { Operator } from './types.js';

const ALL: Operator[] = [eq, ne, inList, notIn, gt, gte, lt, lte, contains, glob, regex, absent, present, olderThan, newerThan];

export const OPERATORS: Readonly<Record<string, Operator>> = Object.freeze(Object.fromEntries(ALL.map((op) => [op.name, op])));

export const OPERATOR_NAMES: readonly string[] = ALL.map((op) => op.name);

export function operatorNamed(name: string): Operator | undefined {
  return Object.prototype.hasOwnProperty.call(OPERATORS, name) ? OPERATORS[name] : undefined;
}

// Policy packs after loading: what evaluate() and the commands work with.
import type { Condition } from '../conditions/types.js';
import type { Severity } from '../model.js';

export type { Condition } from '../conditions/types.js';

export interface RuleText {
  title?: string;
  why?: string;
  message?: string;
  remediation?: string;
}

export type AggregatePer = 'account' | 'region';
export type ThresholdOperator = 'gt' | 'gte' | 'lt' | 'lte';

export const THRESHOLD_OPERATORS: readonly ThresholdOperator[] = ['gt', 'gte', 'lt', 'lte'];

/** As written in the file; exactly one of sum/count and exactly one threshold (values may be templates). */
export interface Aggregate {
  /** Property to sum; absent when counting. */
  sum?: string;
  count?: boolean;
  per: AggregatePer;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
}

/** The one threshold of an aggregate. */
export function aggregateThreshold(aggregate: Aggregate): { operator: ThresholdOperator; value: number | string } {
  const operator = THRESHOLD_OPERATORS.find((op) => aggregate[op] !== undefined) ?? 'gt';
  return { operator, value: aggregate[operator] ?? 0 };
}

/** Monthly USD = prices[price] × quantity, or the `usd` expression. */
export interface RuleCost {
  /** Key (dotted path, may be a template) into the pack's prices. Absent when `usd` is given. */
  price?: string;
  /** Default 1; a number, a template ("{{sizeGiB}}") or an expression ("max(subnetCount, 1)", "excess"). */
  quantity?: number | string;
  /** An expression giving the monthly USD directly, e.g. "iops * prices.io1IopsMonth". */
  usd?: string;
}

export interface Rule {
  id: string;
  pack: string;
  resource: string;
  severity: Severity;
  title: string;
  why?: string;
  message?: string;
  when?: Condition;
  aggregate?: Aggregate;
  cost?: RuleCost;
  remediation?: string;
  /** First match wins; lets one rule use another severity for some resources. */
  severityOverrides?: Array<{ when: Condition; severity: Severity }>;
  /** Resource types whose data the rule needs (default: [resource]). */
  requires: string[];
  i18n?: Record<string, RuleText>;
  source: { file: string; line?: number };
}

export interface Pack {
  name: string;
  description?: string;
  default: boolean;
  file: string;
  params: Record<string, unknown>;
  prices: Record<string, unknown>;
  rules: Rule[];
}

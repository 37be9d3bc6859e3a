// Aggregate rules: sum or count the resources that pass `when`, per account or per region.
import { fieldValue } from '../conditions/field.js';
import { asNumber } from '../conditions/values.js';
import { GLOBAL_REGION, type Resource } from '../model.js';
import { resolveValue, type TemplateScope } from '../template.js';
import { aggregateThreshold, type Aggregate, type ThresholdOperator } from './types.js';

export interface AggregateGroup {
  accountId: string;
  /** "global" when per account. */
  region: string;
  resources: Resource[];
}

export interface AggregateTotals {
  value: number;
  threshold: number;
  excess: number;
  count: number;
  ids: string;
}

const IDS_SHOWN = 10;

export function groupKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}

/** One finding's resourceId for a group: the account id, or "account/region". */
export function groupResourceId(aggregate: Aggregate, group: AggregateGroup): string {
  return aggregate.per === 'account' ? group.accountId : groupKey(group.accountId, group.region);
}

/** Groups for every account (and region) the run covers, so "fewer than" thresholds see empty groups too. */
export function emptyGroups(aggregate: Aggregate, places: Array<{ accountId: string; regions: string[] }>): Map<string, AggregateGroup> {
  const groups = new Map<string, AggregateGroup>();
  for (const place of places) {
    const regions = aggregate.per === 'account' ? [GLOBAL_REGION] : place.regions;
    for (const region of regions) groups.set(groupKey(place.accountId, region), { accountId: place.accountId, region, resources: [] });
  }
  return groups;
}

export function addToGroup(groups: Map<string, AggregateGroup>, aggregate: Aggregate, resource: Resource): void {
  const region = aggregate.per === 'account' ? GLOBAL_REGION : resource.region;
  const key = groupKey(resource.accountId, region);
  const group = groups.get(key) ?? { accountId: resource.accountId, region, resources: [] };
  group.resources.push(resource);
  groups.set(key, group);
}

export function resolveThreshold(aggregate: Aggregate, scope: TemplateScope): { operator: ThresholdOperator; value?: number; raw: unknown } {
  const { operator, value } = aggregateThreshold(aggregate);
  return { operator, value: asNumber(resolveValue(value, scope)), raw: value };
}

function sumOf(resources: Resource[], field: string): number {
  const total = resources.reduce((sum, r) => sum + (asNumber(fieldValue(r, field)) ?? 0), 0);
  return Math.round(total * 1e6) / 1e6;
}

export function totals(aggregate: Aggregate, group: AggregateGroup, threshold: number): AggregateTotals {
  const value = aggregate.sum !== undefined ? sumOf(group.resources, aggregate.sum) : group.resources.length;
  const ids = group.resources.slice(0, IDS_SHOWN).map((r) => r.id);
  const more = group.resources.length - ids.length;
  return {
    value,
    threshold,
    excess: Math.round((value - threshold) * 1e6) / 1e6,
    count: group.resources.length,
    ids: ids.join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}

export function crosses(operator: ThresholdOperator, value: number, threshold: number): boolean {
  switch (operator) {
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
  }
}

/** With some data missing, only "more than" thresholds can still be proven (the true total is at least the partial one). */
export function provableFromPartial(operator: ThresholdOperator): boolean {
  return operator === 'gt' || operator === 'gte';
}

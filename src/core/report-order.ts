// The one order of a report's lists. The report builder sorts once; every renderer and `--json`
// print them in that order, so `audit --json` and `audit --format json` agree.
import { severityRank, type CollectionError, type Finding, type NotEvaluatedRule, type Resource } from './model.js';

export function cmp(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Highest severity first, then most expensive, then account, region, rule, resource. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (b.monthlyCostUsd ?? -1) - (a.monthlyCostUsd ?? -1) ||
    cmp(a.accountId, b.accountId) ||
    cmp(a.region, b.region) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.resourceId, b.resourceId)
  );
}

export function compareErrors(a: CollectionError, b: CollectionError): number {
  return cmp(a.accountId, b.accountId) || cmp(a.region, b.region) || cmp(a.operation, b.operation) || cmp(a.code, b.code);
}

export function compareNotEvaluated(a: NotEvaluatedRule, b: NotEvaluatedRule): number {
  return cmp(a.ruleId, b.ruleId) || cmp(a.accountId, b.accountId) || cmp(a.region, b.region);
}

/** An inventory's resources: by account, region, type, id (the collection sorts once; --workers merges in the same order). */
export function compareResources(a: Resource, b: Resource): number {
  return a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.type.localeCompare(b.type) || a.id.localeCompare(b.id);
}


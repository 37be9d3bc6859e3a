// Reconciling the bill with the findings: for each service and region Cost Explorer reports spend for,
// how much of it the findings there explain (their monthly estimates, as a month-to-date share). Pure:
// it fills in the spend-by-service resources' explained* properties so the cost pack can judge them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yaml } from './yaml.js';
import type { Finding, Inventory, Resource } from './model.js';
import { packageRoot } from './package-root.js';

export interface CostServiceMap {
  /** Cost Explorer service name → resource types whose findings explain its spend. */
  services: Record<string, string[]>;
  /** Lines that are no service (Tax, Credit, ...). */
  ignore: string[];
}

let shipped: CostServiceMap | undefined;

/** policies/cost-services.yml */
export function loadCostServiceMap(): CostServiceMap {
  if (shipped) return shipped;
  const data = yaml().parse(readFileSync(join(packageRoot(), 'policies', 'cost-services.yml'), 'utf8')) as Partial<CostServiceMap>;
  shipped = { services: data.services ?? {}, ignore: data.ignore ?? [] };
  return shipped;
}

/** The elapsed share of the month that Cost Explorer's month to date covers (up to yesterday). */
export function monthToDateFraction(now: Date): number {
  const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  return (now.getUTCDate() - 1) / days;
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function explain(resource: Resource, findings: Finding[], collected: Set<string>, map: CostServiceMap, fraction: number): Resource {
  const service = String(resource.props.service ?? '');
  const region = resource.region;
  const types = map.services[service] ?? [];
  const there = findings.filter((f) => f.accountId === resource.accountId && f.region === region && types.includes(f.resourceType));
  const monthly = there.reduce((n, f) => n + (f.monthlyCostUsd ?? 0), 0);
  const explained = round(monthly * fraction);
  const spend = Number(resource.props.monthToDateUsd ?? 0);
  const checkedTypes = types.filter((t) => collected.has(t));
  return {
    ...resource,
    props: {
      ...resource.props,
      explainedMonthToDateUsd: explained,
      explainedShare: spend > 0 ? round(explained / spend, 4) : 1,
      checked: checkedTypes.length > 0 ? checkedTypes.join(', ') : 'nothing (no rule covers this service)',
      findingCount: there.length,
    },
  };
}

/**
 * The inventory with each spend-by-service resource (`spendType`: the type with the service-spend cost
 * role) told what the findings explain; ignored lines removed.
 */
export function withExplainedSpend(inventory: Inventory, findings: Finding[], map: CostServiceMap, now: Date, spendType: string): Inventory {
  if (!hasServiceSpend(inventory, spendType)) return inventory;
  const collected = new Set(inventory.collectedTypes);
  const fraction = monthToDateFraction(now);
  const ignored = new Set(map.ignore);
  const resources = inventory.resources
    .filter((r) => r.type !== spendType || !ignored.has(String(r.props.service)))
    .map((r) => (r.type === spendType ? explain(r, findings, collected, map, fraction) : r));
  return { ...inventory, resources };
}

export function hasServiceSpend(inventory: Inventory, spendType: string): boolean {
  return inventory.resources.some((r) => r.type === spendType);
}

// The cost inventory -> what `costguard cost` shows and prints as JSON (one entry per account). Pure.
import type { CostRoleTypes } from '../core/cost-roles.js';
import type { CollectionError, Inventory, Resource } from '../core/model.js';
import type { MonthTotal, ServiceCost, UsageTypeCost } from './summary.js';
import { roundCents } from '../core/money.js';

export const USD_PER_PAID_REQUEST = 0.01;

export interface FreeTierOffer {
  service?: string;
  usageType?: string;
  description?: string;
  freeTierType?: string;
  actualUsageAmount?: number;
  forecastedUsageAmount?: number;
  limit?: number;
  unit?: string;
  actualPercent?: number;
  forecastPercent?: number;
  ruleIds: string[];
}

export interface AccountCost {
  accountId: string;
  alias?: string;
  name?: string;
  source?: string;
  /** Absent when Cost Explorer could not be read for the account (see errors). */
  spend?: {
    month: string;
    monthToDateUsd: number;
    forecastUsd?: number;
    forecastAvailable: boolean;
    forecastUnavailableReason?: string;
    projectedUsd?: number;
    projectionSource: string;
    previousMonthsAverageUsd?: number;
    previousMonthsCount: number;
    spikeRatio?: number;
    months: MonthTotal[];
    topServices: ServiceCost[];
    fromCache: boolean;
    /** Of the 2 Cost Explorer questions (history, forecast), how many the disk cache answered. */
    cacheAnswers: number;
    fetchedAt?: string;
  };
  topUsageTypes: UsageTypeCost[];
  freeTier: {
    plan?: Record<string, unknown>;
    /** Offers, highest forecast use first. */
    offers: FreeTierOffer[];
  };
  budgets?: { budgetCount: number; budgetNames: string[] };
  billingAlarms?: { billingAlarmCount: number; notifyingAlarmCount: number };
}

export interface CostRequests {
  /** Cost Explorer requests this run made ($0.01 each, every page counts). */
  paidRequests: number;
  estimatedCostUsd: number;
  byOperation: Array<{ operation: string; calls: number }>;
  /** "all": the disk cache answered everything; "some": part of it; "none"; "n/a": nothing was asked. */
  cacheAnswered: 'all' | 'some' | 'none' | 'n/a';
  freeTierCalls: number;
}

export interface CostReport {
  tool: 'costguard';
  kind: 'cost';
  schemaVersion: 1;
  version: string;
  generatedAt: string;
  months: number;
  accounts: AccountCost[];
  requests: CostRequests;
  errors: CollectionError[];
}

function one(resources: Resource[], type: string, accountId: string): Resource | undefined {
  return resources.find((r) => r.type === type && r.accountId === accountId);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function spendOf(month: Resource | undefined): AccountCost['spend'] {
  if (!month) return undefined;
  const p = month.props;
  return {
    month: String(p.month ?? month.id),
    monthToDateUsd: num(p.monthToDateUsd) ?? 0,
    ...(num(p.forecastUsd) !== undefined ? { forecastUsd: num(p.forecastUsd) } : {}),
    forecastAvailable: p.forecastAvailable === true,
    ...(typeof p.forecastUnavailableReason === 'string' ? { forecastUnavailableReason: p.forecastUnavailableReason } : {}),
    ...(num(p.projectedUsd) !== undefined ? { projectedUsd: num(p.projectedUsd) } : {}),
    projectionSource: String(p.projectionSource ?? 'none'),
    ...(num(p.previousMonthsAverageUsd) !== undefined ? { previousMonthsAverageUsd: num(p.previousMonthsAverageUsd) } : {}),
    previousMonthsCount: num(p.previousMonthsCount) ?? 0,
    ...(num(p.spikeRatio) !== undefined ? { spikeRatio: num(p.spikeRatio) } : {}),
    months: (p.months as MonthTotal[] | undefined) ?? [],
    topServices: (p.topServices as ServiceCost[] | undefined) ?? [],
    fromCache: p.fromCache === true,
    cacheAnswers: num(p.cacheAnswers) ?? (p.fromCache === true ? 2 : 0),
    ...(typeof p.fetchedAt === 'string' ? { fetchedAt: p.fetchedAt } : {}),
  };
}

function offerOf(r: Resource): FreeTierOffer {
  const p = r.props;
  return {
    service: p.service as string | undefined,
    usageType: p.usageType as string | undefined,
    description: p.description as string | undefined,
    freeTierType: p.freeTierType as string | undefined,
    actualUsageAmount: num(p.actualUsageAmount),
    forecastedUsageAmount: num(p.forecastedUsageAmount),
    limit: num(p.limit),
    unit: p.unit as string | undefined,
    actualPercent: num(p.actualPercent),
    forecastPercent: num(p.forecastPercent),
    ruleIds: (p.ruleIds as string[] | undefined) ?? [],
  };
}

function requestsOf(inventory: Inventory, accounts: AccountCost[]): CostRequests {
  const ops = inventory.stats?.byOperation ?? [];
  const ce = ops.filter((o) => o.service === 'ce');
  const paidRequests = ce.reduce((n, o) => n + o.calls, 0);
  const spends = accounts.map((a) => a.spend).filter((s): s is NonNullable<AccountCost['spend']> => s !== undefined);
  const answered = spends.reduce((n, s) => n + s.cacheAnswers, 0);
  const asked = spends.length * 2;
  const cacheAnswered = asked === 0 ? (paidRequests > 0 ? 'none' : 'n/a') : answered === 0 ? 'none' : answered >= asked && paidRequests === 0 ? 'all' : 'some';
  return {
    paidRequests,
    estimatedCostUsd: roundCents(paidRequests * USD_PER_PAID_REQUEST),
    byOperation: ce.map((o) => ({ operation: o.operation, calls: o.calls })),
    cacheAnswered,
    freeTierCalls: ops.filter((o) => o.service === 'freetier').reduce((n, o) => n + o.calls, 0),
  };
}

export interface CostReportOptions {
  version: string;
  months: number;
  generatedAt?: string;
  /** Rows in the usage-type table. */
  topUsageTypes?: number;
  /** Which resource type holds each part of the report (the types' costRole; app/type-catalog.ts costRoles()). */
  roles: CostRoleTypes;
}

export function buildCostReport(inventory: Inventory, options: CostReportOptions): CostReport {
  const { resources } = inventory;
  const { roles } = options;
  const accountIds = [...new Set([...inventory.targets.map((t) => t.accountId), ...resources.map((r) => r.accountId)])];
  const accounts = accountIds.map((accountId): AccountCost => {
    const target = inventory.targets.find((t) => t.accountId === accountId);
    const usageTypes = resources
      .filter((r) => r.type === roles['usage-types'] && r.accountId === accountId)
      .map((r) => r.props as unknown as UsageTypeCost)
      .sort((a, b) => b.monthToDateUsd + b.previousMonthUsd - (a.monthToDateUsd + a.previousMonthUsd) || a.usageType.localeCompare(b.usageType));
    const offers = resources
      .filter((r) => r.type === roles['free-tier-offers'] && r.accountId === accountId)
      .map(offerOf)
      .sort((a, b) => (b.forecastPercent ?? b.actualPercent ?? 0) - (a.forecastPercent ?? a.actualPercent ?? 0));
    const budgets = one(resources, roles.budgets, accountId);
    const alarms = one(resources, roles['billing-alarms'], accountId);
    const plan = one(resources, roles['free-tier-plan'], accountId);
    return {
      accountId,
      ...(target?.alias ? { alias: target.alias } : {}),
      ...(target?.name ? { name: target.name } : {}),
      ...(target?.source ? { source: target.source } : {}),
      spend: spendOf(one(resources, roles.month, accountId)),
      topUsageTypes: usageTypes.slice(0, options.topUsageTypes ?? 10),
      freeTier: { ...(plan ? { plan: plan.props } : {}), offers },
      ...(budgets
        ? { budgets: { budgetCount: num(budgets.props.budgetCount) ?? 0, budgetNames: (budgets.props.budgetNames as string[] | undefined) ?? [] } }
        : {}),
      ...(alarms
        ? { billingAlarms: { billingAlarmCount: num(alarms.props.billingAlarmCount) ?? 0, notifyingAlarmCount: num(alarms.props.notifyingAlarmCount) ?? 0 } }
        : {}),
    };
  });
  return {
    tool: 'costguard',
    kind: 'cost',
    schemaVersion: 1,
    version: options.version,
    generatedAt: options.generatedAt ?? inventory.generatedAt,
    months: options.months,
    accounts,
    requests: requestsOf(inventory, accounts),
    errors: inventory.errors,
  };
}

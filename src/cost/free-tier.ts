// Free Tier API answers -> resource props. Pure.
import { daysUntil } from './months.js';
import { roundCents as cents } from '../core/money.js';
import { auditCommandFor, parseUsageType, rulesForUsageType } from './usage-types.js';

/** One offer as GetFreeTierUsage returns it. */
export interface FreeTierUsageLike {
  service?: string;
  operation?: string;
  usageType?: string;
  region?: string;
  actualUsageAmount?: number;
  forecastedUsageAmount?: number;
  limit?: number;
  unit?: string;
  description?: string;
  freeTierType?: string;
}

/** GetAccountPlanState's answer (the expiry already a Date or ISO text). */
export interface AccountPlanStateLike {
  accountId?: string;
  accountPlanType?: string;
  accountPlanStatus?: string;
  accountPlanRemainingCredits?: { amount?: number; unit?: string };
  accountPlanExpirationDate?: Date | string;
}

/** Percent of a limit, one decimal; undefined when there is no limit. */
export function percentOf(amount: number | undefined, limit: number | undefined): number | undefined {
  if (amount === undefined || limit === undefined || !(limit > 0)) return undefined;
  return Math.round((amount / limit) * 1000) / 10;
}

/** A stable id for one offer: usage type, region and kind together are unique. */
export function offerId(usage: FreeTierUsageLike): string {
  return [usage.service ?? 'unknown', usage.usageType ?? usage.operation ?? 'unknown', usage.region || 'global', usage.freeTierType ?? '']
    .filter(Boolean)
    .join('/');
}

export function offerProps(usage: FreeTierUsageLike): Record<string, unknown> {
  const usageType = usage.usageType ?? '';
  const parsed = parseUsageType(usageType);
  const actualPercent = percentOf(usage.actualUsageAmount, usage.limit);
  const forecastPercent = percentOf(usage.forecastedUsageAmount, usage.limit);
  const ruleIds = rulesForUsageType(usageType);
  return {
    service: usage.service,
    operation: usage.operation,
    usageType,
    baseUsageType: parsed.base,
    usageRegion: usage.region || parsed.region,
    description: usage.description,
    freeTierType: usage.freeTierType,
    actualUsageAmount: usage.actualUsageAmount,
    forecastedUsageAmount: usage.forecastedUsageAmount,
    limit: usage.limit,
    unit: usage.unit,
    ...(actualPercent !== undefined ? { actualPercent } : {}),
    ...(forecastPercent !== undefined ? { forecastPercent } : {}),
    ruleIds,
    auditCommand: auditCommandFor(ruleIds),
  };
}

function isoOf(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Plan props for an account where the API answered. */
export function planProps(state: AccountPlanStateLike, now: Date): Record<string, unknown> {
  const expiresAt = isoOf(state.accountPlanExpirationDate);
  const credits = state.accountPlanRemainingCredits;
  const daysLeft = daysUntil(now, expiresAt);
  return {
    available: true,
    accountPlanType: state.accountPlanType,
    status: state.accountPlanStatus,
    ...(credits?.amount !== undefined ? { remainingCreditsUsd: cents(credits.amount), creditsUnit: credits.unit ?? 'USD' } : {}),
    ...(expiresAt ? { expiresAt, expiresOn: expiresAt.slice(0, 10) } : {}),
    ...(daysLeft !== undefined ? { daysLeft } : {}),
  };
}

/** Plan props for an account the API does not serve (legacy accounts, organization members, no access). */
export function unavailablePlanProps(reason: string): Record<string, unknown> {
  return { available: false, unavailableReason: reason };
}

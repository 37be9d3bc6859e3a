// Cost Explorer answers -> the numbers the cost pack and `costguard cost` read. Pure: plain JSON in,
// plain JSON out. Amounts are USD before credits and refunds (the request filters those out), so a
// credit-plan account sees what it spends, not a zero bill.
import { completedDaysInMonth, daysInMonth, monthKey, monthsBetween } from './months.js';
import { auditCommandFor, parseUsageType, rulesForUsageType } from './usage-types.js';
import { roundCents as cents } from '../core/money.js';

/** The parts of a GetCostAndUsage ResultByTime this module reads (structural: no SDK import). */
export interface ResultByTimeLike {
  TimePeriod?: { Start?: string; End?: string };
  Total?: Record<string, { Amount?: string; Unit?: string } | undefined>;
  Groups?: Array<{ Keys?: string[]; Metrics?: Record<string, { Amount?: string; Unit?: string } | undefined> }>;
  Estimated?: boolean;
}

/** One (month, service, usage type) line. */
export interface CostRow {
  month: string;
  service: string;
  usageType: string;
  usd: number;
  quantity: number;
  unit?: string;
  estimated: boolean;
}

export interface MonthTotal {
  /** YYYY-MM */
  month: string;
  usd: number;
  /** Cost Explorer marks the numbers as estimated (the month is not closed). */
  estimated: boolean;
  /** This month: the numbers run to yesterday. */
  partial: boolean;
}

export interface ServiceCost {
  service: string;
  monthToDateUsd: number;
  previousMonthUsd: number;
}

export interface UsageTypeCost {
  usageType: string;
  baseUsageType: string;
  regionPrefix?: string;
  usageRegion?: string;
  service: string;
  monthToDateUsd: number;
  monthToDateQuantity: number;
  previousMonthUsd: number;
  previousMonthQuantity: number;
  unit?: string;
  /** Audit rules that explain this usage type. */
  ruleIds: string[];
  /** "costguard audit --rule ..." for those rules. */
  auditCommand: string;
}

export type ForecastInput = { available: true; remainingUsd: number } | { available: false; reason: string };

export interface CostSummary {
  /** YYYY-MM of the current month. */
  month: string;
  monthToDateUsd: number;
  /** Cost Explorer's forecast for the whole month (month to date + the rest); absent when unavailable. */
  forecastUsd?: number;
  forecastAvailable: boolean;
  forecastUnavailableReason?: string;
  /** The forecast, or a straight-line projection of month to date when there is no forecast. */
  projectedUsd?: number;
  projectionSource: 'forecast' | 'linear' | 'none';
  /** Average of the previous full months, counted from the first month with any spend. */
  previousMonthsAverageUsd?: number;
  previousMonthsCount: number;
  previousMonthUsd: number;
  /** projectedUsd / previousMonthsAverageUsd, when both exist and the average is above zero. */
  spikeRatio?: number;
  daysElapsed: number;
  daysInMonth: number;
  months: MonthTotal[];
  services: ServiceCost[];
  usageTypes: UsageTypeCost[];
}


function amount(metric: { Amount?: string } | undefined): number {
  const n = Number(metric?.Amount ?? 0);
  return Number.isFinite(n) ? n : 0;
}

const COST_METRIC = 'UnblendedCost';
const USAGE_METRIC = 'UsageQuantity';

/** Flatten results grouped by [SERVICE, USAGE_TYPE] into rows; an ungrouped Total becomes one row. */
export function rowsFromResults(results: readonly ResultByTimeLike[]): CostRow[] {
  const rows: CostRow[] = [];
  for (const result of results) {
    const start = result.TimePeriod?.Start;
    if (!start) continue;
    const month = monthKey(start);
    const estimated = Boolean(result.Estimated);
    const groups = result.Groups ?? [];
    if (groups.length === 0) {
      const usd = amount(result.Total?.[COST_METRIC]);
      if (usd !== 0) rows.push({ month, service: 'Total', usageType: 'Total', usd, quantity: 0, estimated });
      continue;
    }
    for (const group of groups) {
      const [service = 'Unknown', usageType = service] = group.Keys ?? [];
      const usage = group.Metrics?.[USAGE_METRIC];
      rows.push({
        month,
        service,
        usageType,
        usd: amount(group.Metrics?.[COST_METRIC]),
        quantity: amount(usage),
        ...(usage?.Unit && usage.Unit !== 'N/A' ? { unit: usage.Unit } : {}),
        estimated,
      });
    }
  }
  return rows;
}

/**
 * Merge the pages of one GetCostAndUsage answer: with GroupBy, a page break can split one period's
 * groups across pages, so periods with the same start are joined.
 */
export function mergeResultPages<T extends ResultByTimeLike>(pages: ReadonlyArray<readonly T[]>): T[] {
  const byStart = new Map<string, T>();
  const order: string[] = [];
  for (const page of pages) {
    for (const result of page) {
      const key = result.TimePeriod?.Start ?? `#${order.length}`;
      const seen = byStart.get(key);
      if (!seen) {
        byStart.set(key, { ...result, Groups: [...(result.Groups ?? [])] });
        order.push(key);
      } else {
        seen.Groups = [...(seen.Groups ?? []), ...(result.Groups ?? [])];
        seen.Estimated = Boolean(seen.Estimated) || Boolean(result.Estimated);
      }
    }
  }
  return order.map((key) => byStart.get(key) as T);
}

function sumBy<K extends string>(rows: CostRow[], key: (row: CostRow) => K): Map<K, { usd: number; quantity: number; unit?: string }> {
  const out = new Map<K, { usd: number; quantity: number; unit?: string }>();
  for (const row of rows) {
    const k = key(row);
    const entry = out.get(k) ?? { usd: 0, quantity: 0 };
    entry.usd += row.usd;
    entry.quantity += row.quantity;
    if (row.unit) entry.unit ??= row.unit;
    out.set(k, entry);
  }
  return out;
}

function monthTotals(rows: CostRow[], monthKeys: string[], current: string): MonthTotal[] {
  const totals = sumBy(rows, (r) => r.month);
  const estimated = new Set(rows.filter((r) => r.estimated).map((r) => r.month));
  return monthKeys.map((month) => ({
    month,
    usd: cents(totals.get(month)?.usd ?? 0),
    estimated: estimated.has(month),
    partial: month === current,
  }));
}

function previousAverage(months: MonthTotal[], current: string): { average?: number; count: number } {
  const previous = months.filter((m) => m.month < current);
  const first = previous.findIndex((m) => m.usd > 0);
  if (first < 0) return { count: 0 };
  const counted = previous.slice(first);
  return { average: cents(counted.reduce((n, m) => n + m.usd, 0) / counted.length), count: counted.length };
}

function serviceCosts(rows: CostRow[], current: string, previous: string): ServiceCost[] {
  const now = sumBy(rows.filter((r) => r.month === current), (r) => r.service);
  const before = sumBy(rows.filter((r) => r.month === previous), (r) => r.service);
  const names = new Set([...now.keys(), ...before.keys()]);
  return [...names]
    .map((service) => ({ service, monthToDateUsd: cents(now.get(service)?.usd ?? 0), previousMonthUsd: cents(before.get(service)?.usd ?? 0) }))
    .filter((s) => s.monthToDateUsd !== 0 || s.previousMonthUsd !== 0)
    .sort((a, b) => b.monthToDateUsd - a.monthToDateUsd || b.previousMonthUsd - a.previousMonthUsd || a.service.localeCompare(b.service));
}

function usageTypeCosts(rows: CostRow[], current: string, previous: string): UsageTypeCost[] {
  const key = (r: CostRow) => `${r.service}\u0000${r.usageType}`;
  const now = sumBy(rows.filter((r) => r.month === current), key);
  const before = sumBy(rows.filter((r) => r.month === previous), key);
  const keys = new Set([...now.keys(), ...before.keys()]);
  const out: UsageTypeCost[] = [];
  for (const k of keys) {
    const [service, usageType] = k.split('\u0000');
    const a = now.get(k);
    const b = before.get(k);
    if ((a?.usd ?? 0) === 0 && (b?.usd ?? 0) === 0 && (a?.quantity ?? 0) === 0) continue;
    const parsed = parseUsageType(usageType);
    const unit = a?.unit ?? b?.unit;
    const ruleIds = rulesForUsageType(usageType);
    out.push({
      usageType,
      baseUsageType: parsed.base,
      ...(parsed.prefix ? { regionPrefix: parsed.prefix } : {}),
      ...(parsed.region ? { usageRegion: parsed.region } : {}),
      service,
      monthToDateUsd: cents(a?.usd ?? 0),
      monthToDateQuantity: Math.round((a?.quantity ?? 0) * 1000) / 1000,
      previousMonthUsd: cents(b?.usd ?? 0),
      previousMonthQuantity: Math.round((b?.quantity ?? 0) * 1000) / 1000,
      ...(unit ? { unit } : {}),
      ruleIds,
      auditCommand: auditCommandFor(ruleIds),
    });
  }
  return out.sort(byRecentCost);
}

/** Highest this month plus last month first (early in a month, last month still says what costs). */
function byRecentCost(a: UsageTypeCost, b: UsageTypeCost): number {
  return b.monthToDateUsd + b.previousMonthUsd - (a.monthToDateUsd + a.previousMonthUsd) || a.usageType.localeCompare(b.usageType);
}

export interface SummaryOptions {
  now: Date;
  /** Full months before this one that the history covers. */
  months: number;
  /** Period start of the history request (YYYY-MM-DD). */
  periodStart: string;
  forecast: ForecastInput;
}

export function summarizeCosts(rows: CostRow[], options: SummaryOptions): CostSummary {
  const { now } = options;
  const current = monthKey(now);
  const monthKeys = monthsBetween(options.periodStart, now);
  const months = monthTotals(rows, monthKeys, current);
  const previousKey = monthKeys.filter((m) => m < current).at(-1) ?? '';
  const monthToDateUsd = months.find((m) => m.month === current)?.usd ?? 0;
  const days = daysInMonth(now);
  const daysElapsed = completedDaysInMonth(now);
  const forecastUsd = options.forecast.available ? cents(monthToDateUsd + options.forecast.remainingUsd) : undefined;
  const linear = daysElapsed > 0 ? cents((monthToDateUsd / daysElapsed) * days) : undefined;
  const projectedUsd = forecastUsd ?? linear;
  const { average, count } = previousAverage(months, current);
  const spikeRatio = projectedUsd !== undefined && average !== undefined && average > 0 ? Math.round((projectedUsd / average) * 100) / 100 : undefined;
  return {
    month: current,
    monthToDateUsd,
    ...(forecastUsd !== undefined ? { forecastUsd } : {}),
    forecastAvailable: options.forecast.available,
    ...(!options.forecast.available ? { forecastUnavailableReason: options.forecast.reason } : {}),
    ...(projectedUsd !== undefined ? { projectedUsd } : {}),
    projectionSource: forecastUsd !== undefined ? 'forecast' : linear !== undefined ? 'linear' : 'none',
    ...(average !== undefined ? { previousMonthsAverageUsd: average } : {}),
    previousMonthsCount: count,
    previousMonthUsd: months.find((m) => m.month === previousKey)?.usd ?? 0,
    ...(spikeRatio !== undefined ? { spikeRatio } : {}),
    daysElapsed,
    daysInMonth: days,
    months,
    services: serviceCosts(rows, current, previousKey),
    usageTypes: usageTypeCosts(rows, current, previousKey),
  };
}

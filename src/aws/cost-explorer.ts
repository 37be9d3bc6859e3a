// Cost Explorer: $0.01 per request and per page. Every answer is cached on disk per account and exact
// request (default 4 h), two collectors of one account share one call, and the calls that do go out
// are counted in CallStats as "ce:GetCostAndUsage" / "ce:GetCostForecast" (one per page).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  type Expression,
  type GetCostAndUsageCommandInput,
  type GetCostForecastCommandInput,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { costCacheKey } from '../cost/cache-key.js';
import { memoize } from '../core/memo.js';
import { forecastPeriod, historyPeriod } from '../cost/months.js';
import { mergeResultPages, type ForecastInput } from '../cost/summary.js';
import { describeAwsError, isCredentialsError } from './aws-errors.js';
import { isThrottle } from './call-stats.js';

export { CostExplorerClient };

// ---- disk cache ----

export interface CostCacheOptions {
  dir: string;
  ttlMs: number;
  /** false (--no-cache): skip reading; answers are still written, so the next run can use them. */
  read: boolean;
  now?: () => number;
}

interface CacheFile<T> {
  savedAt: string;
  accountId: string;
  operation: string;
  request: unknown;
  value: T;
}

export interface CacheHit<T> {
  value: T;
  savedAt: string;
}

/** One JSON file per answer under <dir>/cost-explorer/, keyed by account and request. */
export class CostCache {
  readonly dir: string;

  constructor(private readonly options: CostCacheOptions) {
    this.dir = join(options.dir, 'cost-explorer');
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  get<T>(key: string): CacheHit<T> | undefined {
    if (!this.options.read || this.options.ttlMs <= 0) return undefined;
    try {
      const entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as CacheFile<T>;
      const age = this.now() - Date.parse(entry.savedAt);
      if (!(age >= 0 && age < this.options.ttlMs)) return undefined;
      return { value: entry.value, savedAt: entry.savedAt };
    } catch {
      return undefined;
    }
  }

  /** Best effort: a cache that cannot be written never fails the run. */
  set<T>(key: string, meta: { accountId: string; operation: string; request: unknown }, value: T): string {
    const savedAt = new Date(this.now()).toISOString();
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const file = this.file(key);
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const entry: CacheFile<T> = { savedAt, ...meta, value };
      writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
      renameSync(tmp, file);
    } catch {
      // read-only home, full disk: go on without caching
    }
    return savedAt;
  }
}

// ---- requests ----

/**
 * Only this account's usage (a management account would otherwise see its whole organization), before
 * credits and refunds (so a credit-plan account sees what it spends).
 */
export function costFilter(accountId: string): Expression {
  return {
    And: [
      { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [accountId] } },
      { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Credit', 'Refund'] } } },
    ],
  };
}

/** The one history request: `months` full months plus this month to date, by service and usage type. */
export function costHistoryRequest(accountId: string, now: Date, months: number): GetCostAndUsageCommandInput {
  const period = historyPeriod(now, months);
  return {
    TimePeriod: { Start: period.start, End: period.end },
    Granularity: 'MONTHLY',
    Metrics: ['UnblendedCost', 'UsageQuantity'],
    GroupBy: [
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
    ],
    Filter: costFilter(accountId),
  };
}

export function forecastRequest(accountId: string, now: Date): GetCostForecastCommandInput {
  const period = forecastPeriod(now);
  return {
    TimePeriod: { Start: period.start, End: period.end },
    Metric: 'UNBLENDED_COST',
    Granularity: 'MONTHLY',
    Filter: costFilter(accountId),
  };
}

export interface CostQuery {
  client: CostExplorerClient;
  accountId: string;
  now: Date;
  /** Absent: no disk cache (every call is paid). */
  cache?: CostCache;
}

export interface CostHistory {
  request: GetCostAndUsageCommandInput;
  results: ResultByTime[];
  /** Pages fetched by this run (0 when the cache answered). */
  pages: number;
  fromCache: boolean;
  /** When the answer was fetched from Cost Explorer. */
  fetchedAt: string;
}

/** GetCostAndUsage with every page, from the cache when it has a fresh answer. */
export function fetchCostHistory(query: CostQuery, months: number): Promise<CostHistory> {
  const request = costHistoryRequest(query.accountId, query.now, months);
  const key = costCacheKey(query.accountId, 'GetCostAndUsage', request);
  return memoize(query.client, key, async () => {
    const hit = query.cache?.get<ResultByTime[]>(key);
    if (hit) return { request, results: hit.value, pages: 0, fromCache: true, fetchedAt: hit.savedAt };
    const pages: ResultByTime[][] = [];
    let token: string | undefined;
    do {
      const page = await query.client.send(new GetCostAndUsageCommand({ ...request, ...(token ? { NextPageToken: token } : {}) }));
      pages.push(page.ResultsByTime ?? []);
      token = page.NextPageToken || undefined;
    } while (token);
    const results = mergeResultPages(pages);
    const meta = { accountId: query.accountId, operation: 'GetCostAndUsage', request };
    const fetchedAt = query.cache?.set(key, meta, results) ?? new Date().toISOString();
    return { request, results, pages: pages.length, fromCache: false, fetchedAt };
  });
}

export type MonthForecast = ForecastInput & { fromCache: boolean };

type CachedForecast = { available: true; remainingUsd: number } | { available: false; reason: string };

/** Errors that say nothing about the forecast itself; their answer is not cached. */
function isTransient(error: unknown): boolean {
  const { code, status, message } = describeAwsError(error);
  if (isThrottle(code) || isCredentialsError(error)) return true;
  // an endpoint that does not implement GetCostForecast (an emulator) answers the same every time
  if (/does not implement this operation/.test(message)) return false;
  if (status === undefined) return /ECONN|ETIMEDOUT|EAI_AGAIN|socket|network|TimeoutError|AbortError/i.test(`${code} ${message}`);
  return status >= 500;
}

/**
 * GetCostForecast for the rest of this month. Never throws: when Cost Explorer cannot forecast (new
 * accounts: DataUnavailableException; emulators: not implemented) the answer is "forecast unavailable".
 * Definite answers, failures included, are cached like any other; throttles and network errors are not.
 */
export function fetchMonthForecast(query: CostQuery): Promise<MonthForecast> {
  const request = forecastRequest(query.accountId, query.now);
  const key = costCacheKey(query.accountId, 'GetCostForecast', request);
  return memoize(query.client, key, async (): Promise<MonthForecast> => {
    const hit = query.cache?.get<CachedForecast>(key);
    if (hit) return { ...hit.value, fromCache: true };
    const meta = { accountId: query.accountId, operation: 'GetCostForecast', request };
    try {
      const out = await query.client.send(new GetCostForecastCommand(request));
      const remaining = Number(out.Total?.Amount ?? 0);
      const value: CachedForecast = { available: true, remainingUsd: Number.isFinite(remaining) ? remaining : 0 };
      query.cache?.set(key, meta, value);
      return { ...value, fromCache: false };
    } catch (error) {
      const { code, message } = describeAwsError(error);
      const value: CachedForecast = { available: false, reason: `${code}: ${message}` };
      if (!isTransient(error)) query.cache?.set(key, meta, value);
      return { ...value, fromCache: false };
    }
  });
}

// ---- spend by service and region (reconciliation) ----

export interface ServiceRegionSpend {
  service: string;
  /** Cost Explorer's REGION value: "ap-northeast-2", "global", "NoRegion". */
  region: string;
  monthToDateUsd: number;
}

/** Month to date (first of the month up to yesterday; End is exclusive), by SERVICE and REGION. */
export function serviceRegionRequest(accountId: string, now: Date): GetCostAndUsageCommandInput | undefined {
  const today = now.toISOString().slice(0, 10);
  const start = `${today.slice(0, 8)}01`;
  if (start === today) return undefined;
  return {
    TimePeriod: { Start: start, End: today },
    Granularity: 'MONTHLY',
    Metrics: ['UnblendedCost'],
    GroupBy: [
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'REGION' },
    ],
    Filter: costFilter(accountId),
  };
}

/** Grouped answers carry an empty Total: the amounts are read from the Groups (Keys follow GroupBy). */
export function spendFromGroups(results: ResultByTime[]): ServiceRegionSpend[] {
  const sums = new Map<string, ServiceRegionSpend>();
  for (const period of results) {
    for (const group of period.Groups ?? []) {
      const [service, region] = group.Keys ?? [];
      const amount = Number(group.Metrics?.UnblendedCost?.Amount ?? 0);
      if (!service || !region || !Number.isFinite(amount)) continue;
      const key = `${service}\n${region}`;
      const entry = sums.get(key) ?? { service, region, monthToDateUsd: 0 };
      entry.monthToDateUsd += amount;
      sums.set(key, entry);
    }
  }
  return [...sums.values()].map((s) => ({ ...s, monthToDateUsd: Math.round(s.monthToDateUsd * 100) / 100 }));
}

/** One GetCostAndUsage (every page), from the disk cache when it has a fresh answer. */
export function fetchServiceRegionSpend(query: CostQuery): Promise<ServiceRegionSpend[]> {
  const request = serviceRegionRequest(query.accountId, query.now);
  if (!request) return Promise.resolve([]);
  const key = costCacheKey(query.accountId, 'GetCostAndUsage', request);
  return memoize(query.client, key, async () => {
    const hit = query.cache?.get<ResultByTime[]>(key);
    if (hit) return spendFromGroups(hit.value);
    const pages: ResultByTime[][] = [];
    let token: string | undefined;
    do {
      const page = await query.client.send(new GetCostAndUsageCommand({ ...request, ...(token ? { NextPageToken: token } : {}) }));
      pages.push(page.ResultsByTime ?? []);
      token = page.NextPageToken || undefined;
    } while (token);
    const results = pages.flat();
    query.cache?.set(key, { accountId: query.accountId, operation: 'GetCostAndUsage', request }, results);
    return spendFromGroups(results);
  });
}

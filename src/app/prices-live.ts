// Live prices for the (key, region) pairs a run's findings need: the Price List API's answer, cached on
// disk for 7 days (keyed by service, region and filters), so a second run makes no pricing calls.
// AccessDenied or an unreachable endpoint stops the lookups: the tables are used and the report says why.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAwsError } from '../aws/aws-errors.js';
import { getAllProducts, pricingClient, type PricingClient } from '../aws/pricing.js';
import { stableStringify } from '../cost/cache-key.js';
import { priceId, type PriceAnswer } from '../core/price-book.js';
import { parsePriceList, selectPrice, type SelectedPrice } from '../core/price-select.js';
import { queryFor, type PriceQuery, type PriceTable } from '../core/price-table.js';

export const PRICE_CACHE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const PRICE_LOOKUP_CONCURRENCY = 4;

export interface LiveLookupOptions {
  /** costguard's cache dir ($XDG_CACHE_HOME/costguard); answers go to <dir>/prices. */
  cacheDir: string;
  now?: () => number;
  ttlMs?: number;
  concurrency?: number;
  client?: PricingClient;
  maxAttempts?: number;
  profile?: string;
}

export interface LiveLookupResult {
  /** priceId(key, region) → answer (source api or cache), or why the API had no single price. */
  resolved: Map<string, PriceAnswer>;
  /** Why the API could not be used (then the tables price everything not already resolved). */
  fallback?: string;
  apiCalls: number;
}

interface CachedAnswer {
  savedAt: string;
  query: PriceQuery & { region: string };
  answer: SelectedPrice;
}

function cacheFile(dir: string, query: PriceQuery, region: string): string {
  const identity = { service: query.service, region, filters: query.filters, usagetype: query.usagetype ?? null, unit: query.unit };
  const hash = createHash('sha256').update(stableStringify(identity)).digest('hex').slice(0, 32);
  return join(dir, 'prices', `${query.service.replace(/[^A-Za-z0-9]/g, '_')}-${region}-${hash}.json`);
}

function readCached(file: string, now: number, ttlMs: number): SelectedPrice | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedAnswer;
    const age = now - Date.parse(cached.savedAt);
    return age >= 0 && age < ttlMs ? cached.answer : undefined;
  } catch {
    return undefined;
  }
}

function writeCached(file: string, query: PriceQuery, region: string, answer: SelectedPrice, now: number): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const body: CachedAnswer = { savedAt: new Date(now).toISOString(), query: { ...query, region }, answer };
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(body, null, 2)}\n`);
    renameSync(temp, file);
  } catch {
    // a cache that cannot be written only costs a call next time
  }
}

function toAnswer(selected: SelectedPrice, query: PriceQuery, table: PriceTable, region: string, source: 'api' | 'cache'): PriceAnswer {
  if ('reason' in selected) return { usd: null, reason: selected.reason };
  const monthly = query.per === 'hour' ? selected.unitUsd * table.hoursPerMonth : selected.unitUsd;
  return { usd: Math.round(monthly * 1e6) / 1e6, source, region };
}

/** Runs `work` over items, at most `limit` at a time. */
async function bounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Look up each (key, region): cache first, then GetProducts; concurrent and bounded. */
export async function lookUpLivePrices(needs: Array<{ key: string; region: string }>, table: PriceTable, options: LiveLookupOptions): Promise<LiveLookupResult> {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? PRICE_CACHE_TTL_MS;
  const resolved = new Map<string, PriceAnswer>();
  let apiCalls = 0;
  let fallback: string | undefined;
  let client = options.client;
  // One GetProducts answer serves every key with the same query (same file).
  const inFlight = new Map<string, Promise<{ selected: SelectedPrice; source: 'api' | 'cache' } | undefined>>();

  const fetchOne = async (query: PriceQuery, region: string): Promise<{ selected: SelectedPrice; source: 'api' | 'cache' } | undefined> => {
    const file = cacheFile(options.cacheDir, query, region);
    const cached = readCached(file, now(), ttlMs);
    if (cached) return { selected: cached, source: 'cache' };
    if (fallback) return undefined;
    client ??= pricingClient({ maxAttempts: options.maxAttempts, profile: options.profile });
    try {
      const items = await getAllProducts(client, query.service, { ...query.filters, regionCode: region }, () => apiCalls++);
      const selected = selectPrice(parsePriceList(items), query, region);
      writeCached(file, query, region, selected, now());
      return { selected, source: 'api' };
    } catch (error) {
      const described = describeAwsError(error);
      fallback ??= `the AWS Price List API could not be used (${described.code}: ${described.message}); prices come from the price tables`;
      return undefined;
    }
  };

  await bounded(needs, options.concurrency ?? PRICE_LOOKUP_CONCURRENCY, async ({ key, region }) => {
    const query = queryFor(table, key);
    if (!query || region === '*') return;
    const id = cacheFile(options.cacheDir, query, region);
    let pending = inFlight.get(id);
    if (!pending) {
      pending = fetchOne(query, region);
      inFlight.set(id, pending);
    }
    const got = await pending;
    if (got) resolved.set(priceId(key, region), toAnswer(got.selected, query, table, region, got.source));
  });
  return { resolved, ...(fallback ? { fallback } : {}), apiCalls };
}

// Prices for an audit: which book prices the findings (shipped table, local table, live answers), and
// `costguard prices update` which writes the local table. The core stays pure: evaluation is handed a
// price book; the live lookups happen here.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluateInput, EvaluateResult } from '../core/evaluate.js';
import { evaluate } from '../core/evaluate.js';
import type { Finding, PricingInfo } from '../core/model.js';
import { RecordingPriceBook, resolvedPriceBook, tablePriceBook, type PriceBook } from '../core/price-book.js';
import { loadShippedPriceTable, parsePriceTable, queryFor, tableKeys, type PriceTable } from '../core/price-table.js';
import type { Rule } from '../core/policy/types.js';
import { costRoles } from './type-catalog.js';
import { hasServiceSpend, loadCostServiceMap, withExplainedSpend } from '../core/price-reconcile.js';

export function localPriceTablePath(cacheDir: string): string {
  return join(cacheDir, 'price-table.json');
}

/** The table `costguard prices update` wrote, when there is one (a broken file is ignored). */
export function readLocalPriceTable(cacheDir: string): PriceTable | undefined {
  let text: string;
  try {
    text = readFileSync(localPriceTablePath(cacheDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return parsePriceTable(text, localPriceTablePath(cacheDir));
  } catch {
    return undefined;
  }
}

export interface AuditPricing {
  /** Table only: --offline-prices, a snapshot or the demo (the reason, for the footer). */
  tableOnly?: string;
  cacheDir: string;
  maxAttempts?: number;
  profile?: string;
}

function countSources(findings: Finding[], rules: Rule[]): Pick<PricingInfo, 'bySource' | 'unknown'> {
  const costed = new Set(rules.filter((r) => r.cost !== undefined).map((r) => r.id));
  const bySource = { api: 0, cache: 0, table: 0 };
  let unknown = 0;
  for (const f of findings) {
    if (f.priceSource) bySource[f.priceSource]++;
    else if (costed.has(f.ruleId) && f.monthlyCostUsd === null) unknown++;
  }
  return { bySource, unknown };
}

/**
 * Evaluate with prices. Table only: one evaluation with the shipped table. Live: a first evaluation
 * with the tables records which (key, region) the findings need (only evaluation knows: conditions
 * and templates decide it), those are looked up (cache, then the API), and the findings are
 * evaluated again with the answers in front of the tables. Evaluation is pure and cheap; the lookups
 * are the slow part and happen once.
 */
/**
 * One evaluation with a price book. When the cost pack's spend by service and region is in the
 * inventory, the findings' estimates there are added to it (what they explain) and the rules run again,
 * so cost-unexplained-spend judges the bill against the same findings the report shows.
 */
function evaluatePriced(input: Omit<EvaluateInput, 'priceBook'>, priceBook: PriceBook): EvaluateResult {
  const result = evaluate({ ...input, priceBook });
  const spendType = costRoles()['service-spend'];
  if (!hasServiceSpend(input.inventory, spendType)) return result;
  const inventory = withExplainedSpend(input.inventory, result.findings, loadCostServiceMap(), input.now ?? new Date(), spendType);
  return evaluate({ ...input, inventory, priceBook });
}

export async function evaluateWithPrices(input: Omit<EvaluateInput, 'priceBook'>, pricing: AuditPricing): Promise<{ result: EvaluateResult; info: PricingInfo }> {
  const shipped = loadShippedPriceTable();
  if (pricing.tableOnly !== undefined) {
    const result = evaluatePriced(input, tablePriceBook([shipped]));
    return { result, info: { mode: 'table', tableReason: pricing.tableOnly, ...countSources(result.findings, result.rules), apiCalls: 0 } };
  }
  const local = readLocalPriceTable(pricing.cacheDir);
  const tables: PriceBook = tablePriceBook(local ? [local, shipped] : [shipped], local ? 'the price tables' : 'the shipped price table');
  const recorder = new RecordingPriceBook(tables);
  let result = evaluatePriced(input, recorder);
  const { lookUpLivePrices } = await import('./prices-live.js');
  const live = await lookUpLivePrices([...recorder.asked.values()], shipped, {
    cacheDir: pricing.cacheDir,
    maxAttempts: pricing.maxAttempts,
    profile: pricing.profile,
  });
  if (live.resolved.size > 0) result = evaluatePriced(input, resolvedPriceBook(live.resolved, tables));
  const info: PricingInfo = {
    mode: 'live',
    ...countSources(result.findings, result.rules),
    ...(live.fallback ? { fallback: live.fallback } : {}),
    apiCalls: live.apiCalls,
    ...(local ? { localTable: (local as PriceTable & { updatedAt?: string }).updatedAt ?? 'unknown date' } : {}),
  };
  return { result, info };
}

export interface UpdateRequest {
  regions: string[];
  cacheDir: string;
  now?: () => number;
  maxAttempts?: number;
  profile?: string;
}

export interface UpdateResult {
  file: string;
  /** Prices written, per region. */
  written: Record<string, number>;
  /** Keys the API gave no single price for, with why. */
  missing: Array<{ key: string; region: string; reason: string }>;
  fallback?: string;
  apiCalls: number;
}

/** Ask the API for every key of the shipped table in each region, and write the local table. */
export async function updatePriceTable(request: UpdateRequest): Promise<UpdateResult> {
  const shipped = loadShippedPriceTable();
  const now = request.now ?? Date.now;
  const keys = tableKeys(shipped).filter((k) => queryFor(shipped, k) !== undefined);
  const needs = request.regions.flatMap((region) => keys.map((key) => ({ key, region })));
  const { lookUpLivePrices } = await import('./prices-live.js');
  // ttl 0: always ask the API (the answers are cached again for audits).
  const live = await lookUpLivePrices(needs, shipped, { cacheDir: request.cacheDir, ttlMs: 0, now, maxAttempts: request.maxAttempts, profile: request.profile });
  const date = new Date(now()).toISOString();
  const table: PriceTable & { updatedAt: string } = readLocalPriceTable(request.cacheDir) as PriceTable & { updatedAt: string } ?? { hoursPerMonth: shipped.hoursPerMonth, keys: {}, updatedAt: date };
  table.updatedAt = date;
  const written: Record<string, number> = {};
  const missing: UpdateResult['missing'] = [];
  for (const { key, region } of needs) {
    const answer = live.resolved.get(`${key}@${region}`);
    if (!answer || answer.usd === null) {
      missing.push({ key, region, reason: answer?.usd === null ? answer.reason : (live.fallback ?? 'no answer') });
      continue;
    }
    const dot = shipped.keys[key] ? -1 : key.indexOf('.');
    const head = dot < 0 ? key : key.slice(0, dot);
    const spec = (table.keys[head] ??= { regions: {} });
    const source = `AWS Price List API (GetProducts), ${date.slice(0, 10)}`;
    if (dot < 0) spec.regions[region] = { usd: answer.usd, source };
    else {
      const entry = spec.regions[region];
      const usd = entry && typeof entry.usd === 'object' ? entry.usd : {};
      usd[key.slice(dot + 1)] = answer.usd;
      spec.regions[region] = { usd, source };
    }
    written[region] = (written[region] ?? 0) + 1;
  }
  const file = localPriceTablePath(request.cacheDir);
  if (Object.keys(written).length === 0) return { file, written, missing, ...(live.fallback ? { fallback: live.fallback } : {}), apiCalls: live.apiCalls };
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(table, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return { file, written, missing, ...(live.fallback ? { fallback: live.fallback } : {}), apiCalls: live.apiCalls };
}

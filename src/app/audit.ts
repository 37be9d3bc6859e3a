import { requiredResourceTypes } from '../core/evaluate.js';
import { loadBuiltinPacks, loadPackFiles } from '../core/policy/load.js';
import type { Pack, Rule } from '../core/policy/types.js';
import type { Inventory, Report } from '../core/model.js';
import { buildReport } from '../core/report-builder.js';
import { applySuppressions, loadSuppressions } from '../core/suppressions.js';
import { parseReport, withBaseline } from '../core/baseline.js';
import { ruleText } from '../core/policy/finding-text.js';
import type { RuleMeta, ShardInfo } from '../report/types.js';
import { readFileSync, statSync } from 'node:fs';
import { InputFileError, UsageError } from '../core/errors.js';
import { packageVersion } from '../core/package-root.js';
import { loadInventory, loadSavedInventory, type InventorySource } from './sources.js';
import { loadTypeCatalog } from './type-catalog.js';
import { costCacheDir } from '../cost/settings.js';
import { evaluateWithPrices, type AuditPricing } from './prices.js';

export interface RuleSelection {
  policyFiles?: string[];
  packs?: string[];
  params?: Record<string, string>;
  only?: string[];
  skip?: string[];
}

export interface AuditRequest extends RuleSelection {
  source: InventorySource;
  /** --suppressions FILE; .costguard.yml in `cwd` is always read when present. */
  suppressionsFile?: string;
  cwd?: string;
  /** --baseline previous.json: mark findings new/unchanged and list resolved ones. */
  baselineFile?: string;
  lang?: string;
  now?: Date;
  /**
   * The local pack (key files and ~/.aws of the machine the audit runs on). Live audits inspect the
   * user's home when a selected rule needs local:* data; offline audits (--snapshot, --demo) only when
   * a home is given. `false` (--no-local) skips it: its rules are reported as not evaluated.
   */
  local?: false | { home?: string; checkIdentities?: boolean };
  onProgress?: (done: number, total: number, label: string) => void;
  /** --offline-prices: price from the shipped table only, even on a live audit. */
  offlinePrices?: boolean;
  /** Where price answers and the local price table live (default: the XDG cache dir). */
  cacheDir?: string;
}

export interface AuditResult {
  report: Report;
  inventory: Inventory;
  rules: Rule[];
  /** Rule descriptions for renderers (SARIF), in the requested language. */
  ruleMeta: RuleMeta[];
  /** --shard of the run, with the accounts across all shards when known. */
  shard?: ShardInfo;
}

function readBaseline(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError([{ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  return parseReport(text, file);
}

export function ruleMetaOf(rules: Rule[], lang?: string): RuleMeta[] {
  return rules.map((r) => {
    const text = ruleText(r, lang);
    return { id: r.id, pack: r.pack, title: text.title, why: text.why, severity: r.severity, remediation: r.remediation, hasCost: r.cost !== undefined };
  });
}

/** Built-in packs plus the user's own (--policy), validated. */
export function loadPacks(policyFiles: string[] = []): Pack[] {
  const builtin = loadBuiltinPacks();
  return policyFiles.length > 0 ? [...builtin, ...loadPackFiles(policyFiles, { catalog: loadTypeCatalog(), alongside: builtin })] : builtin;
}

/** The packs run when --pack is not given: built-in packs marked default, plus every user pack. */
function defaultPackNames(packs: Pack[], policyFiles: string[]): string[] {
  const userFiles = new Set(policyFiles);
  return packs.filter((p) => p.default || userFiles.has(p.file)).map((p) => p.name);
}

/** --pack values, where "@default" stands for the default packs (used by --with-cost). */
export function selectPacks(packs: Pack[], requested: string[] | undefined, policyFiles: string[]): string[] | undefined {
  if (!requested || requested.length === 0) return policyFiles.length > 0 ? defaultPackNames(packs, policyFiles) : undefined;
  return [...new Set(requested.flatMap((name) => (name === '@default' ? defaultPackNames(packs, policyFiles) : [name])))];
}

/** --home must name a directory: a typo would otherwise pass every local rule on an empty "home". */
function checkHome(home: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(home).isDirectory();
  } catch {
    // missing or unreadable
  }
  if (!isDirectory) throw new UsageError(`--home ${home}: no such directory`, 'Give the home directory whose ~/.ssh and ~/.aws the local pack should inspect.');
}

/** Add the local pack's data (the runner's home directory) when the selected rules need it. */
async function withLocal(inventory: Inventory, request: AuditRequest, types: string[]): Promise<Inventory> {
  const local = request.local;
  if (local === false || !types.some((t) => t.startsWith('local:'))) return inventory;
  if (request.source.kind !== 'aws' && local?.home === undefined) return inventory;
  // Imported on demand: offline runs without --home never load it (nor the STS client).
  const { collectLocalForAudit, mergeLocal } = await import('../local/index.js');
  const source = request.source;
  const collected = await collectLocalForAudit({
    home: local?.home,
    checkIdentities: local?.checkIdentities,
    maxAttempts: source.kind === 'aws' ? source.maxAttempts : undefined,
    now: request.now,
  });
  return mergeLocal(inventory, collected);
}

/**
 * The moment ages are measured from: now for a live audit; for a saved inventory (--snapshot, --demo)
 * the time it was collected, so the same file gives the same findings whenever it is evaluated
 * (suppression expiry still uses today).
 */
function evaluationTime(source: AuditRequest['source'], inventory: Inventory): Date | undefined {
  if (source.kind === 'aws') return undefined;
  const collected = Date.parse(inventory.generatedAt);
  return Number.isNaN(collected) ? undefined : new Date(collected);
}

/** Snapshots and the demo always use the shipped table, so they price the same way every time. */
function auditPricing(request: AuditRequest): AuditPricing {
  const cacheDir = request.cacheDir ?? costCacheDir();
  const source = request.source;
  if (source.kind === 'snapshot') return { tableOnly: 'a saved inventory is priced from the shipped table', cacheDir };
  if (source.kind === 'demo') return { tableOnly: 'the demo is priced from the shipped table', cacheDir };
  if (request.offlinePrices) return { tableOnly: '--offline-prices', cacheDir };
  return { cacheDir, maxAttempts: source.maxAttempts, profile: source.targets.profiles?.[0] };
}

/** targets → collect → inventory → evaluate(policies) → report. */
export async function runAudit(request: AuditRequest): Promise<AuditResult> {
  const started = Date.now();
  const policyFiles = request.policyFiles ?? [];
  const packs = loadPacks(policyFiles);
  // Read every input file before collecting, so a bad file fails fast (exit 2) without API calls.
  const suppressions = loadSuppressions({ file: request.suppressionsFile, cwd: request.cwd, ruleIds: packs.flatMap((p) => p.rules.map((r) => r.id)) });
  const previous = request.baselineFile ? readBaseline(request.baselineFile) : undefined;
  if (request.local && request.local.home !== undefined) checkHome(request.local.home);
  const packsSelected = selectPacks(packs, request.packs, policyFiles);
  const selection = { only: request.only, skip: request.skip, packsSelected };
  const types = requiredResourceTypes(packs, selection);

  const source = request.source;
  const loaded = source.kind !== 'aws' ? loadSavedInventory(source) : await loadInventory({ source, types, onProgress: request.onProgress, now: request.now });
  const inventory = await withLocal(loaded, request, types);
  const shardOption = source.kind === 'aws' ? source.targets.shard : source.shard;
  // The accounts across all shards come with the inventory (as this shard listed them).
  const shard: ShardInfo | undefined = inventory.shard ?? shardOption;
  const { result, info: pricing } = await evaluateWithPrices(
    {
      inventory,
      packs,
      params: request.params,
      ...selection,
      now: request.now ?? evaluationTime(request.source, inventory),
      lang: request.lang,
    },
    auditPricing(request),
  );
  const stats = inventory.stats && request.source.kind === 'aws' ? { ...inventory.stats, durationMs: Date.now() - started } : undefined;
  const now = request.now ?? new Date();
  const suppressed = applySuppressions(result.findings, suppressions, now);
  const report = buildReport({
    version: packageVersion(),
    generatedAt: now.toISOString(),
    targets: inventory.targets,
    findings: suppressed.findings,
    errors: result.errors,
    notEvaluated: result.notEvaluated,
    rulesEvaluated: result.rulesEvaluated,
    rulesNotEvaluated: result.rulesNotEvaluated,
    resources: inventory.resources.length,
    stats,
    suppressionProblems: suppressions.length > 0 ? { expired: suppressed.expired, stale: suppressed.stale } : undefined,
    rules: ruleMetaOf(result.rules, request.lang),
  });
  report.pricing = pricing;
  if (inventory.shard) report.shard = inventory.shard;
  return {
    report: previous ? withBaseline(report, previous, request.baselineFile) : report,
    inventory,
    rules: result.rules,
    ruleMeta: ruleMetaOf(result.rules, request.lang),
    ...(shard ? { shard } : {}),
  };
}

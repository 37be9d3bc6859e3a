import { evaluate, requiredResourceTypes } from '../core/evaluate.js';
import { loadBuiltinPacks, loadPackFiles } from '../core/policy/load.js';
import type { Pack, Rule } from '../core/policy/types.js';
import type { Inventory, Report } from '../core/model.js';
import { buildReport } from '../core/report-builder.js';
import { packageVersion } from '../core/package-root.js';
import { loadInventory, type InventorySource } from './sources.js';

export interface RuleSelection {
  policyFiles?: string[];
  packs?: string[];
  params?: Record<string, string>;
  only?: string[];
  skip?: string[];
}

export interface AuditRequest extends RuleSelection {
  source: InventorySource;
  lang?: string;
  now?: Date;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface AuditResult {
  report: Report;
  inventory: Inventory;
  rules: Rule[];
}

/** Built-in packs plus the user's own (--policy), validated. */
export function loadPacks(policyFiles: string[] = []): Pack[] {
  const builtin = loadBuiltinPacks();
  return policyFiles.length > 0 ? [...builtin, ...loadPackFiles(policyFiles)] : builtin;
}

/** The packs selected when --pack is not given: built-in packs marked default, plus every user pack. */
function defaultPackNames(packs: Pack[], policyFiles: string[]): string[] | undefined {
  if (policyFiles.length === 0) return undefined;
  const userFiles = new Set(policyFiles);
  return packs.filter((p) => p.default || userFiles.has(p.file)).map((p) => p.name);
}

/** targets → collect → inventory → evaluate(policies) → report. */
export async function runAudit(request: AuditRequest): Promise<AuditResult> {
  const started = Date.now();
  const policyFiles = request.policyFiles ?? [];
  const packs = loadPacks(policyFiles);
  const packsSelected = request.packs && request.packs.length > 0 ? request.packs : defaultPackNames(packs, policyFiles);
  const selection = { only: request.only, skip: request.skip, packsSelected };
  const types = requiredResourceTypes(packs, selection);

  const inventory = await loadInventory({ source: request.source, types, onProgress: request.onProgress, now: request.now });
  const result = evaluate({
    inventory,
    packs,
    params: request.params,
    ...selection,
    now: request.now,
    lang: request.lang,
  });
  const stats = inventory.stats && request.source.kind === 'aws' ? { ...inventory.stats, durationMs: Date.now() - started } : undefined;
  const report = buildReport({
    version: packageVersion(),
    generatedAt: (request.now ?? new Date()).toISOString(),
    targets: inventory.targets,
    findings: result.findings,
    errors: result.errors,
    notEvaluated: result.notEvaluated,
    rulesEvaluated: result.rulesEvaluated,
    rulesNotEvaluated: result.rulesNotEvaluated,
    resources: inventory.resources.length,
    stats,
  });
  return { report, inventory, rules: result.rules };
}

import { evaluate, requiredResourceTypes } from '../core/evaluate.js';
import { loadBuiltinPacks, loadPackFiles } from '../core/policy/load.js';
import type { Pack, Rule } from '../core/policy/types.js';
import type { Inventory, Report } from '../core/model.js';
import { buildReport } from '../core/report-builder.js';
import { applySuppressions, loadSuppressions } from '../core/suppressions.js';
import { parseReport, withBaseline } from '../core/baseline.js';
import { ruleText } from '../core/policy/finding-text.js';
import type { RuleMeta } from '../report/types.js';
import { readFileSync } from 'node:fs';
import { InputFileError } from '../core/errors.js';
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
  /** --suppressions FILE; .costguard.yml in `cwd` is always read when present. */
  suppressionsFile?: string;
  cwd?: string;
  /** --baseline previous.json: mark findings new/unchanged and list resolved ones. */
  baselineFile?: string;
  lang?: string;
  now?: Date;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface AuditResult {
  report: Report;
  inventory: Inventory;
  rules: Rule[];
  /** Rule descriptions for renderers (SARIF), in the requested language. */
  ruleMeta: RuleMeta[];
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
    return { id: r.id, pack: r.pack, title: text.title, why: text.why, severity: r.severity, remediation: r.remediation };
  });
}

/** Built-in packs plus the user's own (--policy), validated. */
export function loadPacks(policyFiles: string[] = []): Pack[] {
  const builtin = loadBuiltinPacks();
  return policyFiles.length > 0 ? [...builtin, ...loadPackFiles(policyFiles)] : builtin;
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

/** targets → collect → inventory → evaluate(policies) → report. */
export async function runAudit(request: AuditRequest): Promise<AuditResult> {
  const started = Date.now();
  const policyFiles = request.policyFiles ?? [];
  const packs = loadPacks(policyFiles);
  // Read every input file before collecting, so a bad file fails fast (exit 2) without API calls.
  const suppressions = loadSuppressions({ file: request.suppressionsFile, cwd: request.cwd });
  const previous = request.baselineFile ? readBaseline(request.baselineFile) : undefined;
  const packsSelected = selectPacks(packs, request.packs, policyFiles);
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
  });
  return {
    report: previous ? withBaseline(report, previous, request.baselineFile) : report,
    inventory,
    rules: result.rules,
    ruleMeta: ruleMetaOf(result.rules, request.lang),
  };
}

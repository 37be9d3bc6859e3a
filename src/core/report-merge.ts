// `costguard report merge a.json b.json ...`: one report from the reports of sharded runs.
// Pure. Lists are concatenated (duplicates from a shard passed twice are dropped), targets are
// merged by account (regions united), and the summary is recomputed by buildReport. The shards of
// one split are checked (shard.ts): a missing shard, or shards that listed different accounts, is
// an error of the merged report.

import { UsageError } from './errors.js';
import { assertReport, findingKey } from './baseline.js';
import type { CallStatsSummary, CollectionError, Finding, NotEvaluatedRule, OperationCount, Report, SuppressionEntry, Target } from './model.js';
import { buildReport } from './report-builder.js';
import { shardMergeProblems } from './shard.js';

export interface MergeOptions {
  /** costguard version to stamp (default: the first report's). */
  version?: string;
  /** Default: the latest generatedAt of the inputs. */
  generatedAt?: string;
  /** Names of the inputs for error messages (file paths), same order as the reports. */
  sources?: string[];
}

function mergeTargets(reports: Report[]): Target[] {
  const byId = new Map<string, Target>();
  for (const r of reports) {
    for (const t of r.targets) {
      const seen = byId.get(t.accountId);
      if (!seen) {
        byId.set(t.accountId, { ...t, regions: [...t.regions] });
        continue;
      }
      for (const region of t.regions) if (!seen.regions.includes(region)) seen.regions.push(region);
      seen.alias ??= t.alias;
      seen.name ??= t.name;
    }
  }
  return [...byId.values()];
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function mergeStats(reports: Report[]): CallStatsSummary | undefined {
  if (!reports.some((r) => r.summary.apiCalls > 0 || (r.summary.byOperation?.length ?? 0) > 0)) return undefined;
  return mergeCallStats(reports.map((r) => ({ ...r.summary, byOperation: r.summary.byOperation ?? [] })));
}

/**
 * The calls of runs made side by side (shards, or the workers of one run): counts added, and the
 * merged run as long as the slowest part; its first API call is the slowest part's start-up.
 */
export function mergeCallStats(parts: CallStatsSummary[]): CallStatsSummary {
  const ops = new Map<string, OperationCount>();
  for (const part of parts) {
    for (const o of part.byOperation) {
      const key = `${o.service}:${o.operation}`;
      const e = ops.get(key) ?? { service: o.service, operation: o.operation, calls: 0, retries: 0, throttles: 0, errors: 0 };
      e.calls += o.calls;
      e.retries += o.retries;
      e.throttles += o.throttles;
      e.errors += o.errors;
      ops.set(key, e);
    }
  }
  return {
    apiCalls: parts.reduce((n, p) => n + p.apiCalls, 0),
    retries: parts.reduce((n, p) => n + p.retries, 0),
    throttles: parts.reduce((n, p) => n + p.throttles, 0),
    durationMs: Math.max(0, ...parts.map((p) => p.durationMs)),
    ...(parts.some((p) => p.firstApiCallMs !== undefined) ? { firstApiCallMs: Math.max(...parts.map((p) => p.firstApiCallMs ?? 0)) } : {}),
    byOperation: [...ops.values()].sort((a, b) => (a.service === b.service ? a.operation.localeCompare(b.operation) : a.service.localeCompare(b.service))),
  };
}

const entryKey = (e: SuppressionEntry): string => `${e.source ?? ''}\u0000${e.rule}\u0000${e.account ?? ''}\u0000${e.region ?? ''}\u0000${e.resource ?? ''}`;

/** Expired entries of any shard; stale only when stale in every shard that applied suppressions. */
function mergeSuppressionProblems(reports: Report[]): Report['suppressionProblems'] {
  const withProblems = reports.filter((r) => r.suppressionProblems);
  if (withProblems.length === 0) return undefined;
  const expired = unique(withProblems.flatMap((r) => r.suppressionProblems?.expired ?? []), entryKey);
  const staleSets = withProblems.map((r) => new Set((r.suppressionProblems?.stale ?? []).map(entryKey)));
  const stale = unique(withProblems[0].suppressionProblems?.stale ?? [], entryKey).filter((e) => staleSets.every((s) => s.has(entryKey(e))));
  return { expired, stale };
}

/**
 * Merge the reports of sharded runs. Refuses an empty list and mixed schemaVersions. Baseline
 * marks are dropped (compare the merged report with a baseline afterwards).
 */
export function mergeReports(reports: Report[], options: MergeOptions = {}): Report {
  if (reports.length === 0) throw new UsageError('nothing to merge: give at least one report file');
  reports.forEach((r, i) => {
    const source = options.sources?.[i] ?? `report ${i + 1}`;
    const version = (r as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (version !== reports[0].schemaVersion) {
      throw new UsageError(
        `cannot merge reports of different schema versions: ${options.sources?.[0] ?? 'report 1'} has schemaVersion ${JSON.stringify(reports[0].schemaVersion)}, ${source} has ${JSON.stringify(version)}`,
        'Re-run the older shards with the same costguard version.',
      );
    }
    assertReport(r, source);
  });

  const findings = unique(reports.flatMap((r) => r.findings), findingKey).map((f): Finding => {
    const copy = { ...f };
    delete copy.change;
    return copy;
  });
  // Shards of one split that are missing, or that listed different accounts, make the merge incomplete.
  const shardProblems = shardMergeProblems(reports.map((r, i) => ({ shard: r.shard, source: options.sources?.[i] ?? `report ${i + 1}` })));
  const errors = unique(
    [...reports.flatMap((r) => r.errors), ...shardProblems],
    (e: CollectionError) => [e.accountId, e.region, e.operation, e.code, e.message].join('\u0000'),
  );
  const notEvaluated = unique(
    reports.flatMap((r) => r.notEvaluated),
    (n: NotEvaluatedRule) => [n.ruleId, n.accountId, n.region, n.reason].join('\u0000'),
  );
  const distinctNotEvaluated = new Set(notEvaluated.map((n) => n.ruleId)).size;
  const generatedAt = options.generatedAt ?? reports.map((r) => r.generatedAt).sort().at(-1) ?? reports[0].generatedAt;
  return buildReport({
    version: options.version ?? reports[0].version,
    generatedAt,
    targets: mergeTargets(reports),
    findings,
    errors,
    notEvaluated,
    rulesEvaluated: Math.max(...reports.map((r) => r.summary.rulesEvaluated)),
    rulesNotEvaluated: Math.max(distinctNotEvaluated, ...reports.map((r) => r.summary.rulesNotEvaluated)),
    resources: reports.reduce((n, r) => n + r.summary.resources, 0),
    stats: mergeStats(reports),
    suppressionProblems: mergeSuppressionProblems(reports),
    // The union of the shards' rules (the first shard's description of a rule wins).
    ...(reports.some((r) => r.rules) ? { rules: reports.flatMap((r) => r.rules ?? []) } : {}),
  });
}

// --baseline previous.json: mark each finding new or unchanged and list the resolved ones.
// Pure. A finding is the same finding when rule, account, region and resource are the same.

import { UsageError } from './errors.js';
import { GLOBAL_REGION, SEVERITIES, type BaselineInfo, type Finding, type Report } from './model.js';

export function findingKey(f: Pick<Finding, 'ruleId' | 'accountId' | 'region' | 'resourceId'>): string {
  return [f.ruleId, f.accountId, f.region, f.resourceId].join('\u0000');
}

const REPORT_HINT = 'Pass a report written by `costguard audit --format json` (or `costguard report merge`).';

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}

/**
 * Check that data looks like a costguard JSON report (tool, schemaVersion 1, the lists, and the
 * finding keys a comparison needs); throws a UsageError that says what the file is instead.
 */
export function assertReport(data: unknown, source = 'report'): asserts data is Report {
  const fail = (what: string): never => {
    throw new UsageError(`${source} is not a costguard report: ${what}`, REPORT_HINT);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(`expected a JSON object, found ${describe(data)}`);
  const r = data as Record<string, unknown>;
  if (r.tool !== 'costguard') fail(r.tool === undefined ? 'no "tool": "costguard" key' : `"tool" is ${JSON.stringify(r.tool)}`);
  if (r.kind === 'inventory') fail('it is an inventory snapshot (costguard inventory); use it with `costguard audit --snapshot`');
  if (r.schemaVersion !== 1) {
    throw new UsageError(
      `${source} has report schemaVersion ${JSON.stringify(r.schemaVersion)}; this costguard reads schemaVersion 1`,
      'Re-run the audit with this costguard version to get a comparable report.',
    );
  }
  for (const key of ['targets', 'findings', 'errors', 'notEvaluated'] as const) {
    if (!Array.isArray(r[key])) fail(`"${key}" is ${r[key] === undefined ? 'missing' : describe(r[key])}, expected a list`);
  }
  (r.findings as unknown[]).forEach((f, i) => {
    if (typeof f !== 'object' || f === null) fail(`findings[${i}] is ${describe(f)}`);
    const finding = f as Record<string, unknown>;
    for (const key of ['ruleId', 'accountId', 'region', 'resourceId']) {
      if (typeof finding[key] !== 'string') fail(`findings[${i}].${key} is ${finding[key] === undefined ? 'missing' : describe(finding[key])}`);
    }
    if (!SEVERITIES.includes(finding.severity as (typeof SEVERITIES)[number])) fail(`findings[${i}].severity is ${JSON.stringify(finding.severity)}`);
  });
  if (typeof r.summary !== 'object' || r.summary === null) fail('"summary" is missing');
}

/** Parse a report file's text (JSON) and check it; errors name the source. */
export function parseReport(text: string, source: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid JSON: ${(error as Error).message}`, REPORT_HINT);
  }
  assertReport(data, source);
  return data;
}

export interface BaselineComparison {
  /** The current findings, each with change "new" or "unchanged". */
  findings: Finding[];
  /** Unsuppressed findings of the previous report that this run checked again and did not find. */
  resolved: Finding[];
  baseline: BaselineInfo;
}

/**
 * Whether the current run looked again where a previous finding was: its account and region were
 * collected and its rule was evaluated there. A finding in a region that was skipped this time, or
 * whose rule could not be evaluated (AccessDenied), is not "resolved" — it was not re-checked.
 */
function rechecked(current: Report, f: Finding): boolean {
  if (current.targets.length > 0) {
    const target = current.targets.find((t) => t.accountId === f.accountId);
    if (!target) return false;
    if (f.region !== GLOBAL_REGION && target.regions.length > 0 && !target.regions.includes(f.region)) return false;
  }
  return !current.notEvaluated.some((n) => n.ruleId === f.ruleId && n.accountId === f.accountId && n.region === f.region);
}

export function compareWithBaseline(current: Report, previous: Report, source?: string): BaselineComparison {
  assertReport(previous, source ?? 'the baseline');
  const before = new Set(previous.findings.map(findingKey));
  const now = new Set(current.findings.map(findingKey));
  const findings = current.findings.map((f): Finding => ({ ...f, change: before.has(findingKey(f)) ? 'unchanged' : 'new' }));
  const resolved = previous.findings
    .filter((f) => !f.suppressed && !now.has(findingKey(f)) && rechecked(current, f))
    .map((f): Finding => {
      const copy = { ...f };
      delete copy.change;
      return copy;
    });
  const active = findings.filter((f) => !f.suppressed);
  const baseline: BaselineInfo = {
    generatedAt: previous.generatedAt,
    ...(source ? { source } : {}),
    new: active.filter((f) => f.change === 'new').length,
    unchanged: active.filter((f) => f.change === 'unchanged').length,
    resolved: resolved.length,
  };
  return { findings, resolved, baseline };
}

/** The current report with change marks, the resolved list and the baseline counts (summary unchanged). */
export function withBaseline(current: Report, previous: Report, source?: string): Report {
  const c = compareWithBaseline(current, previous, source);
  return { ...current, findings: c.findings, baseline: c.baseline, resolved: c.resolved };
}

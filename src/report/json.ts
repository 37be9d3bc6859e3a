// --format json: the versioned report contract (policies/schema/report.schema.json).
// Keys come out in one documented order whatever order the objects were built in; lists are
// sorted so two runs over the same account produce the same bytes.

import type { Finding, Report, SuppressionEntry, Target } from '../core/model.js';
import { SEVERITIES } from '../core/model.js';
import { compareErrors, compareFindings, compareNotEvaluated } from '../core/report-order.js';
import type { Renderer } from './types.js';

const REPORT_KEYS = ['tool', 'version', 'schemaVersion', 'generatedAt', 'shard', 'targets', 'findings', 'errors', 'notEvaluated', 'summary', 'baseline', 'resolved', 'suppressionProblems'];
const TARGET_KEYS = ['accountId', 'alias', 'name', 'source', 'ouPath', 'regions'];
const FINDING_KEYS = [
  'ruleId', 'pack', 'severity', 'accountId', 'accountName', 'region', 'resourceType', 'resourceId', 'resourceArn', 'resourceName',
  'title', 'message', 'why', 'remediation', 'monthlyCostUsd', 'suppressed', 'change',
];
const SUPPRESSED_KEYS = ['reason', 'expires', 'source'];
const ERROR_KEYS = ['accountId', 'region', 'operation', 'code', 'message', 'resourceTypes', 'rulesNotEvaluated'];
const NOT_EVALUATED_KEYS = ['ruleId', 'pack', 'title', 'accountId', 'region', 'reason'];
const SUMMARY_KEYS = [
  'bySeverity', 'findings', 'suppressed', 'monthlyCostUsd', 'rulesEvaluated', 'rulesNotEvaluated', 'resources',
  'apiCalls', 'retries', 'throttles', 'durationMs', 'firstApiCallMs', 'byOperation',
];
const OPERATION_KEYS = ['service', 'operation', 'calls', 'retries', 'throttles', 'errors'];
const BASELINE_KEYS = ['generatedAt', 'source', 'new', 'unchanged', 'resolved'];
const ENTRY_KEYS = ['rule', 'account', 'region', 'resource', 'reason', 'expires', 'source'];

type Obj = Record<string, unknown>;

/** A copy of obj with `keys` first (in that order), then any other keys sorted; undefined values dropped. */
export function ordered(obj: object, keys: string[]): Obj {
  const src = obj as Obj;
  const out: Obj = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src).sort()) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out;
}

function finding(f: Finding): Obj {
  const o = ordered(f, FINDING_KEYS);
  o.suppressed = f.suppressed ? ordered(f.suppressed, SUPPRESSED_KEYS) : null;
  return o;
}

function entry(e: SuppressionEntry): Obj {
  return ordered(e, ENTRY_KEYS);
}

/** The report as a plain object in contract order (what `--format json` prints). */
export function canonicalReport(report: Report): Obj {
  const s = report.summary;
  const summary = ordered(s, SUMMARY_KEYS);
  summary.bySeverity = Object.fromEntries(SEVERITIES.map((sev) => [sev, s.bySeverity[sev] ?? 0]));
  if (s.byOperation) summary.byOperation = s.byOperation.map((o) => ordered(o, OPERATION_KEYS));
  const out = ordered(report, REPORT_KEYS);
  out.targets = report.targets.map((t: Target) => ordered(t, TARGET_KEYS));
  out.findings = [...report.findings].sort(compareFindings).map(finding);
  out.errors = [...report.errors].sort(compareErrors).map((e) => ordered(e, ERROR_KEYS));
  out.notEvaluated = [...report.notEvaluated].sort(compareNotEvaluated).map((n) => ordered(n, NOT_EVALUATED_KEYS));
  out.summary = summary;
  if (report.baseline) out.baseline = ordered(report.baseline, BASELINE_KEYS);
  if (report.resolved) out.resolved = [...report.resolved].sort(compareFindings).map(finding);
  if (report.suppressionProblems) {
    out.suppressionProblems = {
      expired: report.suppressionProblems.expired.map(entry),
      stale: report.suppressionProblems.stale.map(entry),
    };
  }
  return out;
}

export const jsonRenderer: Renderer = {
  format: 'json',
  extension: 'json',
  render(report) {
    return `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
  },
};

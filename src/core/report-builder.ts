// Builds the one Report object every renderer is fed (its lists sorted once, here), and decides --fail-on. Pure.

import {
  SEVERITIES,
  atOrAbove,
  type BaselineInfo,
  type CallStatsSummary,
  type CollectionError,
  type Finding,
  type NotEvaluatedRule,
  type Report,
  type ReportRule,
  type ReportSummary,
  type Severity,
  type SuppressionProblems,
  type Target,
} from './model.js';
import { compareErrors, compareFindings, compareNotEvaluated } from './report-order.js';
import { sumUsd } from './money.js';

export interface BuildReportInput {
  version: string;
  generatedAt: string;
  targets: Target[];
  findings: Finding[];
  errors: CollectionError[];
  notEvaluated: NotEvaluatedRule[];
  rulesEvaluated: number;
  rulesNotEvaluated: number;
  /** Number of resources evaluated. */
  resources: number;
  /** API call statistics of the run; absent for offline runs (snapshot, demo, merge). */
  stats?: CallStatsSummary;
  baseline?: BaselineInfo;
  resolved?: Finding[];
  suppressionProblems?: SuppressionProblems;
  /** The rules the run was evaluated with (report.rules; help is derived when absent). */
  rules?: ReadonlyArray<RuleDescription>;
}

/** A rule as the report describes it, its help optional (derived from why and remediation). */
export type RuleDescription = Omit<ReportRule, 'help'> & { help?: ReportRule['help'] };

/** What a rule's help says: why it matters, then the fix (SARIF's help.text and help.markdown). */
export function ruleHelp(rule: { title: string; why?: string; remediation?: string }): ReportRule['help'] {
  const why = rule.why ?? rule.title;
  const text = [why];
  const markdown = [`**${rule.title}**`, '', why];
  if (rule.remediation) {
    text.push('', `Fix: ${rule.remediation}`);
    markdown.push('', 'Fix:', '', '```sh', rule.remediation, '```');
  }
  return { text: text.join('\n'), markdown: markdown.join('\n') };
}

/** Rule descriptions for report.rules: with their help, one entry per id, sorted by id. */
export function reportRules(rules: ReadonlyArray<RuleDescription>): ReportRule[] {
  const byId = new Map<string, ReportRule>();
  for (const r of rules) {
    if (byId.has(r.id)) continue;
    const entry: ReportRule = { id: r.id, pack: r.pack, severity: r.severity, title: r.title, help: r.help ?? ruleHelp(r) };
    if (r.why !== undefined) entry.why = r.why;
    if (r.remediation !== undefined) entry.remediation = r.remediation;
    if (r.hasCost !== undefined) entry.hasCost = r.hasCost;
    byId.set(r.id, entry);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}


/** Sum of the estimated monthly cost of findings that are not suppressed, rounded to cents. */
export function monthlyCostOf(findings: Finding[]): number {
  return sumUsd(findings.filter((f) => !f.suppressed).map((f) => f.monthlyCostUsd));
}

export function emptySeverityCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export function summarize(input: BuildReportInput): ReportSummary {
  const bySeverity = emptySeverityCounts();
  let suppressed = 0;
  for (const f of input.findings) {
    if (f.suppressed) suppressed++;
    else bySeverity[f.severity]++;
  }
  const summary: ReportSummary = {
    bySeverity,
    findings: SEVERITIES.reduce((n, s) => n + bySeverity[s], 0),
    suppressed,
    monthlyCostUsd: monthlyCostOf(input.findings),
    rulesEvaluated: input.rulesEvaluated,
    rulesNotEvaluated: input.rulesNotEvaluated,
    resources: input.resources,
    apiCalls: input.stats?.apiCalls ?? 0,
    retries: input.stats?.retries ?? 0,
    throttles: input.stats?.throttles ?? 0,
    durationMs: input.stats?.durationMs ?? 0,
  };
  if (input.stats?.firstApiCallMs !== undefined) summary.firstApiCallMs = input.stats.firstApiCallMs;
  if (input.stats) summary.byOperation = input.stats.byOperation.map((o) => ({ ...o }));
  return summary;
}

/**
 * The report: the run's data plus a summary computed from it. The summary counts only findings
 * that are not suppressed (`findings`, `bySeverity`, `monthlyCostUsd`); `suppressed` counts the rest.
 */
export function buildReport(input: BuildReportInput): Report {
  const report: Report = {
    tool: 'costguard',
    version: input.version,
    schemaVersion: 1,
    generatedAt: input.generatedAt,
    targets: input.targets,
    findings: [...input.findings].sort(compareFindings),
    errors: [...input.errors].sort(compareErrors),
    notEvaluated: [...input.notEvaluated].sort(compareNotEvaluated),
    summary: summarize(input),
  };
  if (input.baseline) report.baseline = input.baseline;
  if (input.resolved) report.resolved = [...input.resolved].sort(compareFindings);
  if (input.suppressionProblems) report.suppressionProblems = input.suppressionProblems;
  if (input.rules) report.rules = reportRules(input.rules);
  return report;
}

/** The findings that decide the exit code: never suppressed ones; with failOnNew only new ones. */
/**
 * The findings that can fail a run. With failOnNew only the new ones — and without a baseline
 * (a first run, or a baseline that was lost) every finding is new.
 */
export function gatingFindings(report: Report, failOnNew = false): Finding[] {
  return report.findings.filter((f) => !f.suppressed && (!failOnNew || !report.baseline || f.change === 'new'));
}

/**
 * Whether --fail-on (and --fail-on-new) should make the run exit 1.
 * Without failOn, failOnNew alone fails on any new finding; with neither, never.
 */
export function shouldFail(report: Report, failOn?: Severity, failOnNew = false): boolean {
  if (!failOn && !failOnNew) return false;
  return gatingFindings(report, failOnNew).some((f) => !failOn || atOrAbove(f.severity, failOn));
}

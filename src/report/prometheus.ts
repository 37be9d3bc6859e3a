// --format prometheus: text exposition format for a node-exporter textfile collector
// (write to a temp file and rename it into the collector folder). Gauges, no timestamps.

import { SEVERITIES, type Report } from '../core/model.js';
import { accountTotals, cmp } from './shared.js';
import type { Renderer } from './types.js';

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function labels(values: Record<string, string>): string {
  const parts = Object.entries(values).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

function sampleValue(n: number): string {
  return Number.isFinite(n) ? String(n) : 'NaN';
}

class Exposition {
  private readonly lines: string[] = [];

  metric(name: string, help: string, samples: Array<[Record<string, string>, number]>): void {
    this.lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} gauge`);
    for (const [l, v] of samples) this.lines.push(`${name}${labels(l)} ${sampleValue(v)}`);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

export function renderPrometheus(report: Report): string {
  const out = new Exposition();

  const findings = new Map<string, { account: string; rule: string; severity: string; n: number }>();
  for (const f of report.findings) {
    if (f.suppressed) continue;
    const key = `${f.accountId}\u0000${f.ruleId}\u0000${f.severity}`;
    const e = findings.get(key) ?? { account: f.accountId, rule: f.ruleId, severity: f.severity, n: 0 };
    e.n++;
    findings.set(key, e);
  }
  const severityOrder = (s: string): number => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  out.metric(
    'costguard_findings',
    'Findings that are not suppressed, by account, rule and severity.',
    [...findings.values()]
      .sort((a, b) => cmp(a.account, b.account) || severityOrder(a.severity) - severityOrder(b.severity) || cmp(a.rule, b.rule))
      .map((e) => [{ account: e.account, rule: e.rule, severity: e.severity }, e.n]),
  );

  const accounts = accountTotals(report).sort((a, b) => cmp(a.accountId, b.accountId));
  out.metric(
    'costguard_monthly_cost_usd',
    'Estimated monthly cost in USD of the findings that are not suppressed, by account.',
    accounts.map((a) => [{ account: a.accountId }, a.monthlyCostUsd]),
  );

  const suppressed = new Map<string, number>();
  for (const a of accounts) suppressed.set(a.accountId, 0);
  for (const f of report.findings) if (f.suppressed) suppressed.set(f.accountId, (suppressed.get(f.accountId) ?? 0) + 1);
  out.metric(
    'costguard_suppressed_findings',
    'Findings suppressed by a suppressions file, by account.',
    [...suppressed.entries()].sort(([a], [b]) => cmp(a, b)).map(([account, n]) => [{ account }, n]),
  );

  out.metric('costguard_rules_not_evaluated', 'Rules that could not be evaluated because data could not be collected.', [[{}, report.summary.rulesNotEvaluated]]);
  out.metric('costguard_collection_errors', 'API calls that failed after retries.', [[{}, report.errors.length]]);
  out.metric('costguard_last_run_timestamp_seconds', 'When the report was generated, in Unix seconds.', [
    [{}, Math.floor(Date.parse(report.generatedAt) / 1000)],
  ]);
  return out.toString();
}

export const prometheusRenderer: Renderer = {
  format: 'prometheus',
  extension: 'prom',
  render: renderPrometheus,
};

// Small helpers the renderers share: money, ordering, per-account/rule/region totals.

import { SEVERITIES, type Finding, type Report, type Severity, type Target } from '../core/model.js';
import { t, type Lang } from './i18n.js';
import { emptySeverityCounts } from '../core/report-builder.js';
import { roundCents } from '../core/money.js';

/** "$3.65", "$1,234.50"; null → the given placeholder. */
export { formatUsd as money } from '../core/money.js';

import { cmp, compareFindings } from '../core/report-order.js';

export { cmp, compareFindings };

export function sortedFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function activeFindings(report: Report): Finding[] {
  return sortedFindings(report.findings.filter((f) => !f.suppressed));
}

export function suppressedFindings(report: Report): Finding[] {
  return sortedFindings(report.findings.filter((f) => f.suppressed));
}

export interface AccountTotals {
  accountId: string;
  name?: string;
  bySeverity: Record<Severity, number>;
  findings: number;
  monthlyCostUsd: number;
}

/** A target's display name: alias, else Organizations/SSO name. */
export function targetName(target: Target | undefined): string | undefined {
  return target?.alias ?? target?.name;
}

/** Unsuppressed findings and $/month per account, in target order, then accounts only seen in findings. */
export function accountTotals(report: Report): AccountTotals[] {
  const byId = new Map<string, AccountTotals>();
  const ensure = (accountId: string, name?: string): AccountTotals => {
    let t = byId.get(accountId);
    if (!t) {
      t = { accountId, name, bySeverity: emptySeverityCounts(), findings: 0, monthlyCostUsd: 0 };
      byId.set(accountId, t);
    }
    if (!t.name && name) t.name = name;
    return t;
  };
  for (const target of report.targets) ensure(target.accountId, targetName(target));
  for (const f of report.findings) {
    const t = ensure(f.accountId, f.accountName);
    if (f.suppressed) continue;
    t.bySeverity[f.severity]++;
    t.findings++;
    t.monthlyCostUsd += f.monthlyCostUsd ?? 0;
  }
  return [...byId.values()].map((t) => ({ ...t, monthlyCostUsd: roundCents(t.monthlyCostUsd) }));
}

/** The pseudo-account of the local pack (key files and ~/.aws on this machine): never counted as an AWS account. */
export const LOCAL_ACCOUNT = 'local';

/** AWS accounts in the report (targets and findings), not counting the local machine. */
export function accountCount(report: Report): number {
  return new Set([...report.targets.map((t) => t.accountId), ...report.findings.map((f) => f.accountId)].filter((a) => a !== LOCAL_ACCOUNT)).size;
}

/** A not-evaluated reason in the report's language (the technical part — types, operations, codes — stays as is). */
export function reasonText(lang: Lang, reason: string): string {
  const m = /^not collected: (.*)$/.exec(reason);
  return m ? t(lang, 'notCollected', { types: m[1] }) : reason;
}

/** $/month of unsuppressed findings grouped by a key, most expensive first (ties by key). */
export function costBy(report: Report, key: (f: Finding) => string): Array<{ key: string; monthlyCostUsd: number; findings: number }> {
  const m = new Map<string, { key: string; monthlyCostUsd: number; findings: number }>();
  for (const f of report.findings) {
    if (f.suppressed) continue;
    const k = key(f);
    const e = m.get(k) ?? { key: k, monthlyCostUsd: 0, findings: 0 };
    e.monthlyCostUsd += f.monthlyCostUsd ?? 0;
    e.findings++;
    m.set(k, e);
  }
  return [...m.values()]
    .map((e) => ({ ...e, monthlyCostUsd: roundCents(e.monthlyCostUsd) }))
    .sort((a, b) => b.monthlyCostUsd - a.monthlyCostUsd || b.findings - a.findings || cmp(a.key, b.key));
}

export function groupBySeverity(findings: Finding[]): Array<{ severity: Severity; findings: Finding[] }> {
  return SEVERITIES.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) })).filter((g) => g.findings.length > 0);
}

export interface NotEvaluatedLine {
  ruleId: string;
  accountId: string;
  regions: string[];
  reason: string;
}

/** Not-evaluated entries folded to one line per rule, account and reason, listing the regions. */
export function notEvaluatedLines(report: Report): NotEvaluatedLine[] {
  const m = new Map<string, NotEvaluatedLine>();
  for (const n of report.notEvaluated) {
    const key = `${n.ruleId}\u0000${n.accountId}\u0000${n.reason}`;
    const e = m.get(key) ?? { ruleId: n.ruleId, accountId: n.accountId, regions: [], reason: n.reason };
    if (!e.regions.includes(n.region)) e.regions.push(n.region);
    m.set(key, e);
  }
  return [...m.values()]
    .map((e) => ({ ...e, regions: [...e.regions].sort() }))
    .sort((a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.accountId, b.accountId) || cmp(a.reason, b.reason));
}

/** The resource as people name it: "name (id)" or the id. */
export function resourceLabel(f: Finding): string {
  return f.resourceName && f.resourceName !== f.resourceId ? `${f.resourceName} (${f.resourceId})` : f.resourceId;
}

export function durationText(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** A stable synthetic locator for resources without an ARN. */
export function resourceUri(f: Finding): string {
  return `aws://${f.accountId}/${f.region}/${f.resourceType}/${f.resourceId}`;
}

// --format markdown: a summary for $GITHUB_STEP_SUMMARY or a pull-request comment — headline,
// totals, per-account table, the top findings, what was not evaluated, and what changed since
// the baseline.

import { pricingNote } from './pricing-note.js';
import { severityLabel, t, type Lang } from './i18n.js';
import { SEVERITIES, type Finding, type Report, type SuppressionEntry } from '../core/model.js';
import { accountCount, accountTotals, activeFindings, money, notEvaluatedLines, reasonText, resourceLabel } from './shared.js';
import type { RenderOptions, Renderer } from './types.js';

export const TOP_FINDINGS_LIMIT = 50;

const SEVERITY_ICON = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' } as const;

/** Text for a table cell: no line breaks, pipes escaped, HTML tags and emphasis neutralised. */
export function cellText(value: string): string {
  return value
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|])/g, '\\$1');
}

/** An inline code span that survives backticks and pipes inside a table cell. */
export function codeSpan(value: string): string {
  const text = value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function table(head: string[], rows: string[][], align?: Array<'l' | 'r'>): string[] {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [`| ${head.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function entryLine(e: SuppressionEntry, lang: Lang): string {
  const scope = [e.rule, e.account, e.region, e.resource].filter(Boolean).map((s) => codeSpan(s as string)).join(' ');
  const details = [e.source ? codeSpan(e.source) : undefined, e.expires ? `${t(lang, 'expires')} ${e.expires}` : undefined, `${t(lang, 'reason')}: ${cellText(e.reason)}`]
    .filter(Boolean)
    .join(', ');
  return `${scope} (${details})`;
}

function findingRow(f: Finding, lang: Lang, multiAccount: boolean, withChange: boolean): string[] {
  const row = [`${SEVERITY_ICON[f.severity]} ${severityLabel(lang, f.severity)}`];
  if (withChange) row.push(f.change === 'new' ? `**${t(lang, 'newFindings')}**` : '');
  row.push(`${codeSpan(f.ruleId)}<br>${cellText(f.message || f.title)}`);
  if (multiAccount) row.push(f.accountName ? `${f.accountId}<br>${cellText(f.accountName)}` : f.accountId);
  row.push(f.region, cellText(resourceLabel(f)), money(f.monthlyCostUsd, '—'));
  return row;
}

/** A fenced code block whose fence is longer than any run of backticks in the text. */
function fenced(text: string, indent: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return [`${indent}${fence}sh`, ...text.split(/\r?\n/).map((line) => `${indent}${line}`), `${indent}${fence}`];
}

/**
 * The fix commands of the listed findings, under the table in a collapsed block: in a table cell
 * they pushed the $/month column off GitHub's page width.
 */
function fixBlock(findings: Finding[], lang: Lang): string[] {
  const withFix = findings.filter((f) => f.remediation);
  if (withFix.length === 0) return [];
  const out = ['<details>', `<summary>${t(lang, 'fixCommands', { n: withFix.length })}</summary>`, ''];
  withFix.forEach((f, i) => {
    out.push(`${i + 1}. ${codeSpan(f.ruleId)} ${cellText(resourceLabel(f))} (${f.region})`, ...fenced(f.remediation, '   '));
  });
  out.push('', '</details>');
  return out;
}

export function renderMarkdown(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const s = report.summary;
  const multiAccount = accountCount(report) > 1;
  const regions = new Set(report.targets.flatMap((tg) => tg.regions)).size;
  const out: string[] = [];

  const headline =
    s.findings === 0
      ? `## ✅ costguard: ${t(lang, 'noFindings')}`
      : `## ${s.bySeverity.critical + s.bySeverity.high > 0 ? '🚨' : '⚠️'} costguard: ${t(lang, 'findingsCount', { n: s.findings })} · ${t(lang, 'estimatedMonthlyWaste')} ${money(s.monthlyCostUsd)}`;
  out.push(headline, '');
  const facts = [
    `${t(lang, 'generatedAt')} ${report.generatedAt}`,
    `${t(lang, 'accounts')}: ${accountCount(report)}`,
    `${t(lang, 'regions')}: ${regions}`,
    `${t(lang, 'rulesEvaluated')}: ${s.rulesEvaluated}`,
    `${t(lang, 'resourcesScanned')}: ${s.resources}`,
  ];
  if (s.suppressed > 0) facts.push(`${t(lang, 'suppressed')}: ${s.suppressed}`);
  if (s.rulesNotEvaluated > 0) facts.push(`**${t(lang, 'notEvaluatedHeading')}: ${s.rulesNotEvaluated}**`);
  out.push(facts.join(' · '), '');

  out.push(
    ...table(
      [...SEVERITIES.map((sev) => `${SEVERITY_ICON[sev]} ${severityLabel(lang, sev)}`), t(lang, 'total'), t(lang, 'perMonth')],
      [[...SEVERITIES.map((sev) => String(s.bySeverity[sev])), `**${s.findings}**`, `**${money(s.monthlyCostUsd)}**`]],
      [...SEVERITIES.map(() => 'r' as const), 'r', 'r'],
    ),
    '',
  );

  if (report.baseline) {
    const b = report.baseline;
    out.push(`### ${t(lang, 'baselineHeading')}`, '');
    out.push(`${t(lang, 'newFindings')}: **${b.new}** · ${t(lang, 'unchangedFindings')}: ${b.unchanged} · ${t(lang, 'resolvedFindings')}: ${b.resolved} (${t(lang, 'generatedAt')} ${b.generatedAt})`, '');
  }

  if (multiAccount) {
    out.push(`### ${t(lang, 'perAccount')}`, '');
    out.push(
      ...table(
        [t(lang, 'account'), t(lang, 'name'), ...SEVERITIES.map((sev) => severityLabel(lang, sev)), t(lang, 'perMonth')],
        accountTotals(report).map((a) => [a.accountId, cellText(a.name ?? ''), ...SEVERITIES.map((sev) => String(a.bySeverity[sev])), money(a.monthlyCostUsd)]),
        ['l', 'l', ...SEVERITIES.map(() => 'r' as const), 'r'],
      ),
      '',
    );
  }

  const findings = activeFindings(report);
  if (findings.length > 0) {
    const withChange = Boolean(report.baseline);
    out.push(`### ${t(lang, 'topFindings')}`, '');
    const head = [t(lang, 'severity')];
    if (withChange) head.push(t(lang, 'change'));
    head.push(t(lang, 'rule'));
    if (multiAccount) head.push(t(lang, 'account'));
    head.push(t(lang, 'region'), t(lang, 'resource'), t(lang, 'perMonth'));
    const align = head.map((h) => (h === t(lang, 'perMonth') ? ('r' as const) : ('l' as const)));
    const listed = findings.slice(0, TOP_FINDINGS_LIMIT);
    out.push(...table(head, listed.map((f) => findingRow(f, lang, multiAccount, withChange)), align));
    if (findings.length > TOP_FINDINGS_LIMIT) out.push('', t(lang, 'andMore', { n: findings.length - TOP_FINDINGS_LIMIT }));
    out.push('');
    const fixes = fixBlock(listed, lang);
    if (fixes.length > 0) out.push(...fixes, '');
    const prices = pricingNote(report, lang);
    if (prices) out.push(`_${cellText(prices.line)}_`, ...(prices.warning ? ['', `> ⚠️ ${cellText(prices.warning)}`] : []), '');
  }

  const notEvaluated = notEvaluatedLines(report);
  if (notEvaluated.length > 0) {
    out.push(`### ${t(lang, 'notEvaluatedHeading')}`, '');
    for (const n of notEvaluated) {
      const where = multiAccount ? `${n.accountId} ${n.regions.join(', ')}` : n.regions.join(', ');
      out.push(`- ${t(lang, 'ruleInWhere', { rule: codeSpan(n.ruleId), where })} — ${cellText(reasonText(lang, n.reason))}`);
    }
    out.push('');
  }

  if (report.errors.length > 0) {
    out.push(`### ${t(lang, 'collectionErrors')}`, '');
    for (const e of report.errors) out.push(`- ${e.accountId} ${e.region} ${codeSpan(e.operation)} **${cellText(e.code)}** — ${cellText(e.message)}`);
    out.push('');
  }

  const problems = report.suppressionProblems;
  if (problems && (problems.expired.length > 0 || problems.stale.length > 0)) {
    out.push(`### ${t(lang, 'suppressionsHeading')}`, '');
    for (const e of problems.expired) out.push(`- ${t(lang, 'suppressionsExpired')}: ${entryLine(e, lang)}`);
    for (const e of problems.stale) out.push(`- ${t(lang, 'suppressionsStale')}: ${entryLine(e, lang)}`);
    out.push('');
  }

  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export const markdownRenderer: Renderer = {
  format: 'markdown',
  extension: 'md',
  render: renderMarkdown,
};

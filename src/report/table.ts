// --format table: the human view (default on a TTY). Per-account summary when several accounts,
// findings grouped by severity with the exact fix command, the estimated monthly waste, and what
// could not be checked — a rule that was not evaluated is never shown as passed.

import { pricingNote } from './pricing-note.js';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { severityLabel, t, type Lang } from '../core/i18n.js';
import { roundCents } from '../core/report-builder.js';
import { SEVERITIES, type Finding, type Report, type Severity, type SuppressionEntry } from '../core/model.js';
import {
  accountCount,
  accountTotals,
  activeFindings,
  durationText,
  groupBySeverity,
  money,
  notEvaluatedLines,
  resourceLabel,
} from './shared.js';
import type { RenderOptions, Renderer } from './types.js';

const MIN_WIDTH = 80;
const DEFAULT_WIDTH = 120;

interface Ctx {
  lang: Lang;
  c: ChalkInstance;
  width: number;
  multiAccount: boolean;
  /** Rules without a cost model (hygiene rules): their findings show "-" rather than "unknown". */
  noCostRules: ReadonlySet<string>;
}

/** The $/month cell: the estimate, "-" for a rule that has no cost, "unknown" when the cost could not be worked out. */
function costText(f: Finding, ctx: Ctx): string {
  if (f.monthlyCostUsd === null && ctx.noCostRules.has(f.ruleId)) return t(ctx.lang, 'costNone');
  return money(f.monthlyCostUsd, t(ctx.lang, 'unknownCost'));
}

function severityColour(c: ChalkInstance, severity: Severity): (s: string) => string {
  switch (severity) {
    case 'critical':
      return (s) => c.bold.magenta(s);
    case 'high':
      return (s) => c.bold.red(s);
    case 'medium':
      return (s) => c.yellow(s);
    case 'low':
      return (s) => c.cyan(s);
    default:
      return (s) => c.gray(s);
  }
}

function newTable(ctx: Ctx, head: string[], colWidths?: number[], colAligns?: Array<'left' | 'right' | 'center'>): Table.Table {
  return new Table({
    head: head.map((h) => ctx.c.bold(h)),
    colWidths: colWidths ?? [],
    colAligns: colAligns ?? [],
    // Cells are wrapped by wrapText (display-width aware, hard-breaks long ARNs); cli-table3 only lays them out.
    wordWrap: false,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
}

/** Display width of a string: East Asian wide characters (Hangul, CJK, fullwidth) take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6)
  );
}

/** Wrap plain text to a display width: on spaces where possible, hard-breaking words (ARNs, paths) that are longer than a line. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      let rest = word;
      while (displayWidth(rest) > width) {
        if (line) {
          out.push(line);
          line = '';
        }
        let head = '';
        for (const ch of rest) {
          if (displayWidth(head + ch) > width) break;
          head += ch;
        }
        out.push(head);
        rest = rest.slice(head.length);
      }
      if (!rest) continue;
      if (!line) line = rest;
      else if (displayWidth(line) + 1 + displayWidth(rest) <= width) line += ` ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

/** A cell of several parts, each wrapped to the column's inner width and then coloured. */
function cell(width: number, ...parts: Array<[string, (s: string) => string]>): string {
  return parts.flatMap(([text, colour]) => wrapText(text, width - 2).map(colour)).join('\n');
}

function accountsSection(report: Report, ctx: Ctx): string {
  const { lang } = ctx;
  const totals = accountTotals(report);
  const table = newTable(
    ctx,
    [t(lang, 'account'), t(lang, 'name'), ...SEVERITIES.map((s) => severityLabel(lang, s)), t(lang, 'perMonth')],
    undefined,
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  for (const a of totals) {
    table.push([a.accountId, wrapText(a.name ?? '', 24).join('\n'), ...SEVERITIES.map((s) => String(a.bySeverity[s])), money(a.monthlyCostUsd)]);
  }
  return `${ctx.c.bold(t(lang, 'accounts'))}\n${table.toString()}`;
}

interface Layout {
  widths: number[];
  account?: number;
  rule: number;
  region: number;
  resource: number;
  cost: number;
}

/** Column widths for the findings tables: fixed columns sized to their content, the rest shared by rule and resource. */
function layout(findings: Finding[], ctx: Ctx): Layout {
  const { lang } = ctx;
  const region = Math.max(displayWidth(t(lang, 'region')), ...findings.map((f) => f.region.length)) + 2;
  const cost =
    Math.max(displayWidth(t(lang, 'perMonth')), ...findings.map((f) => displayWidth(costText(f, ctx)))) + 2;
  const account = ctx.multiAccount ? 14 : undefined;
  const columns = (account ? 5 : 4) + 1;
  const free = ctx.width - columns - region - cost - (account ?? 0);
  const newMarker = displayWidth(`[${t(lang, 'newFindings')}] `);
  const longestRule = Math.max(...findings.map((f) => f.ruleId.length + (f.change === 'new' ? newMarker : 0))) + 2;
  let rule = Math.max(Math.floor(free * 0.55), Math.min(longestRule, free - 14));
  rule = Math.max(rule, 12);
  const resource = Math.max(free - rule, 12);
  const widths = account ? [account, rule, region, resource, cost] : [rule, region, resource, cost];
  return { widths, account, rule, region, resource, cost };
}

function findingRow(f: Finding, ctx: Ctx, l: Layout): string[] {
  const { c, lang } = ctx;
  const plain = (s: string): string => s;
  const gray = (s: string): string => c.gray(s);
  const marker = f.change === 'new' ? `[${t(lang, 'newFindings')}] ` : '';
  const rule = cell(l.rule, [`${marker}${f.ruleId}`, (s) => c.bold(s)], [f.message || f.title, plain]);
  const resource = cell(l.resource, [resourceLabel(f), plain], [f.resourceType, gray]);
  const cells = [rule, f.region, resource, costText(f, ctx)];
  if (!l.account) return cells;
  const account = cell(l.account, [f.accountId, plain], ...(f.accountName ? [[f.accountName, gray] as [string, (s: string) => string]] : []));
  return [account, ...cells];
}

function findingsSection(findings: Finding[], ctx: Ctx): string {
  const { c, lang } = ctx;
  const head = [t(lang, 'rule'), t(lang, 'region'), t(lang, 'resource'), t(lang, 'perMonth')];
  if (ctx.multiAccount) head.unshift(t(lang, 'account'));
  const l = layout(findings, ctx);
  const fullWidth = l.widths.reduce((a, b) => a + b, 0) + l.widths.length - 1;
  const aligns: Array<'left' | 'right'> = head.map((_, i) => (i === head.length - 1 ? 'right' : 'left'));
  const parts: string[] = [];
  for (const group of groupBySeverity(findings)) {
    const colour = severityColour(c, group.severity);
    const costs = group.findings.filter((f) => typeof f.monthlyCostUsd === 'number');
    const subtotal = roundCents(costs.reduce((n, f) => n + (f.monthlyCostUsd ?? 0), 0));
    const cost = costs.length > 0 ? ` · ${t(lang, 'amountPerMonth', { amount: money(subtotal) })}` : '';
    const heading = `${colour(severityLabel(lang, group.severity).toUpperCase())} (${group.findings.length})${cost}`;
    const table = newTable(ctx, head, l.widths, aligns);
    for (const f of group.findings) {
      table.push(findingRow(f, ctx, l));
      if (f.remediation) {
        const label = `${t(lang, 'fix')}:`;
        const lines = wrapText(`${label} ${f.remediation}`, fullWidth - 2);
        lines[0] = lines[0].startsWith(label) ? `${c.gray(label)}${lines[0].slice(label.length)}` : lines[0];
        table.push([{ colSpan: head.length, content: lines.join('\n') }]);
      }
    }
    parts.push(`${heading}\n${table.toString()}`);
  }
  return parts.join('\n\n');
}

function entryText(e: SuppressionEntry, lang: Lang): string {
  const scope = [e.rule, e.account, e.region, e.resource].filter(Boolean).join(' ');
  const details = [e.source, e.expires ? `${t(lang, 'expires')} ${e.expires}` : undefined, `${t(lang, 'reason')}: ${e.reason}`].filter(Boolean).join(', ');
  return `${scope} (${details})`;
}

function statsSection(report: Report, ctx: Ctx): string {
  const { lang } = ctx;
  const s = report.summary;
  const lines: string[] = [ctx.c.bold(t(lang, 'statsHeading'))];
  const ops = s.byOperation ?? [];
  if (ops.length > 0) {
    const table = newTable(
      ctx,
      [t(lang, 'service'), t(lang, 'operation'), t(lang, 'calls'), t(lang, 'retries'), t(lang, 'throttles'), t(lang, 'errors')],
      undefined,
      ['left', 'left', 'right', 'right', 'right', 'right'],
    );
    for (const o of ops) table.push([o.service, o.operation, String(o.calls), String(o.retries), String(o.throttles), String(o.errors)]);
    lines.push(table.toString());
  }
  lines.push(
    `${t(lang, 'apiCalls')}: ${s.apiCalls} · ${t(lang, 'retries')}: ${s.retries} · ${t(lang, 'throttles')}: ${s.throttles} · ${t(lang, 'duration')}: ${durationText(s.durationMs)}${
      s.firstApiCallMs === undefined ? '' : ` · ${t(lang, 'firstApiCall')}: ${durationText(s.firstApiCallMs)}`
    }`,
  );
  return lines.join('\n');
}

export function renderTable(report: Report, opts: RenderOptions): string {
  const lang = opts.lang;
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const ctx: Ctx = { lang, c, width: Math.max(MIN_WIDTH, opts.width ?? DEFAULT_WIDTH), multiAccount: accountCount(report) > 1, noCostRules: new Set((opts.rules ?? []).filter((r) => r.hasCost === false).map((r) => r.id)) };
  const sections: string[] = [];

  if (ctx.multiAccount) sections.push(accountsSection(report, ctx));

  const findings = activeFindings(report);
  if (findings.length === 0) {
    sections.push(c.green(t(lang, 'noFindings')));
  } else {
    sections.push(findingsSection(findings, ctx));
  }

  const totals: string[] = [];
  if (findings.length > 0) totals.push(c.bold(`${t(lang, 'estimatedMonthlyWaste')}: ${money(report.summary.monthlyCostUsd)}`));
  if (report.summary.suppressed > 0) totals.push(c.gray(`${t(lang, 'suppressed')}: ${report.summary.suppressed}`));
  if (report.baseline) {
    const b = report.baseline;
    totals.push(
      `${t(lang, 'baselineHeading')}: ${t(lang, 'newFindings')} ${b.new} · ${t(lang, 'unchangedFindings')} ${b.unchanged} · ${t(lang, 'resolvedFindings')} ${b.resolved}`,
    );
  }
  const prices = pricingNote(report, lang);
  if (prices && findings.some((f) => f.monthlyCostUsd !== null || f.priceSource !== undefined)) totals.push(c.gray(prices.line));
  if (totals.length > 0) sections.push(totals.join('\n'));

  const warnings: string[] = [];
  if (prices?.warning) warnings.push(c.yellow(prices.warning));
  for (const n of notEvaluatedLines(report)) {
    const where = ctx.multiAccount ? `${n.accountId} ${n.regions.join(', ')}` : n.regions.join(', ');
    warnings.push(c.yellow(`${t(lang, 'notEvaluated')}: ${t(lang, 'ruleInWhere', { rule: n.ruleId, where })} — ${n.reason}`));
  }
  for (const e of report.errors) {
    warnings.push(c.red(`${t(lang, 'error')}: ${e.accountId} ${e.region} ${e.operation} ${e.code} — ${e.message}`));
  }
  for (const e of report.suppressionProblems?.expired ?? []) warnings.push(c.yellow(`${t(lang, 'suppressionsExpired')}: ${entryText(e, lang)}`));
  for (const e of report.suppressionProblems?.stale ?? []) warnings.push(c.gray(`${t(lang, 'suppressionsStale')}: ${entryText(e, lang)}`));
  if (warnings.length > 0) sections.push(warnings.join('\n'));

  if (opts.stats) sections.push(statsSection(report, ctx));

  return `${sections.join('\n\n')}\n`;
}

export const tableRenderer: Renderer = {
  format: 'table',
  extension: 'txt',
  render: renderTable,
};

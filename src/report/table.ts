// --format table: the human view (default on a TTY). A short summary first (accounts as "alias (id)",
// $/month, counts by severity, the top costs), then one line per finding or per group of findings of
// the same rule, fitted to the terminal width; --details shows the full message, why and fix. What
// could not be checked is listed — a rule that was not evaluated is never shown as passed.

import { pricingNote } from './pricing-note.js';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { severityLabel, t, type Lang } from './i18n.js';
import { roundCents } from '../core/money.js';
import { cmp } from '../core/report-order.js';
import { SEVERITIES, atOrAbove, type Finding, type Report, type Severity, type SuppressionEntry } from '../core/model.js';
import {
  LOCAL_ACCOUNT,
  accountCount,
  accountTotals,
  activeFindings,
  costBy,
  durationText,
  groupBySeverity,
  money,
  notEvaluatedLines,
  reasonText,
  resourceLabel,
} from './shared.js';
import type { RenderOptions, Renderer, ShardInfo } from './types.js';

const MIN_WIDTH = 80;
const DEFAULT_WIDTH = 120;

interface Ctx {
  lang: Lang;
  c: ChalkInstance;
  width: number;
  multiAccount: boolean;
  /** Rules without a cost model (hygiene rules): their findings show "-" rather than "unknown". */
  noCostRules: ReadonlySet<string>;
  minSeverity?: Severity;
  /** --details: every failed call and every rule not evaluated on its own line. */
  details: boolean;
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

/** More rules than this not evaluated in one place are counted in one line (--details lists them). */
const SUMMARIZE_NOT_COLLECTED_OVER = 3;

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

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};
const GAP = 2;
const INDENT = '  ';

/** A borderless, one-line-per-row table: cli-table3 lays out the computed widths and truncates with "…" (display-width aware). */
function compactTable(ctx: Ctx, widths: number[], aligns: Array<'left' | 'right'>, rows: string[][], head?: string[]): string[] {
  const table = new Table({
    chars: BORDERLESS,
    colWidths: widths,
    colAligns: aligns,
    wordWrap: false,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    ...(head ? { head: head.map((h) => ctx.c.bold(h)) } : {}),
  });
  for (const r of rows) table.push(r);
  return table
    .toString()
    .split('\n')
    .map((l) => `${INDENT}${l.trimEnd()}`);
}

/** "alias (id)", or the id when the account has no alias or name. */
export function accountLabel(accountId: string, name?: string): string {
  return name && name !== accountId ? `${name} (${accountId})` : accountId;
}

/** One displayed line: one finding, or every finding of one rule at one severity (count and total $). */
interface Row {
  severity: Severity;
  ruleId: string;
  isNew: boolean;
  text: string;
  account: string;
  resource: string;
  region: string;
  cost: string;
}

function groupRows(findings: Finding[], ctx: Ctx): Row[] {
  const { lang } = ctx;
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.severity}\u0000${f.ruleId}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const rows: Row[] = [];
  for (const g of groups.values()) {
    const [first] = g;
    const isNew = g.some((f) => f.change === 'new');
    if (g.length === 1) {
      rows.push({
        severity: first.severity,
        ruleId: first.ruleId,
        isNew,
        text: first.message || first.title,
        account: accountLabel(first.accountId, first.accountName),
        resource: resourceLabel(first),
        region: first.region,
        cost: costText(first, ctx),
      });
      continue;
    }
    const regions = [...new Set(g.map((f) => f.region))];
    const accounts = [...new Set(g.map((f) => accountLabel(f.accountId, f.accountName)))];
    const known = g.filter((f) => typeof f.monthlyCostUsd === 'number');
    const total = roundCents(known.reduce((n, f) => n + (f.monthlyCostUsd ?? 0), 0));
    rows.push({
      severity: first.severity,
      ruleId: first.ruleId,
      isNew,
      text: first.title,
      account: accounts.length === 1 ? accounts[0] : t(lang, 'nAccounts', { n: accounts.length }),
      resource: t(lang, 'nResources', { n: g.length }),
      region: regions.length === 1 ? regions[0] : t(lang, 'nRegions', { n: regions.length }),
      cost: known.length > 0 ? money(total) : costText(first, ctx),
    });
  }
  return rows;
}

/** Column widths fitted to the terminal: fixed columns sized to their content, text and resource share the rest. */
function fitColumns(rows: Row[], ctx: Ctx, head: { rule: string; text: string; account: string; resource: string; region: string; cost: string }): { widths: number[]; columns: Array<keyof Row | 'rule'> } {
  const w = (values: string[], title: string): number => Math.max(displayWidth(title), ...values.map(displayWidth));
  const newMarker = displayWidth(`+ `);
  const rule = Math.max(displayWidth(head.rule), ...rows.map((r) => r.ruleId.length + (r.isNew ? newMarker : 0)));
  const region = w(rows.map((r) => r.region), head.region);
  const cost = w(rows.map((r) => r.cost), head.cost);
  // The account is never truncated or wrapped: it is sized to the longest "alias (id)".
  const account = ctx.multiAccount ? w(rows.map((r) => r.account), head.account) : 0;
  const fixed = [rule, ...(ctx.multiAccount ? [account] : []), region, cost];
  const avail = ctx.width - INDENT.length;
  const used = fixed.reduce((a, b) => a + b, 0) + GAP * fixed.length;
  let free = avail - used;
  const resourceWanted = w(rows.map((r) => r.resource), head.resource);
  const textWanted = w(rows.map((r) => r.text), head.text);
  const columns: Array<keyof Row | 'rule'> = ['rule'];
  const widths: number[] = [rule];
  if (ctx.multiAccount) {
    columns.push('account');
    widths.push(account);
  }
  // The rule id gives way (down to 16 columns) before the resource becomes unreadable.
  let ruleWidth = rule;
  if (free < 16) {
    const cut = Math.min(16 - free, rule - 16);
    if (cut > 0) {
      ruleWidth -= cut;
      free += cut;
      widths[0] = ruleWidth;
    }
  }
  // Resource first (it names what to fix); the finding text only when there is room for a useful part of it.
  let resource = Math.min(resourceWanted, Math.max(free, 6));
  let text = 0;
  if (free >= 52) {
    resource = Math.min(resourceWanted, Math.max(20, Math.floor(free * 0.4)));
    text = Math.min(textWanted, free - resource - GAP);
    resource = Math.min(resourceWanted, free - text - GAP);
  }
  if (text > 0) {
    columns.push('text');
    widths.push(text);
  }
  columns.push('resource', 'region', 'cost');
  widths.push(resource, region, cost);
  return { widths, columns };
}

function findingsSection(findings: Finding[], ctx: Ctx): string[] {
  const { c, lang } = ctx;
  const rows = groupRows(findings, ctx);
  const head = { rule: t(lang, 'rule'), text: t(lang, 'finding'), account: t(lang, 'account'), resource: t(lang, 'resource'), region: t(lang, 'region'), cost: t(lang, 'perMonth') };
  const { widths, columns } = fitColumns(rows, ctx, head);
  const aligns = columns.map((col) => (col === 'cost' ? 'right' : 'left')) as Array<'left' | 'right'>;
  const cellOf = (r: Row, col: keyof Row | 'rule'): string => {
    if (col === 'rule') return r.isNew ? `+ ${r.ruleId}` : r.ruleId;
    return String(r[col]);
  };
  const out: string[] = [compactTable(ctx, widths, aligns, [], columns.map((col) => head[col as keyof typeof head]))[0]];
  for (const group of groupBySeverity(findings)) {
    const colour = severityColour(c, group.severity);
    const costs = group.findings.filter((f) => typeof f.monthlyCostUsd === 'number');
    const subtotal = roundCents(costs.reduce((n, f) => n + (f.monthlyCostUsd ?? 0), 0));
    const cost = costs.length > 0 && subtotal > 0 ? ` · ${t(lang, 'amountPerMonth', { amount: money(subtotal) })}` : '';
    out.push(`${colour(severityLabel(lang, group.severity).toUpperCase())} (${group.findings.length})${cost}`);
    const groupRowsOf = rows.filter((r) => r.severity === group.severity);
    out.push(...compactTable(ctx, widths, aligns, groupRowsOf.map((r) => columns.map((col) => cellOf(r, col)))));
  }
  return out;
}

/** --details: every finding with its full message, why and fix, wrapped to the terminal. */
function detailsSection(findings: Finding[], ctx: Ctx, rules: Map<string, { why?: string }>): string[] {
  const { c, lang } = ctx;
  const out: string[] = [];
  const body = ctx.width - INDENT.length;
  const labelled = (label: string, text: string): string[] => {
    const lines = wrapText(`${label}: ${text}`, body);
    return lines.map((l, i) => (i === 0 ? `${INDENT}${c.gray(`${label}:`)}${l.slice(label.length + 1)}` : `${INDENT}${l}`));
  };
  for (const group of groupBySeverity(findings)) {
    const colour = severityColour(c, group.severity);
    out.push(`${colour(severityLabel(lang, group.severity).toUpperCase())} (${group.findings.length})`, '');
    for (const f of group.findings) {
      const marker = f.change === 'new' ? `[${t(lang, 'newFindings')}] ` : '';
      const where = [ctx.multiAccount ? accountLabel(f.accountId, f.accountName) : undefined, f.region, costText(f, ctx)].filter(Boolean).join(' · ');
      out.push(...wrapText(`${marker}${f.ruleId} · ${resourceLabel(f)} (${f.resourceType}) · ${where}`, ctx.width).map((l) => c.bold(l)));
      for (const l of wrapText(f.message || f.title, body)) out.push(`${INDENT}${l}`);
      const why = f.why ?? rules.get(f.ruleId)?.why;
      if (why) out.push(...labelled(t(lang, 'why'), why));
      if (f.remediation) out.push(...labelled(t(lang, 'fix'), f.remediation));
      out.push('');
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

type Part = [string, (s: string) => string];

/** Parts joined by " · ", packed into lines no wider than the terminal (a part is never split unless it alone is too wide). */
function packParts(parts: Part[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let plain = '';
  for (const [text, colour] of parts) {
    if (plain && displayWidth(plain) + 3 + displayWidth(text) <= width) {
      line += ` · ${colour(text)}`;
      plain += ` · ${text}`;
      continue;
    }
    if (plain) lines.push(line);
    const wrapped = wrapText(text, width);
    lines.push(...wrapped.slice(0, -1).map(colour));
    plain = wrapped[wrapped.length - 1];
    line = colour(plain);
  }
  if (plain) lines.push(line);
  return lines;
}

/** The summary: accounts as "alias (id)", $/month, counts by severity, the top costs. */
function summarySection(report: Report, findings: Finding[], allCount: number, ctx: Ctx): string[] {
  const hidden = allCount - findings.length;
  const { c, lang } = ctx;
  const out: string[] = [];
  const totals = accountTotals(report).filter((a) => a.accountId !== LOCAL_ACCOUNT);
  const local = report.findings.filter((f) => f.accountId === LOCAL_ACCOUNT && !f.suppressed).length;
  if (totals.length === 1 || (totals.length === 0 && local > 0)) {
    const parts = totals.map((a) => `${t(lang, 'account')}: ${accountLabel(a.accountId, a.name)}`);
    const regions = new Set(report.targets.filter((tg) => tg.accountId !== LOCAL_ACCOUNT).flatMap((tg) => tg.regions));
    if (regions.size > 0) parts.push(t(lang, 'nRegions', { n: regions.size }));
    if (local > 0) parts.push(t(lang, 'localFindings', { n: local }));
    out.push(...packParts(parts.map((p) => [p, (x: string) => c.bold(x)]), ctx.width));
  } else if (totals.length > 1) {
    out.push(c.bold(`${t(lang, 'accounts')} (${totals.length})`));
    const rows = totals.map((a) => [accountLabel(a.accountId, a.name), ...SEVERITIES.map((s) => String(a.bySeverity[s])), money(a.monthlyCostUsd)]);
    const head = [t(lang, 'account'), ...SEVERITIES.map((s) => severityLabel(lang, s)), t(lang, 'perMonth')];
    const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
    out.push(...compactTable(ctx, widths, head.map((_, i) => (i === 0 ? 'left' : 'right')), rows, head));
    if (local > 0) out.push(`${INDENT}${t(lang, 'localFindings', { n: local })}`);
  }
  const s = report.summary;
  const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev): [Severity, string] => [sev, t(lang, 'severityCount', { n: s.bySeverity[sev], severity: severityLabel(lang, sev) })]);
  if (allCount > 0) {
    out.push(
      ...packParts(
        [
          [`${t(lang, 'estimatedMonthlyWaste')}: ${money(s.monthlyCostUsd)}`, (x) => c.bold(x)],
          ...counts.map(([sev, text], i): Part => [i === 0 ? `${t(lang, 'findingsCount', { n: s.findings })}: ${text}` : text, severityColour(c, sev)]),
        ],
        ctx.width,
      ),
    );
    const top = costBy({ ...report, findings: findings }, (f) => f.ruleId)
      .filter((e) => e.monthlyCostUsd > 0)
      .slice(0, 3)
      .map((e) => `${e.key} ${money(e.monthlyCostUsd)}${e.findings > 1 ? ` (×${e.findings})` : ''}`);
    if (top.length > 0) out.push(...wrapText(`${t(lang, 'topCosts')}: ${top.join(' · ')}`, ctx.width));
  }
  if (hidden > 0) out.push(c.gray(t(lang, 'hiddenBelow', { n: hidden, severity: severityLabel(lang, ctx.minSeverity ?? 'info') })));
  const incomplete = incompleteHeadline(report, lang);
  if (incomplete) out.push(...wrapText(incomplete, ctx.width).map((l) => c.yellow(l)));
  return out;
}

/**
 * One line at the top when calls failed: how many rules could not be evaluated and on which services,
 * so a narrow role's AccessDenied on services it never uses does not bury the findings (they are what
 * could be checked), and does not pass silently either. The failed calls are grouped at the end.
 */
function incompleteHeadline(report: Report, lang: Lang): string | undefined {
  if (report.errors.length === 0) return undefined;
  // The rules the failed calls left unevaluated (not those whose data this run never collects).
  const rules = new Set([
    ...report.errors.flatMap((e) => e.rulesNotEvaluated ?? []),
    ...report.notEvaluated.filter((n) => !n.reason.startsWith('not collected:')).map((n) => n.ruleId),
  ]);
  const byCode = new Map<string, Set<string>>();
  for (const e of report.errors) {
    const services = byCode.get(e.code) ?? new Set<string>();
    services.add(serviceOf(e.operation));
    byCode.set(e.code, services);
  }
  const causes = [...byCode].sort(([a], [b]) => cmp(a, b)).map(([code, services]) => t(lang, 'errorOnServices', { code, services: [...services].sort().join(', ') }));
  if (rules.size === 0) return t(lang, 'incompleteHeadlineNoRules', { causes: causes.join('; ') });
  return t(lang, 'incompleteHeadline', { n: rules.size, s: rules.size === 1 ? '' : 's', causes: causes.join('; ') });
}

function serviceOf(operation: string): string {
  return operation.split(':')[0] ?? operation;
}

/** Failed calls grouped by account, error code and service: "AccessDenied — sagemaker: ListEndpoints, ListNotebookInstances in 17 regions". */
function errorLines(report: Report, ctx: Ctx): string[] {
  const { lang } = ctx;
  if (ctx.details) {
    return report.errors.map((e) => `${t(lang, 'error')}: ${e.accountId} ${e.region} ${e.operation} ${e.code} — ${e.message}`);
  }
  const groups = new Map<string, { accountId: string; code: string; service: string; operations: Set<string>; regions: Set<string>; messages: Set<string> }>();
  for (const e of report.errors) {
    const service = serviceOf(e.operation);
    const key = `${e.accountId}\u0000${e.code}\u0000${service}`;
    const g = groups.get(key) ?? { accountId: e.accountId, code: e.code, service, operations: new Set(), regions: new Set(), messages: new Set() };
    g.operations.add(e.operation.slice(service.length + 1) || e.operation);
    g.regions.add(e.region);
    g.messages.add(e.message);
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => cmp(a.accountId, b.accountId) || cmp(a.code, b.code) || cmp(a.service, b.service))
    .map((g) => {
      const regions = [...g.regions].sort();
      const where = regions.length <= 3 ? regions.join(', ') : t(lang, 'nRegions', { n: regions.length });
      const operations = `${g.service}:${[...g.operations].sort().join(', ')}`;
      // One message says what AWS answered; several (one per region) would only repeat it.
      const message = g.messages.size === 1 ? ` — ${[...g.messages][0]}` : '';
      return `${t(lang, 'error')}: ${g.accountId} ${where} ${operations} ${g.code}${message}`;
    });
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
    const head = [t(lang, 'service'), t(lang, 'operation'), t(lang, 'calls'), t(lang, 'retries'), t(lang, 'throttles'), t(lang, 'errors')];
    const rows = ops.map((o) => [o.service, o.operation, String(o.calls), String(o.retries), String(o.throttles), String(o.errors)]);
    const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
    lines.push(...compactTable(ctx, widths, head.map((_, i) => (i < 2 ? 'left' : 'right')), rows, head));
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
  const ctx: Ctx = {
    lang,
    c,
    width: Math.max(MIN_WIDTH, opts.width ?? DEFAULT_WIDTH),
    multiAccount: accountCount(report) > 1,
    noCostRules: new Set((opts.rules ?? report.rules ?? []).filter((r) => r.hasCost === false).map((r) => r.id)),
    minSeverity: opts.minSeverity,
    details: opts.details === true,
  };
  const all = activeFindings(report);
  const findings = opts.minSeverity ? all.filter((f) => atOrAbove(f.severity, opts.minSeverity as Severity)) : all;
  const sections: string[][] = [];

  const summary = summarySection(report, findings, all.length, ctx);
  if (summary.length > 0) sections.push(summary);

  const shardIsEmpty = opts.shard && !report.targets.some((target) => target.accountId !== 'local');
  if (shardIsEmpty && opts.shard) sections.push([shardEmptyLine(opts.shard, lang)]);
  else if (all.length === 0) sections.push([c.green(t(lang, 'noFindings'))]);
  else if (findings.length > 0) {
    const rules = new Map((opts.rules ?? report.rules ?? []).map((r) => [r.id, r]));
    sections.push(opts.details ? detailsSection(findings, ctx, rules) : findingsSection(findings, ctx));
  }

  const totals: string[] = [];
  if (report.summary.suppressed > 0) totals.push(c.gray(`${t(lang, 'suppressed')}: ${report.summary.suppressed}`));
  if (report.baseline) {
    const b = report.baseline;
    totals.push(
      `${t(lang, 'baselineHeading')}: ${t(lang, 'newFindings')} ${b.new} · ${t(lang, 'unchangedFindings')} ${b.unchanged} · ${t(lang, 'resolvedFindings')} ${b.resolved}`,
    );
  }
  const prices = pricingNote(report, lang);
  if (prices && findings.some((f) => f.monthlyCostUsd !== null || f.priceSource !== undefined)) totals.push(...wrapText(prices.line, ctx.width).map((l) => c.gray(l)));
  if (totals.length > 0) sections.push(totals);

  const warnings: string[] = [];
  if (prices?.warning) warnings.push(...wrapText(prices.warning, ctx.width).map((l) => c.yellow(l)));
  const notEvaluated = notEvaluatedLines(report).map((n) => {
    const regions = n.regions.filter((r) => r !== '*');
    const regionText = !opts.details && regions.length > 3 ? t(lang, 'nRegions', { n: regions.length }) : regions.join(', ');
    const where = [ctx.multiAccount || n.accountId === LOCAL_ACCOUNT ? n.accountId : undefined, regionText || undefined].filter(Boolean).join(' ');
    return { ...n, where, uncollected: /^not collected: (.*)$/.exec(n.reason)?.[1] };
  });
  // Rules whose types the inventory does not hold at all (a snapshot saved before those types existed)
  // are counted in one line per place, with their types; --details lists each rule.
  const summarized = new Set<(typeof notEvaluated)[number]>();
  if (!opts.details) {
    const byWhere = new Map<string, typeof notEvaluated>();
    for (const n of notEvaluated) if (n.uncollected !== undefined) byWhere.set(n.where, [...(byWhere.get(n.where) ?? []), n]);
    for (const [where, group] of byWhere) {
      if (group.length <= SUMMARIZE_NOT_COLLECTED_OVER) continue;
      const types = [...new Set(group.flatMap((n) => (n.uncollected ?? '').split(', ')))].sort();
      const text = t(lang, 'notCollectedSummary', { n: group.length, s: group.length === 1 ? '' : 's', types: types.join(', ') });
      warnings.push(...wrapText(`${t(lang, 'notEvaluated')}${where ? ` (${where})` : ''}: ${text}`, ctx.width).map((l) => c.yellow(l)));
      for (const n of group) summarized.add(n);
    }
  }
  if (!opts.details) {
    // Many rules not evaluated in one place for failed calls (a narrow role's AccessDenied): one line
    // with their ids; the failed calls follow, grouped; --details gives each rule its reason.
    const byWhere = new Map<string, typeof notEvaluated>();
    for (const n of notEvaluated) if (!summarized.has(n)) byWhere.set(n.where, [...(byWhere.get(n.where) ?? []), n]);
    for (const [where, group] of byWhere) {
      if (group.length <= SUMMARIZE_NOT_COLLECTED_OVER) continue;
      const text = t(lang, 'notEvaluatedSummary', { n: group.length, rules: [...new Set(group.map((n) => n.ruleId))].join(', ') });
      warnings.push(...wrapText(`${t(lang, 'notEvaluated')}${where ? ` (${where})` : ''}: ${text}`, ctx.width).map((l) => c.yellow(l)));
      for (const n of group) summarized.add(n);
    }
  }
  for (const n of notEvaluated) {
    if (summarized.has(n)) continue;
    const rule = n.where ? t(lang, 'ruleInWhere', { rule: n.ruleId, where: n.where }) : n.ruleId;
    warnings.push(...wrapText(`${t(lang, 'notEvaluated')}: ${rule} — ${reasonText(lang, n.reason)}`, ctx.width).map((l) => c.yellow(l)));
  }
  for (const line of errorLines(report, ctx)) warnings.push(...wrapText(line, ctx.width).map((l) => c.red(l)));
  for (const e of report.suppressionProblems?.expired ?? []) warnings.push(c.yellow(`${t(lang, 'suppressionsExpired')}: ${entryText(e, lang)}`));
  for (const e of report.suppressionProblems?.stale ?? []) warnings.push(c.gray(`${t(lang, 'suppressionsStale')}: ${entryText(e, lang)}`));
  if (warnings.length > 0) sections.push(warnings);

  if (opts.stats) sections.push([statsSection(report, ctx)]);
  if (!opts.details && findings.length > 0) sections.push([c.gray(t(lang, 'detailsHint'))]);

  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}

export const tableRenderer: Renderer = {
  format: 'table',
  extension: 'txt',
  render: renderTable,
};

/** What a shard that holds no account says instead of "No findings". */
export function shardEmptyLine(shard: ShardInfo, lang: Lang): string {
  const total = shard.accounts !== undefined ? t(lang, 'shardTotal', { n: shard.accounts }) : '';
  return t(lang, 'shardEmpty', { index: shard.index, count: shard.count, total });
}

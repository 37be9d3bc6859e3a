// `costguard cost` for people: per account the month so far and its forecast, a chart of the monthly
// trend, the top usage types with the audit rules that explain them, free-tier state, budgets and
// alarms; then how many paid Cost Explorer requests the run made and whether the cache answered.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { renderBarChart } from './chart.js';
import type { AccountCost, CostReport } from './report.js';
import { formatUsd } from '../core/money.js';

export interface CostRenderOptions {
  color?: boolean;
  /** Terminal width (default 100). */
  width?: number;
  /** How long answers stay cached, as typed ("4h"), for the footer. */
  cacheTtl?: string;
}

export function usd(value: number | undefined): string {
  return formatUsd(value, 'n/a');
}

function quantity(value: number, unit: string | undefined): string {
  const text = value >= 100 ? Math.round(value).toLocaleString('en-US') : String(Math.round(value * 100) / 100);
  return unit ? `${text} ${unit}` : text;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Why Cost Explorer gave no forecast, in words: "DataUnavailableException: …" is too little history;
 * an answer the SDK could not parse (SyntaxError, an endpoint without forecasts) or an unknown
 * operation means the endpoint does not offer forecasts; anything else keeps its error code.
 */
export function forecastReasonText(reason: string): string {
  const code = reason.split(':')[0].trim();
  if (code === 'DataUnavailableException') return 'not enough cost history yet';
  if (/^(SyntaxError|UnknownOperationException|NotImplemented|InternalFailure|Deserialization)/i.test(code) || /not implemented/i.test(reason)) {
    return 'this endpoint does not offer cost forecasts';
  }
  return code;
}

function accountTitle(a: AccountCost): string {
  const label = a.name ?? a.alias;
  return [`Account ${a.accountId}`, label ? `(${label})` : '', a.source ? `— ${a.source}` : ''].filter(Boolean).join(' ');
}

function spendLines(a: AccountCost, c: ChalkInstance, width: number): string[] {
  const s = a.spend;
  if (!s) return [c.yellow('  Spend: not available (Cost Explorer could not be read; see the errors below).')];
  const forecast = s.forecastAvailable
    ? `forecast ${c.bold(usd(s.forecastUsd))} for the month`
    : `forecast unavailable${s.forecastUnavailableReason ? ` (${forecastReasonText(s.forecastUnavailableReason)})` : ''}${s.projectedUsd !== undefined ? `; on the current pace ${usd(s.projectedUsd)}` : ''}`;
  const lines = [`  ${s.month} so far (to yesterday, before credits): ${c.bold(usd(s.monthToDateUsd))} · ${forecast}`];
  if (s.previousMonthsAverageUsd !== undefined) {
    const ratio = s.spikeRatio !== undefined ? ` · this month ${s.spikeRatio}× that` : '';
    lines.push(`  Average of the previous ${s.previousMonthsCount} month(s): ${usd(s.previousMonthsAverageUsd)}${ratio}`);
  }
  if (s.months.length > 0) {
    lines.push('', `  ${c.bold('Monthly spend')}`);
    const bars = s.months.map((m) => ({
      label: m.month,
      value: m.usd,
      dim: m.partial,
      note: m.partial ? `${usd(m.usd)} so far${s.forecastUsd !== undefined ? ` (forecast ${usd(s.forecastUsd)})` : ''}` : usd(m.usd),
    }));
    for (const line of renderBarChart(bars, { width: Math.max(10, Math.min(40, width - 50)), dimmed: (t) => c.gray(t) })) lines.push(`  ${line}`);
  }
  return lines;
}

function usageTable(a: AccountCost, c: ChalkInstance): string[] {
  if (a.topUsageTypes.length === 0) return a.spend ? ['', '  No usage types with spend this month or last month.'] : [];
  const table = new Table({
    head: ['Usage type', 'Service', 'This month', 'Last month', 'Quantity', 'Audit rules'].map((h) => c.bold(h)),
    colAligns: ['left', 'left', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
  });
  for (const u of a.topUsageTypes) {
    table.push([u.usageType, clip(u.service, 28), usd(u.monthToDateUsd), usd(u.previousMonthUsd), quantity(u.monthToDateQuantity, u.unit), u.ruleIds.join('\n') || c.gray('—')]);
  }
  return ['', `  ${c.bold(`Top ${a.topUsageTypes.length} usage types`)}`, ...table.toString().split('\n').map((l) => `  ${l}`)];
}

function freeTierLines(a: AccountCost, c: ChalkInstance): string[] {
  const plan = a.freeTier.plan;
  const lines: string[] = [''];
  if (!plan) lines.push('  Free tier: not read.');
  else if (plan.available === false) lines.push(`  Free tier: not available for this account (${String(plan.unavailableReason ?? 'no reason given').split(':')[0]}).`);
  else {
    const parts = [`${String(plan.accountPlanType ?? '?').toLowerCase()} plan`, String(plan.status ?? '').toLowerCase()];
    if (typeof plan.remainingCreditsUsd === 'number') parts.push(`${usd(plan.remainingCreditsUsd)} credits left`);
    if (typeof plan.expiresOn === 'string') parts.push(`ends ${plan.expiresOn}${typeof plan.daysLeft === 'number' ? ` (${plan.daysLeft} days)` : ''}`);
    lines.push(`  Free tier: ${parts.filter(Boolean).join(', ')}`);
    if (plan.accountPlanType === 'FREE') lines.push(c.yellow('  When the free plan ends (that date, or when the credits run out) AWS closes the account unless you upgrade.'));
  }
  const busy = a.freeTier.offers.filter((o) => (o.actualPercent ?? 0) >= 50 || (o.forecastPercent ?? 0) >= 80).slice(0, 8);
  for (const o of busy) {
    const pct = `${o.actualPercent ?? '?'} % used, forecast ${o.forecastPercent ?? '?'} %`;
    const colour = (o.forecastPercent ?? 0) > 100 || (o.actualPercent ?? 0) >= 85 ? c.red : c.yellow;
    lines.push(`    ${colour(pct.padEnd(30))} ${o.service ?? ''} ${o.description ?? o.usageType ?? ''} (limit ${o.limit ?? '?'} ${o.unit ?? ''})`.trimEnd());
  }
  if (a.freeTier.offers.length > 0 && busy.length === 0) lines.push(`    ${a.freeTier.offers.length} offers, none above half their limit.`);
  return lines;
}

function warningLines(a: AccountCost, c: ChalkInstance): string[] {
  const budget = a.budgets ? (a.budgets.budgetCount === 0 ? c.red('none') : String(a.budgets.budgetCount)) : 'not read';
  const alarms = a.billingAlarms
    ? a.billingAlarms.notifyingAlarmCount === 0
      ? c.red(`none that notifies (${a.billingAlarms.billingAlarmCount} found)`)
      : `${a.billingAlarms.notifyingAlarmCount} notifying`
    : 'not read';
  return [`  Budgets: ${budget} · Billing alarms (us-east-1): ${alarms}`];
}

export function footer(report: CostReport, cacheTtl = '4h'): string {
  const r = report.requests;
  const plural = r.paidRequests === 1 ? 'request' : 'requests';
  const cache =
    r.cacheAnswered === 'all'
      ? 'the disk cache answered everything'
      : r.cacheAnswered === 'some'
        ? 'the disk cache answered part of it'
        : r.cacheAnswered === 'none'
          ? 'nothing came from the disk cache'
          : 'nothing was asked';
  return `Cost Explorer: ${r.paidRequests} paid ${plural} this run (≈ ${usd(r.estimatedCostUsd)}, $0.01 each); ${cache}. Answers are reused for ${cacheTtl} (--cache-ttl, --no-cache).`;
}

export function renderCostReport(report: CostReport, options: CostRenderOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width ?? 100;
  const out: string[] = [];
  for (const a of report.accounts) {
    out.push(c.bold(accountTitle(a)), ...spendLines(a, c, width), ...usageTable(a, c), ...freeTierLines(a, c), ...warningLines(a, c), '');
  }
  if (report.accounts.length === 0) out.push('No accounts.', '');
  if (report.errors.length > 0) {
    out.push(c.yellow(`Could not read ${report.errors.length} item(s):`));
    for (const e of report.errors) out.push(`  ${e.accountId} ${e.operation}: ${e.code}: ${e.message}`);
    out.push('');
  }
  out.push(footer(report, options.cacheTtl));
  return `${out.join('\n')}\n`;
}

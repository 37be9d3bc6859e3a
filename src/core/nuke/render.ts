// Plans and receipts as text (table) and JSON. Pure: strings in, strings out.
import { accountLabel } from './accounts.js';
import type { NukePlan, NukeReceipt, PlanAccount, PlannedDeletion, ReceiptItem, ResourceRef, SkipCategory, SkippedResource } from './types.js';
import { formatUsd as money } from '../money.js';

export { formatUsd as money } from '../money.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Columns padded to their widest cell; the last column is not padded. */
function columns(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

function accountLines(accounts: PlanAccount[]): string[] {
  const rows = accounts.map((a) => [
    accountLabel(a),
    a.status,
    a.status === 'allowed' ? plural(a.deletions, 'deletion') : '',
    a.status === 'allowed' ? `${money(a.monthlyCostUsd)}/month` : '',
    a.status === 'allowed' ? a.source : (a.reason ?? ''),
  ]);
  return columns(rows);
}

function refCells(r: ResourceRef): string[] {
  return [r.region, r.type, r.id, r.name && r.name !== r.id ? r.name : ''];
}

const CATEGORY_TITLES: Record<SkipCategory, string> = {
  protected: 'Protected (never deleted)',
  kept: 'Kept',
  managed: 'Goes with its owner',
  'in-use': 'In use by something that stays',
  unverified: 'Could not be checked',
  'not-selected': 'Not selected',
  interrupted: 'Not started (the run stopped)',
};

const CATEGORY_ORDER: SkipCategory[] = ['interrupted', 'protected', 'kept', 'in-use', 'managed', 'unverified', 'not-selected'];

function skippedLines(skipped: ReadonlyArray<SkippedResource | ReceiptItem>): string[] {
  const lines: string[] = [];
  const byCategory = new Map<string, typeof skipped[number][]>();
  for (const s of skipped) {
    const c = s.category ?? 'not-selected';
    byCategory.set(c, [...(byCategory.get(c) ?? []), s]);
  }
  for (const category of CATEGORY_ORDER) {
    const items = byCategory.get(category);
    if (!items) continue;
    lines.push(`  ${CATEGORY_TITLES[category]} (${items.length})`);
    lines.push(...columns(items.map((s) => [s.accountId, ...refCells(s), `— ${s.reason ?? ''}`]), '    '));
  }
  return lines;
}

function ageText(d: PlannedDeletion): string {
  if (d.ageDays === undefined) return '?';
  return d.ageDays === 0 ? '<1d' : `${d.ageDays}d`;
}

function deletionLines(plan: NukePlan): string[] {
  const lines: string[] = [];
  const accounts = [...new Set(plan.deletions.map((d) => d.accountId))];
  for (const accountId of accounts) {
    const account = plan.accounts.find((a) => a.accountId === accountId);
    const mine = plan.deletions
      .filter((d) => d.accountId === accountId)
      .sort((a, b) => a.region.localeCompare(b.region) || a.step - b.step || a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
    lines.push('', `Account ${accountLabel(account ?? { accountId })}: ${plural(mine.length, 'deletion')}, ${money(account?.monthlyCostUsd ?? 0)}/month`);
    const rows = [['order', 'region', 'type', 'id', 'name', 'age', '$/month']];
    let previous = '';
    for (const d of mine) {
      const group = `${d.region}|${d.type}`;
      const cells = refCells(d);
      rows.push([String(d.step), group === previous ? '' : cells[0], group === previous ? '' : cells[1], cells[2], cells[3], ageText(d), money(d.monthlyCostUsd)]);
      previous = group;
    }
    lines.push(...columns(rows));
    const counts = new Map<string, number>();
    for (const d of mine) counts.set(`${d.region} ${d.type}`, (counts.get(`${d.region} ${d.type}`) ?? 0) + 1);
    lines.push(`  counts: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const decided = mine.filter((d) => d.decidedBy);
    if (decided.length > 0) lines.push('  decided by what holds them (no creation time from AWS):', ...decided.map((d) => `    ${d.region} ${d.type} ${d.id}: ${d.decidedBy ?? ''}`));
  }
  return lines;
}

function errorLines(errors: NukePlan['errors']): string[] {
  if (errors.length === 0) return [];
  return [
    '',
    `Could not list (${errors.length}) — what might use these types was not checked:`,
    ...columns(errors.map((e) => [e.accountId, e.region, e.operation, `${e.code}: ${e.message}`])),
  ];
}

/** The dry-run view: accounts, deletions grouped by account/region/type with order, age and $/month, then what stays and why. */
export function renderPlanTable(plan: NukePlan, options: { dryRun: boolean }): string {
  const lines: string[] = [];
  const s = plan.summary;
  lines.push(`costguard nuke — ${options.dryRun ? 'DRY RUN: nothing is deleted' : 'plan'} · config: ${plan.config}`);
  lines.push('', 'Accounts', ...accountLines(plan.accounts));
  if (s.deletions === 0) {
    lines.push('', 'Nothing to delete.');
  } else {
    const regions = new Set(plan.deletions.map((d) => d.region)).size;
    lines.push('', `Plan: ${plural(s.deletions, 'deletion')} in ${plural(regions, 'region')} of ${plural(new Set(plan.deletions.map((d) => d.accountId)).size, 'account')}, saving ${money(s.monthlyCostUsd)}/month (where the audit has an estimate)`);
    lines.push(...deletionLines(plan));
    lines.push('', `By type: ${Object.entries(s.byType).sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  }
  if (plan.skipped.length > 0) lines.push('', `Skipped (${plan.skipped.length}):`, ...skippedLines(plan.skipped));
  lines.push(...errorLines(plan.errors));
  if (plan.warnings && plan.warnings.length > 0) lines.push('', `Warnings (${plan.warnings.length}):`, ...plan.warnings.map((w) => `  ${w}`));
  if (options.dryRun && s.deletions > 0) lines.push('', 'This was a dry run. Run again with --no-dry-run to delete.');
  return `${lines.join('\n')}\n`;
}

/** The plan as JSON: deletions without the collected properties (they are in `costguard inventory`). */
export function planToJson(plan: NukePlan, options: { dryRun: boolean }): Record<string, unknown> {
  return {
    ...plan,
    dryRun: options.dryRun,
    deletions: plan.deletions.map(({ resource: _resource, ...rest }) => rest),
  };
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** The receipt: what was deleted, what failed and why, what was skipped and why. */
export function renderReceiptTable(receipt: NukeReceipt): string {
  const s = receipt.summary;
  const lines: string[] = [];
  const calls = s.apiCalls !== undefined ? ` · ${plural(s.apiCalls, 'API call')}` : '';
  lines.push(`costguard nuke — receipt · ${plural(receipt.passes, 'pass', 'passes')} · ${seconds(receipt.durationMs)}${calls}`);
  if (receipt.interrupted) lines.push(`Stopped early: ${receipt.stopReason ?? 'interrupted'}. Deletions in flight were waited for; nothing new was started.`);
  lines.push(`Deleted ${s.deleted} · Failed ${s.failed} · Skipped ${s.skipped} · saves ${money(s.monthlyCostUsdSaved)}/month`);
  const failed = receipt.items.filter((i) => i.status === 'failed');
  const deleted = receipt.items.filter((i) => i.status === 'deleted');
  const skipped = receipt.items.filter((i) => i.status === 'skipped');
  if (failed.length > 0) {
    lines.push('', `Failed (${failed.length}):`);
    lines.push(...columns(failed.map((i) => [i.accountId, ...refCells(i), `— ${i.code ? `${i.code}: ` : ''}${i.reason ?? ''} (${plural(i.attempts, 'attempt')})`])));
  }
  if (deleted.length > 0) {
    lines.push('', `Deleted (${deleted.length}):`);
    lines.push(...columns(deleted.map((i) => [i.accountId, ...refCells(i), money(i.monthlyCostUsd), i.reason ? `— ${i.reason}` : ''])));
  }
  if (skipped.length > 0) lines.push('', `Skipped (${skipped.length}):`, ...skippedLines(skipped));
  if (failed.length > 0) lines.push('', 'Some deletions failed (exit 1). Fix the cause shown and run again: a second run only plans what is left.');
  return `${lines.join('\n')}\n`;
}

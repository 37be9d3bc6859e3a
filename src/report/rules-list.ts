// `costguard policies list`: the packs' rules as a plain table. No colours: the list is read in
// files and pipes as often as on a terminal (cli-table3 colours its header and borders by default).

import Table from 'cli-table3';
import type { RuleRow } from '../core/policy/rules-table.js';

export function renderRulesList(rows: RuleRow[]): string {
  const t = new Table({
    head: ['pack', 'rule', 'severity', 'resource', 'title'],
    wordWrap: true,
    colWidths: [12, 34, 10, 28, 50],
    style: { head: [], border: [] },
  });
  for (const r of rows) t.push([r.defaultPack ? r.pack : `${r.pack} (opt-in)`, r.id, r.severity, r.resource, r.title]);
  return `${t.toString()}\n${rows.length} rules\n`;
}

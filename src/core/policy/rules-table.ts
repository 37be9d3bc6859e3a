// The rule listing of `costguard policies list` and the README's rules table (one source for both).
import type { Pack } from './types.js';

export interface RuleRow {
  pack: string;
  id: string;
  severity: string;
  resource: string;
  title: string;
  defaultPack: boolean;
}

/** Rows of every rule: packs run by default first, then opt-in packs, each in file order. */
export function ruleRows(packs: readonly Pack[]): RuleRow[] {
  const ordered = [...packs.filter((p) => p.default), ...packs.filter((p) => !p.default)];
  return ordered.flatMap((p) => p.rules.map((r) => ({ pack: p.name, id: r.id, severity: r.severity, resource: r.resource, title: r.title, defaultPack: p.default })));
}

/** The Markdown table (`policies list --format md`); opt-in packs are marked. */
export function rulesMarkdown(rows: readonly RuleRow[]): string {
  const lines = ['| pack | rule | severity | resource | what it finds |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const pack = r.defaultPack ? r.pack : `${r.pack} (opt-in)`;
    lines.push(`| ${pack} | \`${r.id}\` | ${r.severity} | \`${r.resource}\` | ${r.title.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

/** The README with its rules block replaced by `table` (throws when the markers are missing). */
export function withRulesTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README has no ${START} ... ${END} block`);
  return `${readme.slice(0, start + START.length)}\n${table}${readme.slice(end)}`;
}

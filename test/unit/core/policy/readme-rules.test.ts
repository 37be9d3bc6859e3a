// The README's rules table is the shipped packs' table: refresh it with
// `npm run build && node scripts/readme-rules.mjs` after changing a pack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../../../../src/core/policy/load.js';
import { packageRoot } from '../../../../src/core/package-root.js';
import { ruleRows, rulesMarkdown, withRulesTable } from '../../../../src/core/policy/rules-table.js';

describe('README rules table', () => {
  it('lists every rule of every shipped pack, as `policies list --format md` prints it', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    const rows = ruleRows(loadBuiltinPacks());
    expect(readme, 'refresh with: npm run build && node scripts/readme-rules.mjs').toBe(withRulesTable(readme, rulesMarkdown(rows)));
    for (const r of rows) expect(readme).toContain(`\`${r.id}\``);
  });

  it('marks opt-in packs and escapes pipes in titles', () => {
    const md = rulesMarkdown([
      { pack: 'cost', id: 'a', severity: 'low', resource: 'x:y', title: 'p | q', defaultPack: false },
      { pack: 'iam', id: 'b', severity: 'high', resource: 'x:z', title: 't', defaultPack: true },
    ]);
    expect(md.split('\n').slice(2, 4)).toEqual(['| cost (opt-in) | `a` | low | `x:y` | p \\| q |', '| iam | `b` | high | `x:z` | t |']);
  });

  it('refuses a README without the markers', () => {
    expect(() => withRulesTable('# x', 'table')).toThrow(/rules:start/);
  });
});

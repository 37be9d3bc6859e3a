import { Flags } from '@oclif/core';
import { loadPacks } from '../../src/app/audit.js';
import { CostguardCommand } from '../../src/cli/base-command.js';
import { ruleRows, rulesMarkdown, type RuleRow } from '../../src/core/policy/rules-table.js';
import { renderRulesList } from '../../src/report/rules-list.js';

export default class PoliciesList extends CostguardCommand {
  static override summary = 'List policy packs and their rules.';
  static override enableJsonFlag = true;
  static override examples = ['<%= config.bin %> policies list', '<%= config.bin %> policies list --format md > rules.md'];
  static override flags = {
    policy: Flags.string({ multiple: true, description: 'Also list the rules of these pack files.' }),
    pack: Flags.string({ multiple: true, description: 'Only these packs.' }),
    format: Flags.option({ options: ['table', 'md'] as const, default: 'table', description: 'table, or md for the Markdown table used in the README.' })(),
  };

  public async run(): Promise<RuleRow[]> {
    const { flags } = await this.parse(PoliciesList);
    const packs = loadPacks(flags.policy).filter((p) => !flags.pack || flags.pack.includes(p.name));
    const rows = ruleRows(packs);
    if (this.jsonEnabled()) return rows;
    process.stdout.write(flags.format === 'md' ? rulesMarkdown(rows) : renderRulesList(rows));
    return rows;
  }
}

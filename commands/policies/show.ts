import { Args, Flags } from '@oclif/core';
import { loadPacks } from '../../src/app/audit.js';
import { CostguardCommand } from '../../src/cli/base-command.js';
import { UsageError } from '../../src/core/errors.js';
import { closestMatch } from '../../src/core/policy/did-you-mean.js';
import type { Rule } from '../../src/core/policy/types.js';
import { pickLang } from '../../src/report/i18n.js';
import { renderRuleCard } from '../../src/report/rule-card.js';

export default class PoliciesShow extends CostguardCommand {
  static override summary = 'Show one rule: what it checks, why it matters, its cost estimate and fix.';
  static override enableJsonFlag = true;
  static override args = { ruleId: Args.string({ required: true, description: 'Rule id, e.g. vpc-nat-gateway' }) };
  static override flags = {
    policy: Flags.string({ multiple: true, description: 'Also search these pack files.' }),
    lang: Flags.option({ options: ['en', 'ko'] as const, description: 'Language of the rule text (default from LANG/LC_ALL).' })(),
  };

  public async run(): Promise<Rule> {
    const { args, flags } = await this.parse(PoliciesShow);
    const packs = loadPacks(flags.policy);
    const rules = packs.flatMap((p) => p.rules);
    const rule = rules.find((r) => r.id === args.ruleId);
    if (!rule) {
      const suggestion = closestMatch(args.ruleId, rules.map((r) => r.id));
      throw new UsageError(`unknown rule "${args.ruleId}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, 'List rules with: costguard policies list');
    }
    if (!this.jsonEnabled()) {
      process.stdout.write(renderRuleCard(rule, packs.find((p) => p.name === rule.pack), pickLang(flags.lang)));
    }
    return rule;
  }
}

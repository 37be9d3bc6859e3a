import { Args, Flags } from '@oclif/core';
import { loadPacks } from '../../src/app/audit.js';
import { CostguardCommand } from '../../src/cli/base-command.js';
import { UsageError } from '../../src/core/errors.js';
import { closestMatch } from '../../src/core/policy/did-you-mean.js';
import type { Rule } from '../../src/core/policy/types.js';
import { stringify } from 'yaml';

function costLine(rule: Rule): string {
  if (!rule.cost) return 'Cost: not estimated';
  if (rule.cost.usd) return `Cost ($/month): ${rule.cost.usd.replace(/\s+/g, ' ')}`;
  return `Cost ($/month): prices.${rule.cost.price}${rule.cost.quantity !== undefined ? ` × ${rule.cost.quantity}` : ''}`;
}

export default class PoliciesShow extends CostguardCommand {
  static override summary = 'Show one rule: what it checks, why it matters, its cost estimate and fix.';
  static override enableJsonFlag = true;
  static override args = { ruleId: Args.string({ required: true, description: 'Rule id, e.g. vpc-nat-gateway' }) };
  static override flags = { policy: Flags.string({ multiple: true, description: 'Also search these pack files.' }) };

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
      const pack = packs.find((p) => p.name === rule.pack);
      const lines = [
        `${rule.id}  [${rule.severity}]  pack: ${rule.pack}`,
        `  ${rule.title}`,
        '',
        rule.why ? `Why: ${rule.why}\n` : '',
        `Resource: ${rule.resource}${rule.aggregate ? ' (aggregate)' : ''}`,
        rule.remediation ? `Fix: ${rule.remediation}` : '',
        costLine(rule),
        '',
        'Definition:',
        stringify({ when: rule.when, aggregate: rule.aggregate, severityOverrides: rule.severityOverrides, requires: rule.requires }).trimEnd().replace(/^/gm, '  '),
        pack && Object.keys(pack.params).length > 0 ? `\nPack params (override with --param name=value): ${JSON.stringify(pack.params)}` : '',
        `\nSource: ${rule.source.file}${rule.source.line ? `:${rule.source.line}` : ''}`,
      ];
      process.stdout.write(`${lines.filter((l) => l !== '').join('\n')}\n`);
    }
    return rule;
  }
}

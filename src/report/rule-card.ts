// `costguard policies show RULE`: one rule for people — what it checks, why, its cost estimate and
// fix — in the chosen language (rule texts from the pack's i18n block, chrome from i18n.ts).

import { yaml } from '../core/yaml.js';
import { ruleText } from '../core/policy/finding-text.js';
import type { Pack, Rule } from '../core/policy/types.js';
import { severityLabel, t, type Lang } from './i18n.js';

function costLine(rule: Rule, lang: Lang): string {
  if (!rule.cost) return t(lang, 'costNotEstimated');
  if (rule.cost.usd) return `${t(lang, 'costFormula')}: ${rule.cost.usd.replace(/\s+/g, ' ')}`;
  return `${t(lang, 'costFormula')}: prices.${rule.cost.price}${rule.cost.quantity !== undefined ? ` × ${rule.cost.quantity}` : ''}`;
}

export function renderRuleCard(rule: Rule, pack: Pack | undefined, lang: Lang): string {
  const text = ruleText(rule, lang);
  const lines = [
    `${rule.id}  [${severityLabel(lang, rule.severity)}]  ${t(lang, 'pack')}: ${rule.pack}`,
    `  ${text.title}`,
    '',
    text.why ? `${t(lang, 'why')}: ${text.why}\n` : '',
    `${t(lang, 'resource')}: ${rule.resource}${rule.aggregate ? ` (${t(lang, 'aggregate')})` : ''}`,
    text.remediation ? `${t(lang, 'fix')}: ${text.remediation}` : '',
    costLine(rule, lang),
    '',
    `${t(lang, 'definition')}:`,
    yaml().stringify({ when: rule.when, aggregate: rule.aggregate, severityOverrides: rule.severityOverrides, requires: rule.requires }).trimEnd().replace(/^/gm, '  '),
    pack && Object.keys(pack.params).length > 0 ? `\n${t(lang, 'packParams')}: ${JSON.stringify(pack.params)}` : '',
    `\n${t(lang, 'source')}: ${rule.source.file}${rule.source.line ? `:${rule.source.line}` : ''}`,
  ];
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}

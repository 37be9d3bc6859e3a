import { describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../../../src/core/policy/load.js';
import type { Rule, RuleText } from '../../../src/core/policy/types.js';

const HANGUL = /[\uac00-\ud7a3]/;
const FIELDS: Array<keyof RuleText> = ['title', 'why', 'message', 'remediation'];

/**
 * A remediation that is one shell command and nothing else reads the same in every language;
 * anything with prose around the command ("then…", "— delete…", sentences) needs its Korean text.
 */
export function isBareCommand(text: string): boolean {
  return /^(aws|chmod) /.test(text) && !/ — |; |\. |, then | then |\(/.test(text);
}

/** Every text field a rule shows in English that has no Korean counterpart (or a Korean one without Hangul). */
function missingKorean(rule: Rule): string[] {
  const ko = rule.i18n?.ko ?? {};
  return FIELDS.filter((field) => {
    const english = rule[field];
    if (typeof english !== 'string') return false;
    if (field === 'remediation' && isBareCommand(english)) return false;
    const text = ko[field];
    return !text || !HANGUL.test(text);
  });
}

describe('Korean in every shipped pack', () => {
  const rules = loadBuiltinPacks().flatMap((p) => p.rules);

  it('loads the shipped rules', () => {
    expect(rules.length).toBeGreaterThan(40);
  });

  it('gives every rule a Korean title, why, message and remediation wherever it has the English one', () => {
    const missing = rules.map((r) => ({ rule: `${r.pack}/${r.id}`, fields: missingKorean(r) })).filter((m) => m.fields.length > 0);
    expect(missing).toEqual([]);
  });

  it('tells a bare command from a command wrapped in prose', () => {
    expect(isBareCommand('aws ec2 release-address --allocation-id {{id}} --region {{region}}')).toBe(true);
    expect(isBareCommand('aws ec2 describe-volumes --region <each region> — delete or shrink volumes you do not need')).toBe(false);
    expect(isBareCommand('Sign in as the root user and delete the keys.')).toBe(false);
  });

  it('gives every rule a title and a why to translate', () => {
    expect(rules.filter((r) => !r.why).map((r) => r.id)).toEqual([]);
  });
});

describe('English rule messages', () => {
  it('never put a count before a plural noun ("1 policies", "attached 1 times", "1 owned snapshots")', () => {
    const slips = loadBuiltinPacks()
      .flatMap((p) => p.rules)
      .filter((r) => /\{\{[\w.]+\}\} (owned )?(policies|times|snapshots|members)\b|attached \{\{[\w.]+\}\} times/.test(r.message ?? ''))
      .map((r) => r.id);
    expect(slips).toEqual([]);
  });
});

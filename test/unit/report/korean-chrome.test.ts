import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/app/audit.js';
import type { Report } from '../../../src/core/model.js';
import { loadBuiltinPacks } from '../../../src/core/policy/load.js';
import { MESSAGES } from '../../../src/report/i18n.js';
import { renderReport, type RuleMeta } from '../../../src/report/index.js';
import { renderRuleCard } from '../../../src/report/rule-card.js';

const HANGUL = /[\uac00-\ud7a3]/;

/** The English words of every chrome string (placeholders removed), where Korean says something else. */
function englishChrome(): string[] {
  const out = new Set<string>();
  for (const [key, en] of Object.entries(MESSAGES.en)) {
    if (en === MESSAGES.ko[key as keyof typeof MESSAGES.en]) continue;
    for (const part of en.split(/\{\w+\}/)) {
      const words = part.replace(/[()…:·$/-]/g, ' ').trim();
      // A lone lowercase word ("medium", "account") also names data ("t3.medium", "any AWS account"); headings and phrases do not.
      const loneLowercase = /^[a-z]+$/.test(words);
      if (/[a-z]{4,}/i.test(words) && words.length >= 5 && !loneLowercase) out.add(words);
    }
  }
  return [...out];
}

/** Chrome strings found in a Korean rendering (HTML tags and code are left out of the search). */
function leftInEnglish(text: string): string[] {
  const visible = text.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ');
  return englishChrome().filter((words) => new RegExp(`(^|[^\\w-])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w-]|$)`).test(visible));
}

let report: Report;
let rules: RuleMeta[];
beforeAll(async () => {
  const result = await runAudit({ source: { kind: 'demo' }, lang: 'ko', local: {} });
  report = result.report;
  rules = result.ruleMeta;
});

describe('Korean report chrome', () => {
  it('has a Korean text with Hangul for every chrome string that is words', () => {
    const missing = Object.entries(MESSAGES.en)
      .filter(([, en]) => /[a-z]{3,}/i.test(en.replace(/\{\w+\}/g, '')))
      .filter(([key]) => !HANGUL.test(MESSAGES.ko[key as keyof typeof MESSAGES.en]))
      .map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it.each([
    ['table', {}],
    ['table --details', { details: true }],
    ['markdown', {}],
    ['html', {}],
  ])('leaves no English chrome in the %s view of the demo, including the "not collected" footer', (name, extra) => {
    const format = name.startsWith('table') ? 'table' : (name as 'markdown' | 'html');
    const text = renderReport(format, report, { lang: 'ko', color: false, width: 100, rules, ...extra });
    expect(leftInEnglish(text)).toEqual([]);
    if (format !== 'html') expect(text).toContain('수집되지 않음: local:profile-identity');
  });

  it('shows no English rule text in the Korean demo: every title, message, why and fix has Hangul or is a bare command', () => {
    const english = report.findings.filter((f) => !HANGUL.test(f.title) || !HANGUL.test(f.message) || (f.why !== undefined && !HANGUL.test(f.why)) || (f.remediation && !HANGUL.test(f.remediation) && !/^(aws|chmod) /.test(f.remediation)));
    expect(english.map((f) => f.ruleId)).toEqual([]);
  });

  it('shows a rule card (policies show) in Korean', () => {
    const packs = loadBuiltinPacks();
    const rule = packs.flatMap((p) => p.rules).find((r) => r.id === 'iam-role-trust-any-principal');
    expect(rule).toBeDefined();
    const card = renderRuleCard(rule!, packs.find((p) => p.name === rule!.pack), 'ko');
    expect(card).toContain('이유: ');
    expect(card).toContain('해결 방법: 역할을 맡을 보안 주체를');
    expect(card).toContain('[치명적]');
    expect(leftInEnglish(card)).toEqual([]);
    expect(renderRuleCard(rule!, undefined, 'en')).toContain('Fix: Name the principals');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/app/audit.js';
import type { Report } from '../../../src/core/model.js';
import { renderReport, type RuleMeta } from '../../../src/report/index.js';
import { displayWidth } from '../../../src/report/table.js';
import { expectGolden } from './helpers.js';

// The bundled demo account, evaluated as `costguard audit --demo` does (no home given: the demo's own local data).
let report: Report;
let rules: RuleMeta[];

beforeAll(async () => {
  const result = await runAudit({ source: { kind: 'demo' }, lang: 'en', local: {} });
  report = result.report;
  rules = result.ruleMeta;
});

const view = (width: number, extra: Record<string, unknown> = {}): string =>
  renderReport('table', report, { lang: 'en', color: false, width, rules, ...extra });

describe('the demo in the terminal', () => {
  it.each([80, 100, 160])('matches the golden view at %i columns', (width) => {
    expectGolden(`table.demo.${width}.txt`, view(width));
  });

  it('fits about a screen at 100 columns: at most 120 lines, none wider than the terminal', () => {
    const lines = view(100).trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(120);
    for (const width of [80, 100, 160]) {
      expect(Math.max(...view(width).split('\n').map(displayWidth))).toBeLessThanOrEqual(width);
    }
  });

  it('opens with a summary: the account as "alias (id)", the monthly waste, counts by severity and the top costs', () => {
    const [first, second, third] = view(100).split('\n');
    expect(first).toBe('Account: my-lab-account (123456789012) · 4 regions · this machine: 2 findings');
    expect(second).toBe('Estimated monthly waste: $203.66 · 50 findings: 2 critical · 12 high · 17 medium · 19 low');
    expect(third).toMatch(/^Top costs: eks-cluster \$73\.00 · /);
  });

  it('counts the rules whose types the saved inventory lacks in one line, and lists each with --details', () => {
    const uncollected = report.notEvaluated.filter((n) => n.reason.startsWith('not collected:') && n.accountId !== 'local');
    const ruleCount = new Set(uncollected.map((n) => n.ruleId)).size;
    expect(ruleCount).toBeGreaterThan(3);
    const text = view(100);
    expect(text).toContain(`not evaluated: ${ruleCount} rules, because the inventory holds none of these types (not collected):`);
    expect(text).toContain('sagemaker:notebook-instance');
    expect(text).not.toContain('not evaluated: sagemaker-notebook-running');
    const details = view(100, { details: true });
    for (const id of new Set(uncollected.map((n) => n.ruleId))) expect(details).toContain(`not evaluated: ${id} — not collected:`);
    expect(renderReport('table', report, { lang: 'ko', color: false, width: 100, rules })).toContain(`규칙 ${ruleCount}개 — 인벤토리에 다음 유형이 없습니다`);
  });

  it('shows the twelve findings of one rule at one severity as one line with their count and total', () => {
    const lines = view(160).split('\n').filter((l) => l.includes('ec2-default-credit-unlimited'));
    expect(lines).toHaveLength(2); // one medium finding, one low group of 12
    expect(lines.some((l) => /12 resources\s+4 regions/.test(l))).toBe(true);
  });

  it('shows the full why and fix of every finding with --details', () => {
    const text = view(100, { details: true });
    expect(text).toContain('Fix: aws rds delete-db-instance --db-instance-identifier course-postgres');
    expect(text).toMatch(/Why: /);
    expect(view(100)).not.toContain('Fix: aws rds delete-db-instance');
    expect(text.match(/^ {2}Fix: /gm)?.length).toBe(report.findings.filter((f) => f.remediation).length);
  });

  it('filters what is shown with --min-severity and says how many were hidden', () => {
    const text = view(100, { minSeverity: 'high' });
    expect(text).not.toContain('MEDIUM (');
    expect(text).not.toContain('LOW (');
    expect(text).toContain('HIGH (12)');
    expect(text).toContain('36 findings below high not shown (--min-severity)');
  });

  it('never wraps the account, even with several accounts at 80 columns', () => {
    const twoAccounts: Report = {
      ...report,
      targets: [...report.targets, { accountId: '210987654321', alias: 'second-lab-account', source: 'demo', regions: ['us-east-1'] }],
      findings: [...report.findings, { ...report.findings[0], accountId: '210987654321', accountName: 'second-lab-account' }],
    };
    const text = renderReport('table', twoAccounts, { lang: 'en', color: false, width: 80, rules });
    expect(text).toContain('second-lab-account (210987654321)');
    expect(text).toContain('my-lab-account (123456789012)');
    expect(text).toMatch(/^Accounts \(2\)$/m);
    expect(Math.max(...text.split('\n').map(displayWidth))).toBeLessThanOrEqual(80);
  });
});

import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/model.js';
import { renderReport } from '../../../src/report/index.js';
import { displayWidth, wrapText } from '../../../src/report/table.js';
import { expectGolden, fixtureReport } from './helpers.js';

const en = { lang: 'en' as const, color: false };

function oneAccount(): Report {
  const r = fixtureReport();
  r.targets = r.targets.filter((t) => t.accountId === '111111111111');
  r.findings = r.findings.filter((f) => f.accountId === '111111111111');
  return r;
}

describe('table format', () => {
  it('matches the golden file (two accounts, with stats)', () => {
    expectGolden('table.txt', renderReport('table', fixtureReport(), { ...en, stats: true }));
  });

  it('matches the golden file in Korean at 80 columns', () => {
    expectGolden('table.ko.txt', renderReport('table', fixtureReport(), { lang: 'ko', color: false, width: 80 }));
  });

  it('shows the per-account summary first when there are several accounts, and one account line for one', () => {
    const text = renderReport('table', fixtureReport(), en);
    expect(text.startsWith('Accounts (2)\n')).toBe(true);
    expect(text).toMatch(/^ {2}lab-dev \(111111111111\)\s+1\s+1\s+1\s+1\s+0\s+\$13\.72$/m);
    const one = renderReport('table', oneAccount(), en);
    expect(one).not.toMatch(/^Accounts/);
    expect(one.split('\n')[0]).toBe('Account: lab-dev (111111111111) · 3 regions');
  });

  it('does not count the local machine as an account', () => {
    const r = oneAccount();
    r.findings.push({ ...r.findings[0], accountId: 'local', accountName: undefined, region: 'local', ruleId: 'local-key-file-permissions' });
    const text = renderReport('table', r, en);
    expect(text).not.toMatch(/^Accounts/m);
    expect(text.split('\n')[0]).toContain('this machine: 1 finding');
  });

  it('shows "-" for a finding of a rule without a cost model and "unknown" when a cost model gave nothing', () => {
    const r = oneAccount();
    const [f] = r.findings;
    r.findings = [{ ...f, ruleId: 'iam-user-console-without-mfa', monthlyCostUsd: null }, { ...f, ruleId: 'ec2-default-credit-unlimited', resourceId: 'other', monthlyCostUsd: null }];
    const rules = [
      { id: 'iam-user-console-without-mfa', pack: 'iam', title: 't', severity: f.severity, hasCost: false },
      { id: 'ec2-default-credit-unlimited', pack: 'free-tier', title: 't', severity: f.severity, hasCost: true },
    ];
    const rows = renderReport('table', r, { ...en, rules }).split('\n');
    expect(rows.find((l) => l.includes('iam-user-console-without-mfa'))).toMatch(/\s-$/);
    expect(rows.find((l) => l.includes('ec2-default-credit-unlimited'))).toMatch(/\sunknown$/);
  });

  it('groups findings by severity, highest first, with the total waste; the fix command with --details', () => {
    const text = renderReport('table', fixtureReport(), { ...en, details: true });
    const order = ['CRITICAL (1)', 'HIGH (3)', 'MEDIUM (2)', 'LOW (1)', 'INFO (1)'].map((h) => text.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Fix: aws ec2 release-address --allocation-id eipalloc-0a1b2c3d4e5f60718 --region us-east-1');
    expect(text).toContain('Estimated monthly waste: $50.22');
    expect(text).toContain('Suppressed: 1');
    expect(renderReport('table', fixtureReport(), en)).not.toContain('Fix: aws ec2 release-address');
    expect(text).not.toContain('eipalloc-0dd0dd0dd0dd0dd00'); // the suppressed finding is not listed
  });

  it('says what was not evaluated and which calls failed — never silence', () => {
    const text = renderReport('table', oneAccount(), en);
    expect(text).toContain('not evaluated: vpc-nat-gateway in us-east-1 — ec2:DescribeNatGateways AccessDenied');
    expect(text).toContain('error: 111111111111 us-east-1 ec2:DescribeNatGateways AccessDenied — User:');
    const ko = renderReport('table', { ...oneAccount(), notEvaluated: [{ ...oneAccount().notEvaluated[0], reason: 'not collected: ec2:nat-gateway' }] }, { lang: 'ko', color: false });
    expect(ko).toContain('평가되지 않음: vpc-nat-gateway (us-east-1) — 수집되지 않음: ec2:nat-gateway');
  });

  it('gives a narrow role one headline and grouped failed calls, so AccessDenied on unused services does not bury the findings', () => {
    const r = oneAccount();
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-2'];
    const sagemakerRules = ['sagemaker-notebook-running', 'sagemaker-endpoint-instances', 'sagemaker-studio-app-running', 'sagemaker-domain'];
    r.errors = regions.flatMap((region) =>
      ['ListNotebookInstances', 'ListEndpoints'].map((op) => ({
        accountId: '111111111111',
        region,
        operation: `sagemaker:${op}`,
        code: 'AccessDenied',
        message: `User: arn:aws:iam::111111111111:user/narrow is not authorized to perform: sagemaker:${op} in ${region}`,
        resourceTypes: ['sagemaker:notebook-instance'],
        rulesNotEvaluated: sagemakerRules,
      })),
    );
    r.notEvaluated = regions.flatMap((region) => sagemakerRules.map((ruleId) => ({ ruleId, pack: 'paid-services', title: ruleId, accountId: '111111111111', region, reason: 'sagemaker:ListNotebookInstances AccessDenied' })));
    const text = renderReport('table', r, { ...en, width: 100 });
    const lines = text.split('\n');
    const headline = lines.findIndex((l) => l.startsWith('Incomplete: 4 rules not evaluated (AccessDenied on sagemaker).'));
    expect(headline, text).toBeGreaterThan(0);
    expect(headline).toBeLessThan(lines.findIndex((l) => l.includes('eipalloc-'))); // before the findings
    expect(text).toContain('error: 111111111111 7 regions sagemaker:ListEndpoints, ListNotebookInstances AccessDenied');
    expect(text.match(/^error: /gm)).toHaveLength(1);
    expect(text).toMatch(/^not evaluated \(7 regions\): 4 rules for want of data \(the failed calls below\): sagemaker-/m);
    expect(text.match(/^not evaluated/gm)).toHaveLength(1);
    // --details: every failed call and every rule on its own line.
    const details = renderReport('table', r, { ...en, width: 100, details: true });
    expect(details.match(/^error: /gm)).toHaveLength(14);
    expect(details.match(/^not evaluated: /gm)).toHaveLength(4);
    expect(renderReport('table', r, { lang: 'ko', color: false, width: 100 })).toContain('불완전: 규칙 4개를 평가하지 못했습니다(sagemaker에서 AccessDenied)');
    // A failed call that left no rule unevaluated (an account-level call) still says the run is incomplete, without "0 rules".
    const accountLevel = { ...r, notEvaluated: [], errors: [{ ...r.errors[0], operation: 'organizations:ListAccounts', rulesNotEvaluated: [] }] };
    const text2 = renderReport('table', accountLevel, { ...en, width: 100 });
    expect(text2).toContain('Incomplete: some data could not be read (AccessDenied on organizations)');
    expect(text2).not.toContain('0 rules');
  });

  it('prints a clear "No findings" line', () => {
    const r = { ...fixtureReport(), findings: [], notEvaluated: [], errors: [] };
    const text = renderReport('table', r, en);
    expect(text).toContain('No findings');
    expect(text).not.toContain('Estimated monthly waste');
    expect(renderReport('table', r, { lang: 'ko', color: false })).toContain('발견 항목이 없습니다');
  });

  it('colours only when asked', () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    expect(renderReport('table', fixtureReport(), en)).not.toMatch(ansi);
    expect(renderReport('table', fixtureReport(), { ...en, color: true })).toMatch(ansi);
  });

  it('shows API calls by operation, retries, throttles and duration with stats', () => {
    const text = renderReport('table', fixtureReport(), { ...en, stats: true });
    expect(text).toMatch(/^ {2}ec2\s+DescribeAddresses\s+5\s+1\s+1\s+0$/m);
    expect(text).toContain('API calls: 14 · Retries: 1 · Throttles: 1 · Duration: 8.4 s');
    expect(renderReport('table', fixtureReport(), en)).not.toContain('API calls by operation');
  });

  it('never draws a line wider than the requested width', () => {
    for (const width of [40, 80, 100, 160]) {
      for (const lang of ['en', 'ko'] as const) {
        const lines = renderReport('table', fixtureReport(), { lang, color: false, width }).split('\n');
        expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(Math.max(width, 80));
      }
    }
  });

  it('marks new findings and prints the baseline change counts', () => {
    const r = fixtureReport();
    r.findings[1].change = 'new';
    r.baseline = { generatedAt: '2025-01-14T09:30:00.000Z', new: 1, unchanged: 7, resolved: 2 };
    const text = renderReport('table', r, en);
    expect(text).toMatch(/^ {2}\+ ec2-eip-unattached /m);
    expect(renderReport('table', r, { ...en, details: true })).toContain('[New] ec2-eip-unattached');
    expect(text).toContain('Changes since the baseline: New 1 · Unchanged 7 · Resolved 2');
  });

  it('lists expired and stale suppressions', () => {
    const r = fixtureReport();
    r.suppressionProblems = {
      expired: [{ rule: 'ec2-*', reason: 'workshop', expires: '2024-01-01', source: '.costguard.yml:7' }],
      stale: [{ rule: 'rds-*', account: '111111111111', reason: 'old lab', source: '.costguard.yml:12' }],
    };
    const text = renderReport('table', r, en);
    expect(text).toContain('expired suppression (no longer applied): ec2-* (.costguard.yml:7, expires 2024-01-01, reason: workshop)');
    expect(text).toContain('stale suppression (matches nothing): rds-* 111111111111 (.costguard.yml:12, reason: old lab)');
  });
});

describe('wrapText', () => {
  it('wraps on spaces and hard-breaks words longer than the line', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('arn:aws:logs:eu-west-1:1111', 10)).toEqual(['arn:aws:lo', 'gs:eu-west', '-1:1111']);
  });

  it('counts Korean characters as two columns', () => {
    expect(displayWidth('계정')).toBe(4);
    expect(wrapText('예상 월 낭비 비용', 8)).toEqual(['예상 월', '낭비', '비용']);
  });
});

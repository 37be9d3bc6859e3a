import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import type { Report } from '../../../src/core/model.js';
import { compareWithBaseline, parseReport, withBaseline } from '../../../src/core/baseline.js';
import { mergeReports } from '../../../src/core/report-merge.js';
import { shouldFail } from '../../../src/core/report-builder.js';
import { renderReport } from '../../../src/report/index.js';
import { fixtureReport } from './helpers.js';
import { REPORT_SCHEMA, schemaErrors } from './schema.js';

function shard(accountId: string): Report {
  const r = fixtureReport();
  r.targets = r.targets.filter((t) => t.accountId === accountId);
  r.findings = r.findings.filter((f) => f.accountId === accountId);
  r.errors = r.errors.filter((e) => e.accountId === accountId);
  r.notEvaluated = r.notEvaluated.filter((n) => n.accountId === accountId);
  return r;
}

describe('compareWithBaseline', () => {
  it('marks findings new or unchanged and lists resolved ones', () => {
    const previous = fixtureReport();
    const current = fixtureReport();
    const gone = current.findings.splice(current.findings.findIndex((f) => f.ruleId === 'vpc-nat-gateway'), 1)[0];
    current.findings.push({ ...current.findings[1], resourceId: 'eipalloc-new' });
    const c = compareWithBaseline(current, previous, 'last.json');
    expect(c.findings.filter((f) => f.change === 'new').map((f) => f.resourceId)).toEqual(['eipalloc-new']);
    expect(c.findings.filter((f) => f.change === 'unchanged')).toHaveLength(8);
    expect(c.resolved.map((f) => f.resourceId)).toEqual([gone.resourceId]);
    expect(c.baseline).toEqual({ generatedAt: previous.generatedAt, source: 'last.json', new: 1, unchanged: 7, resolved: 1 });
  });

  it('does not call a finding resolved when this run did not look again (region skipped or rule not evaluated)', () => {
    const previous = fixtureReport();
    previous.findings.push({ ...previous.findings[1], ruleId: 'vpc-nat-gateway', region: 'us-east-1', resourceId: 'nat-hidden' });
    previous.findings.push({ ...previous.findings[1], region: 'sa-east-1', resourceId: 'eipalloc-elsewhere' });
    const current = fixtureReport();
    expect(compareWithBaseline(current, previous).resolved).toEqual([]);
  });

  it('the report with a baseline validates, renders and gates --fail-on-new on new findings only', () => {
    const current = fixtureReport();
    current.findings.push({ ...current.findings[6], severity: 'low', resourceId: 'lab-artifacts-2' });
    const report = withBaseline(current, fixtureReport(), 'previous.json');
    expect(schemaErrors(REPORT_SCHEMA, JSON.parse(renderReport('json', report, { lang: 'en', color: false })))).toEqual([]);
    expect(shouldFail(report, 'high', true)).toBe(false);
    expect(shouldFail(report, 'low', true)).toBe(true);
    expect(shouldFail(report, 'high')).toBe(true);
  });

  it('refuses a file that is not a costguard report, saying what it is', () => {
    const current = fixtureReport();
    expect(() => compareWithBaseline(current, { kind: 'inventory', tool: 'costguard' } as unknown as Report, 'snap.json')).toThrow(/snap\.json is not a costguard report: it is an inventory snapshot/);
    expect(() => compareWithBaseline(current, [] as unknown as Report, 'x.json')).toThrow(UsageError);
    expect(() => compareWithBaseline(current, { tool: 'prowler' } as unknown as Report, 'p.json')).toThrow(/"tool" is "prowler"/);
    const noId = fixtureReport() as unknown as { findings: Array<Record<string, unknown>> };
    delete noId.findings[3].resourceId;
    expect(() => compareWithBaseline(current, noId as unknown as Report, 'b.json')).toThrow(/findings\[3\]\.resourceId is missing/);
    expect(() => parseReport('{oops', 'bad.json')).toThrow(/bad\.json is not valid JSON/);
    expect(() => parseReport(JSON.stringify({ ...fixtureReport(), schemaVersion: 2 }), 'new.json')).toThrow(/schemaVersion 2/);
  });
});

describe('mergeReports', () => {
  it('combines sharded reports into the same report as one run', () => {
    const merged = mergeReports([shard('111111111111'), shard('222222222222')]);
    const whole = fixtureReport();
    expect(merged.targets).toEqual(whole.targets);
    expect(merged.summary.bySeverity).toEqual(whole.summary.bySeverity);
    expect(merged.summary.monthlyCostUsd).toBe(whole.summary.monthlyCostUsd);
    expect(merged.findings).toHaveLength(whole.findings.length);
    expect(merged.errors).toEqual(whole.errors);
    expect(merged.notEvaluated).toEqual(whole.notEvaluated);
    expect(schemaErrors(REPORT_SCHEMA, JSON.parse(renderReport('json', merged, { lang: 'en', color: false })))).toEqual([]);
  });

  it('dedupes targets by account, uniting regions, and drops a shard passed twice', () => {
    const a = shard('111111111111');
    const b = shard('111111111111');
    b.targets[0].regions = ['us-east-1', 'sa-east-1'];
    const merged = mergeReports([a, b]);
    expect(merged.targets).toHaveLength(1);
    expect(merged.targets[0].regions).toEqual(['us-east-1', 'eu-west-1', 'ap-northeast-2', 'sa-east-1']);
    expect(merged.findings).toHaveLength(a.findings.length);
  });

  it('adds up API calls by operation and takes the slowest shard as the duration', () => {
    const merged = mergeReports([shard('111111111111'), shard('222222222222')]);
    expect(merged.summary.apiCalls).toBe(28);
    expect(merged.summary.byOperation?.find((o) => o.operation === 'DescribeAddresses')?.calls).toBe(10);
    expect(merged.summary.durationMs).toBe(8421);
  });

  it('refuses mixed schema versions and empty input', () => {
    const newer = { ...shard('222222222222'), schemaVersion: 2 } as unknown as Report;
    expect(() => mergeReports([shard('111111111111'), newer], { sources: ['a.json', 'b.json'] })).toThrow(
      'cannot merge reports of different schema versions: a.json has schemaVersion 1, b.json has 2',
    );
    expect(() => mergeReports([])).toThrow(UsageError);
  });

  it('keeps a suppression stale only if it was stale in every shard', () => {
    const a = shard('111111111111');
    const b = shard('222222222222');
    const e1 = { rule: 'ec2-*', reason: 'x', source: 's.yml:2' };
    const e2 = { rule: 'rds-*', reason: 'y', source: 's.yml:5' };
    a.suppressionProblems = { expired: [], stale: [e1, e2] };
    b.suppressionProblems = { expired: [], stale: [e2] };
    expect(mergeReports([a, b]).suppressionProblems).toEqual({ expired: [], stale: [e2] });
  });
});

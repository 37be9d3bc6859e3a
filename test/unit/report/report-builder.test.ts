import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../../src/core/model.js';
import { roundCents } from '../../../src/core/money.js';
import { buildReport, shouldFail } from '../../../src/core/report-builder.js';
import { compareErrors, compareFindings, compareNotEvaluated } from '../../../src/core/report-order.js';
import { fixtureReport } from './helpers.js';

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'ec2-eip-unattached',
    pack: 'free-tier',
    severity: 'high',
    accountId: '111111111111',
    region: 'us-east-1',
    resourceType: 'ec2:elastic-ip',
    resourceId: 'eipalloc-1',
    title: 't',
    message: 'm',
    remediation: 'r',
    monthlyCostUsd: 3.65,
    suppressed: null,
    ...over,
  };
}

function reportOf(findings: Finding[]): Report {
  return buildReport({
    version: '0.1.0',
    generatedAt: '2025-01-15T09:30:00.000Z',
    targets: [],
    findings,
    errors: [],
    notEvaluated: [],
    rulesEvaluated: 1,
    rulesNotEvaluated: 0,
    resources: 1,
  });
}

describe('buildReport', () => {
  it('computes the fixture summary exactly as stored', () => {
    const fixture = fixtureReport();
    const rebuilt = buildReport({
      version: fixture.version,
      generatedAt: fixture.generatedAt,
      targets: fixture.targets,
      findings: fixture.findings,
      errors: fixture.errors,
      notEvaluated: fixture.notEvaluated,
      rulesEvaluated: fixture.summary.rulesEvaluated,
      rulesNotEvaluated: fixture.summary.rulesNotEvaluated,
      resources: fixture.summary.resources,
      stats: {
        apiCalls: fixture.summary.apiCalls,
        retries: fixture.summary.retries,
        throttles: fixture.summary.throttles,
        durationMs: fixture.summary.durationMs,
        byOperation: fixture.summary.byOperation ?? [],
      },
    });
    // The same report, its lists in the one report order.
    expect(rebuilt).toEqual({
      ...fixture,
      findings: [...fixture.findings].sort(compareFindings),
      errors: [...fixture.errors].sort(compareErrors),
      notEvaluated: [...fixture.notEvaluated].sort(compareNotEvaluated),
    });
  });

  it('sorts the findings once, whatever order they came in: critical first, then the most expensive, then account, region, rule', () => {
    const a = finding({ severity: 'high', monthlyCostUsd: 3.65, resourceId: 'eipalloc-a' });
    const b = finding({ severity: 'critical', monthlyCostUsd: null, ruleId: 'iam-root-no-mfa', resourceId: 'root' });
    const c = finding({ severity: 'high', monthlyCostUsd: 32.85, ruleId: 'vpc-nat-gateway', resourceId: 'nat-1' });
    const d = finding({ severity: 'high', monthlyCostUsd: 3.65, region: 'ap-northeast-2', resourceId: 'eipalloc-b' });
    expect(reportOf([a, d, c, b]).findings.map((f) => f.resourceId)).toEqual(['root', 'nat-1', 'eipalloc-b', 'eipalloc-a']);
    expect(reportOf([b, c, a, d]).findings.map((f) => f.resourceId)).toEqual(['root', 'nat-1', 'eipalloc-b', 'eipalloc-a']);
  });

  it('counts only unsuppressed findings by severity and in $/month, and suppressed ones apart', () => {
    const r = reportOf([
      finding({ severity: 'critical', monthlyCostUsd: 1.1 }),
      finding({ severity: 'high', monthlyCostUsd: 2.2 }),
      finding({ severity: 'high', monthlyCostUsd: 100, suppressed: { reason: 'ok' } }),
      finding({ severity: 'low', monthlyCostUsd: null }),
    ]);
    expect(r.summary.bySeverity).toEqual({ critical: 1, high: 1, medium: 0, low: 1, info: 0 });
    expect(r.summary.findings).toBe(3);
    expect(r.summary.suppressed).toBe(1);
    expect(r.summary.monthlyCostUsd).toBe(3.3);
  });

  it('rounds the monthly total to cents without float leftovers', () => {
    const r = reportOf([finding({ monthlyCostUsd: 0.1 }), finding({ monthlyCostUsd: 0.2 }), finding({ monthlyCostUsd: 0.005 })]);
    expect(r.summary.monthlyCostUsd).toBe(0.31);
    expect(roundCents(1.005)).toBe(1.01);
  });

  it('reports zero API calls for offline runs and copies the call stats of live runs', () => {
    expect(reportOf([]).summary).toMatchObject({ apiCalls: 0, retries: 0, throttles: 0, durationMs: 0 });
    expect(reportOf([]).summary.byOperation).toBeUndefined();
  });

  it('keeps the contract key order tool, version, schemaVersion, generatedAt, targets, findings, errors, notEvaluated, summary', () => {
    expect(Object.keys(reportOf([]))).toEqual(['tool', 'version', 'schemaVersion', 'generatedAt', 'targets', 'findings', 'errors', 'notEvaluated', 'summary']);
  });
});

describe('shouldFail', () => {
  it('fails on a finding at or above the threshold', () => {
    const r = reportOf([finding({ severity: 'medium' })]);
    expect(shouldFail(r, 'medium')).toBe(true);
    expect(shouldFail(r, 'low')).toBe(true);
    expect(shouldFail(r, 'high')).toBe(false);
  });

  it('never counts a suppressed finding', () => {
    const r = reportOf([finding({ severity: 'critical', suppressed: { reason: 'accepted risk', expires: '2099-01-01' } }), finding({ severity: 'low' })]);
    expect(shouldFail(r, 'high')).toBe(false);
    expect(shouldFail(r, 'low')).toBe(true);
  });

  const withBaseline = (r: ReturnType<typeof reportOf>): ReturnType<typeof reportOf> => ({ ...r, baseline: { generatedAt: '2025-01-14T09:30:00.000Z', new: 0, unchanged: 0, resolved: 0 } });

  it('with failOnNew gates only on new findings', () => {
    const r = withBaseline(reportOf([finding({ severity: 'critical', change: 'unchanged' }), finding({ severity: 'low', change: 'new' })]));
    expect(shouldFail(r, 'high', true)).toBe(false);
    expect(shouldFail(r, 'low', true)).toBe(true);
    expect(shouldFail(r, 'high', false)).toBe(true);
  });

  it('with failOnNew and no threshold fails on any new unsuppressed finding', () => {
    expect(shouldFail(withBaseline(reportOf([finding({ severity: 'info', change: 'new' })])), undefined, true)).toBe(true);
    expect(shouldFail(withBaseline(reportOf([finding({ change: 'new', suppressed: { reason: 'x' } })])), undefined, true)).toBe(false);
    expect(shouldFail(withBaseline(reportOf([finding({ change: 'unchanged' })])), undefined, true)).toBe(false);
  });

  it('with failOnNew and no baseline (a first run) counts every finding as new', () => {
    const r = reportOf([finding({ severity: 'critical' }), finding({ severity: 'low' })]);
    expect(shouldFail(r, 'high', true)).toBe(true);
    expect(shouldFail(r, undefined, true)).toBe(true);
    expect(shouldFail(reportOf([finding({ severity: 'low' })]), 'high', true)).toBe(false);
    expect(shouldFail(reportOf([finding({ severity: 'critical', suppressed: { reason: 'x' } })]), undefined, true)).toBe(false);
  });

  it('does not fail without a threshold', () => {
    expect(shouldFail(reportOf([finding({ severity: 'critical' })]))).toBe(false);
  });

  it('treats the fixture: high threshold fails, suppressed high finding alone would not', () => {
    const fixture = fixtureReport();
    expect(shouldFail(fixture, 'critical')).toBe(true);
    const onlySuppressed = { ...fixture, findings: fixture.findings.filter((f) => f.suppressed) };
    expect(shouldFail(onlySuppressed, 'info')).toBe(false);
  });
});

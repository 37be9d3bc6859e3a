import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../src/app/audit.js';
import type { Report } from '../../../src/core/model.js';
import { mergeReports } from '../../../src/core/report-merge.js';
import { renderReport } from '../../../src/report/index.js';
import { REPORT_SCHEMA, schemaErrors } from './schema.js';

type SarifRules = Array<Record<string, unknown>>;

function driverRules(sarif: string): SarifRules {
  return (JSON.parse(sarif) as { runs: Array<{ tool: { driver: { rules: SarifRules } } }> }).runs[0].tool.driver.rules;
}

/** The part of the demo's report a shard that collected only these regions would have written. */
function regionShard(report: Report, keep: (region: string) => boolean): Report {
  const copy = JSON.parse(JSON.stringify(report)) as Report;
  copy.findings = copy.findings.filter((f) => keep(f.region));
  copy.errors = copy.errors.filter((e) => keep(e.region));
  copy.notEvaluated = copy.notEvaluated.filter((n) => keep(n.region));
  copy.targets = copy.targets.map((t) => ({ ...t, regions: t.regions.filter(keep) }));
  return copy;
}

describe('report.rules: the rules a run was evaluated with', () => {
  it('travels in the JSON report, valid against the schema, with help for SARIF', async () => {
    const { report, rules } = await runAudit({ source: { kind: 'demo' }, local: false });
    expect(schemaErrors(REPORT_SCHEMA, JSON.parse(renderReport('json', report, { lang: 'en', color: false })))).toEqual([]);
    expect(report.rules?.map((r) => r.id)).toEqual(rules.map((r) => r.id).sort());
    const eip = report.rules?.find((r) => r.id === 'ec2-eip-unattached');
    expect(eip).toMatchObject({ pack: 'free-tier', severity: expect.any(String), title: expect.any(String) });
    expect(eip?.help.markdown).toContain('```sh');
  });

  it('lets report merge render the same SARIF rules as the single run', async () => {
    const { report, ruleMeta } = await runAudit({ source: { kind: 'demo' }, local: false });
    const single = driverRules(renderReport('sarif', report, { lang: 'en', color: false, rules: ruleMeta }));
    const east = regionShard(report, (region) => region === 'us-east-1');
    const rest = regionShard(report, (region) => region !== 'us-east-1');
    // Each shard alone has findings for fewer rules than the run evaluated.
    expect(new Set(east.findings.map((f) => f.ruleId)).size).toBeLessThan(single.length);
    const merged = mergeReports([JSON.parse(JSON.stringify(east)) as Report, JSON.parse(JSON.stringify(rest)) as Report]);
    expect(driverRules(renderReport('sarif', merged, { lang: 'en', color: false }))).toEqual(single);
  });

  it('unions the shards\' rules by id', () => {
    const rule = (id: string) => ({ id, pack: 'p', severity: 'low' as const, title: id, help: { text: id, markdown: id } });
    const base = { tool: 'costguard', version: '0', schemaVersion: 1, generatedAt: '2026-01-01T00:00:00.000Z', targets: [], findings: [], errors: [], notEvaluated: [] } as const;
    const summary = { bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, findings: 0, suppressed: 0, monthlyCostUsd: 0, rulesEvaluated: 2, rulesNotEvaluated: 0, resources: 0, apiCalls: 0, retries: 0, throttles: 0, durationMs: 0 };
    const a: Report = { ...base, targets: [], findings: [], errors: [], notEvaluated: [], summary, rules: [rule('b'), rule('a')] };
    const b: Report = { ...base, targets: [], findings: [], errors: [], notEvaluated: [], summary, rules: [rule('c'), rule('a')] };
    expect(mergeReports([a, b]).rules?.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});

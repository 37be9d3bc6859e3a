import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/report/index.js';
import { FINGERPRINT_KEY, findingFingerprint } from '../../../src/report/sarif.js';
import type { RuleMeta } from '../../../src/report/types.js';
import { expectGolden, fixtureReport } from './helpers.js';
import { schemaErrors } from './schema.js';

const SARIF_SCHEMA = 'test/fixtures/report/sarif-schema-2.1.0.json';
const opts = { lang: 'en' as const, color: false };

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ logicalLocations: Array<{ fullyQualifiedName: string; kind: string }>; physicalLocation: { artifactLocation: { uri: string } } }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: string; justification: string }>;
  properties: { resourceId: string };
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  properties: { 'security-severity': string; tags: string[] };
}
interface SarifLog {
  version: string;
  runs: Array<{ tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }; results: SarifResult[] }>;
}

function sarif(rules?: RuleMeta[]): SarifLog {
  return JSON.parse(renderReport('sarif', fixtureReport(), { ...opts, rules })) as SarifLog;
}

describe('sarif format', () => {
  it('matches the golden file', () => {
    expectGolden('report.sarif', renderReport('sarif', fixtureReport(), opts));
  });

  it('validates against the SARIF 2.1.0 schema, with and without rule metadata', () => {
    expect(schemaErrors(SARIF_SCHEMA, sarif())).toEqual([]);
    const rules: RuleMeta[] = [
      { id: 'ec2-eip-unattached', pack: 'free-tier', title: 'Elastic IP is not attached', why: 'Idle IPv4 costs money.', severity: 'high', remediation: 'aws ec2 release-address --allocation-id {{id}}' },
      { id: 'rds-idle', pack: 'free-tier', title: 'RDS instance idle', severity: 'medium' },
    ];
    expect(schemaErrors(SARIF_SCHEMA, sarif(rules))).toEqual([]);
  });

  it('the vendored schema rejects what GitHub would: unknown result keys, bad levels', () => {
    const log = sarif() as unknown as { runs: Array<{ results: Array<Record<string, unknown>>; bogus?: number }> };
    log.runs[0].results[0].severity = 'high';
    log.runs[0].results[1].level = 'critical';
    log.runs[0].bogus = 1;
    const errors = schemaErrors(SARIF_SCHEMA, log).join('\n');
    expect(errors).toMatch(/\/runs\/0\/results\/0: must NOT have additional properties/);
    expect(errors).toMatch(/\/runs\/0\/results\/1\/level/);
    expect(errors).toMatch(/\/runs\/0: must NOT have additional properties/);
  });

  it('sets no automationDetails.id, so the upload step\'s category: decides the analysis', () => {
    const run = sarif().runs[0] as Record<string, unknown>;
    expect(run.automationDetails).toBeUndefined();
  });

  it('has one run by costguard with rules carrying descriptions, help and security-severity', () => {
    const log = sarif();
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'costguard', version: '0.1.0' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const root = driver.rules.find((r) => r.id === 'iam-root-access-key');
    expect(root?.properties['security-severity']).toBe('9.5');
    expect(root?.properties.tags).toContain('security');
    expect(root?.fullDescription.text).toContain('Root keys cannot be limited');
    expect(driver.rules.find((r) => r.id === 's3-bucket-no-lifecycle')?.properties['security-severity']).toBe('0.0');
    expect(driver.rules.map((r) => r.id)).toEqual([...driver.rules.map((r) => r.id)].sort());
  });

  it('uses rule metadata for help text when given', () => {
    const log = sarif([{ id: 'ec2-eip-unattached', pack: 'free-tier', title: 'EIP idle', why: 'Costs $3.65/month.', severity: 'high', remediation: 'aws ec2 release-address --allocation-id {{id}}' }]);
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'ec2-eip-unattached');
    expect(rule?.shortDescription.text).toBe('EIP idle');
    expect(rule?.help.markdown).toContain('```sh\naws ec2 release-address --allocation-id {{id}}\n```');
  });

  it('maps severities to levels and points ruleIndex at the rule', () => {
    const log = sarif();
    const rules = log.runs[0].tool.driver.rules;
    const levels = Object.fromEntries(log.runs[0].results.map((r) => [r.properties.resourceId, r.level]));
    expect(levels['111111111111']).toBe('error'); // critical
    expect(levels['nat-0f1e2d3c4b5a69788']).toBe('error'); // high
    expect(levels['vol-0123456789abcdef0']).toBe('warning'); // medium
    expect(levels['/aws/lambda/web-<prod>&"test"']).toBe('note'); // low
    expect(levels['lab-artifacts-222222222222']).toBe('note'); // info
    for (const r of log.runs[0].results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('locates results by ARN, falling back to aws://account/region/type/id', () => {
    const results = sarif().runs[0].results;
    const byId = (id: string) => results.find((r) => r.properties.resourceId === id)!;
    expect(byId('nat-0f1e2d3c4b5a69788').locations[0].logicalLocations[0].fullyQualifiedName).toBe('arn:aws:ec2:us-west-2:222222222222:natgateway/nat-0f1e2d3c4b5a69788');
    expect(byId('vol-0123456789abcdef0').locations[0].logicalLocations[0].fullyQualifiedName).toBe('aws://111111111111/ap-northeast-2/ec2:volume/vol-0123456789abcdef0');
    expect(byId('vol-0123456789abcdef0').locations[0].physicalLocation.artifactLocation.uri).toBe('aws/111111111111/ap-northeast-2/ec2:volume/vol-0123456789abcdef0');
  });

  it('gives each finding a stable fingerprint: same across runs, different per resource', () => {
    const a = sarif().runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    const later = fixtureReport();
    later.generatedAt = '2025-02-01T00:00:00.000Z';
    later.findings.reverse();
    for (const f of later.findings) if (typeof f.monthlyCostUsd === 'number') f.monthlyCostUsd *= 2;
    const b = (JSON.parse(renderReport('sarif', later, opts)) as SarifLog).runs[0].results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(b)).toEqual(new Set(a));
    expect(new Set(a).size).toBe(a.length);
    expect(findingFingerprint({ ruleId: 'r', accountId: '1', region: 'us-east-1', resourceId: 'x' })).toBe(
      findingFingerprint({ ruleId: 'r', accountId: '1', region: 'us-east-1', resourceId: 'x' }),
    );
    expect(findingFingerprint({ ruleId: 'r', accountId: '1', region: 'us-east-1', resourceId: 'x' })).not.toBe(
      findingFingerprint({ ruleId: 'r', accountId: '1', region: 'us-east-2', resourceId: 'x' }),
    );
    expect(a[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps suppressed findings with an external suppression and its justification', () => {
    const results = sarif().runs[0].results;
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions?.[0]).toMatchObject({ kind: 'external', justification: 'Reserved for the workshop DNS record' });
    expect(results).toHaveLength(fixtureReport().findings.length);
  });
});

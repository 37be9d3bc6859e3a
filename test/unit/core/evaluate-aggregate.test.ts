import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import { ACCOUNT, accessDenied, inventory, pack, resource } from './fixtures.js';

const STORAGE = pack(`pack: storage
params: { ebsFreeGiB: 30, maxPerRegion: 2 }
prices: { ebsGiBMonth: 0.10 }
rules:
  - id: ebs-free-tier-storage-exceeded
    resource: ec2:volume
    severity: medium
    title: EBS storage is over the free allowance
    when: { volumeType: { in: [gp2, gp3] } }
    aggregate: { sum: sizeGiB, per: account, gt: "{{params.ebsFreeGiB}}" }
    message: "{{value}} GiB of EBS across {{count}} volumes; {{excess}} GiB over {{threshold}} ({{ids}})"
    cost: { price: ebsGiBMonth, quantity: "{{excess}}" }
  - id: ebs-too-many-per-region
    resource: ec2:volume
    severity: low
    title: Many volumes in one region
    aggregate: { count: true, per: region, gte: "{{params.maxPerRegion}}" }
    message: "{{count}} volumes in {{region}}"
`);

const volume = (id: string, sizeGiB: number, region = 'us-east-1', volumeType = 'gp3') =>
  resource({ type: 'ec2:volume', id, region, props: { sizeGiB, volumeType } });

function run(resources: ReturnType<typeof resource>[], options: Partial<Parameters<typeof evaluate>[0]> = {}, inv = {}) {
  return evaluate({ inventory: inventory(resources, { collectedTypes: ['ec2:volume'], ...inv }), packs: [STORAGE], ...options });
}

describe('evaluate: aggregates', () => {
  it('sums a property across all regions of an account and reports one finding over the threshold', () => {
    const { findings } = run([volume('vol-1', 20), volume('vol-2', 15, 'eu-west-1'), volume('vol-3', 100, 'us-east-1', 'io1')], { only: ['ebs-free-tier-*'] });
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'ebs-free-tier-storage-exceeded',
        accountId: ACCOUNT,
        accountName: 'lab',
        region: 'global',
        resourceType: 'ec2:volume',
        resourceId: ACCOUNT,
        message: '35 GiB of EBS across 2 volumes; 5 GiB over 30 (vol-1, vol-2)',
        monthlyCostUsd: 0.5,
      }),
    ]);
  });

  it('reports nothing at or under the threshold', () => {
    expect(run([volume('vol-1', 30)], { only: ['ebs-free-tier-storage-exceeded'] }).findings).toEqual([]);
  });

  it('takes the threshold from --param, by name or pack.name', () => {
    expect(run([volume('vol-1', 30)], { only: ['ebs-free-tier-storage-exceeded'], params: { ebsFreeGiB: '20' } }).findings[0].message).toBe(
      '30 GiB of EBS across 1 volumes; 10 GiB over 20 (vol-1)',
    );
    expect(run([volume('vol-1', 30)], { only: ['ebs-free-tier-storage-exceeded'], params: { 'storage.ebsFreeGiB': '40' } }).findings).toEqual([]);
  });

  it('counts per region, with resourceId account/region', () => {
    const { findings } = run([volume('vol-1', 1), volume('vol-2', 1), volume('vol-3', 1, 'eu-west-1')], { only: ['ebs-too-many-per-region'] });
    expect(findings.map((f) => [f.resourceId, f.region, f.message])).toEqual([[`${ACCOUNT}/us-east-1`, 'us-east-1', '2 volumes in us-east-1']]);
  });

  it('evaluates "fewer than" thresholds for accounts with no matching resources at all', () => {
    const budgets = pack(`pack: budgets
rules:
  - id: no-budget
    resource: budgets:budget
    severity: medium
    title: No budget
    aggregate: { count: true, lt: 1 }
`);
    const result = evaluate({ inventory: inventory([], { collectedTypes: ['budgets:budget'] }), packs: [budgets] });
    expect(result.findings.map((f) => [f.resourceId, f.region, f.message])).toEqual([[ACCOUNT, 'global', 'No budget (0; threshold 1)']]);
    expect(result.rulesEvaluated).toBe(1);
  });

  it('does not evaluate a per-account aggregate when data is missing anywhere in the account', () => {
    const result = run([volume('vol-1', 10)], { only: ['ebs-free-tier-storage-exceeded'] }, {
      errors: [accessDenied({ region: 'eu-west-1', operation: 'ec2:DescribeVolumes', resourceTypes: ['ec2:volume'] })],
    });
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated).toEqual([
      {
        ruleId: 'ebs-free-tier-storage-exceeded',
        pack: 'storage',
        title: 'EBS storage is over the free allowance',
        accountId: ACCOUNT,
        region: 'global',
        reason: 'ec2:DescribeVolumes failed with AccessDenied',
      },
    ]);
    expect(result.rulesEvaluated).toBe(0);
    expect(result.rulesNotEvaluated).toBe(1);
    expect(result.errors[0].rulesNotEvaluated).toEqual(['ebs-free-tier-storage-exceeded']);
  });

  it('still reports an aggregate whose partial total already exceeds the threshold, saying "at least"', () => {
    const result = run([volume('vol-1', 40)], { only: ['ebs-free-tier-storage-exceeded'] }, {
      errors: [accessDenied({ region: 'eu-west-1', operation: 'ec2:DescribeVolumes', resourceTypes: ['ec2:volume'] })],
    });
    expect(result.findings.map((f) => [f.message, f.monthlyCostUsd])).toEqual([['at least 40 GiB of EBS across at least 1 volumes; at least 10 GiB over 30 (vol-1)', 1]]);
    expect(result.notEvaluated).toEqual([]);
    expect(result.rulesEvaluated).toBe(1);
  });

  it('blocks only the region with the error for a per-region aggregate', () => {
    const result = run([volume('vol-1', 1), volume('vol-2', 1)], { only: ['ebs-too-many-per-region'] }, {
      errors: [accessDenied({ region: 'eu-west-1', operation: 'ec2:DescribeVolumes', resourceTypes: ['ec2:volume'] })],
    });
    expect(result.findings.map((f) => f.region)).toEqual(['us-east-1']);
    expect(result.notEvaluated.map((n) => [n.region, n.reason])).toEqual([['eu-west-1', 'ec2:DescribeVolumes failed with AccessDenied']]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../../../src/core/policy/load.js';
import { auditCommandFor, parseUsageType, rulesForUsageType, USAGE_TYPE_RULES } from '../../../src/cost/usage-types.js';

describe('usage type -> audit rule mapping', () => {
  it.each([
    ['USE2-NatGateway-Hours', ['vpc-nat-gateway']],
    ['NatGateway-Hours', ['vpc-nat-gateway']],
    ['EUW1-NatGateway-Bytes', ['vpc-nat-gateway']],
    ['USE1-PublicIPv4:IdleAddress', ['ec2-eip-unattached']],
    ['PublicIPv4:InUseAddress', ['ec2-public-ipv4']],
    ['CPUCredits:t3', ['ec2-burstable-unlimited', 'ec2-default-credit-unlimited']],
    ['APN1-CPUCredits:t4g', ['ec2-burstable-unlimited', 'ec2-default-credit-unlimited']],
    ['EBS:VolumeUsage.gp3', ['ebs-free-tier-storage-exceeded', 'ebs-volume-unattached']],
    ['USW2-EBS:VolumeUsage.gp2', ['ebs-free-tier-storage-exceeded', 'ebs-volume-unattached']],
    ['EBS:SnapshotUsage', ['ebs-snapshot-storage']],
    ['DataTransfer-Out-Bytes', ['cost-data-transfer-out-high']],
    ['USE2-DataTransfer-Out-Bytes', ['cost-data-transfer-out-high']],
  ])('maps %s after an optional region prefix', (usageType, ruleIds) => {
    expect(rulesForUsageType(usageType)).toEqual(ruleIds);
  });

  it('maps nothing for usage types no rule explains', () => {
    expect(rulesForUsageType('USE1-TimedStorage-ByteHrs')).toEqual([]);
    expect(rulesForUsageType('DataTransfer-In-Bytes')).toEqual([]);
    // an inter-region transfer keeps its destination after the first prefix
    expect(rulesForUsageType('USE1-EUC1-AWS-Out-Bytes')).toEqual([]);
  });

  it('splits the region prefix and names its region', () => {
    expect(parseUsageType('USE2-NatGateway-Hours')).toEqual({ usageType: 'USE2-NatGateway-Hours', base: 'NatGateway-Hours', prefix: 'USE2', region: 'us-east-2' });
    expect(parseUsageType('NatGateway-Hours')).toEqual({ usageType: 'NatGateway-Hours', base: 'NatGateway-Hours' });
    expect(parseUsageType('USE1-PublicIPv4:IdleAddress').region).toBe('us-east-1');
    expect(parseUsageType('CPUCredits:t3').prefix).toBeUndefined();
    expect(parseUsageType('EBS:VolumeUsage.gp3').base).toBe('EBS:VolumeUsage.gp3');
    // "AWS-Out-Bytes" has no digit: not a region prefix
    expect(parseUsageType('AWS-Out-Bytes').base).toBe('AWS-Out-Bytes');
  });

  it('refers only to rules that exist in the built-in packs', () => {
    const known = new Set(loadBuiltinPacks().flatMap((p) => p.rules.map((r) => r.id)));
    const unknown = USAGE_TYPE_RULES.flatMap((entry) => entry.ruleIds.filter((id) => !known.has(id)).map((id) => `${entry.pattern} -> ${id}`));
    expect(unknown).toEqual([]);
  });

  it('builds the audit command for the mapped rules', () => {
    expect(auditCommandFor(['vpc-nat-gateway'])).toBe('costguard audit --rule vpc-nat-gateway');
    expect(auditCommandFor([])).toBe('costguard audit');
  });
});

// Nuke safety with the real resource types (their dependsOn, protect() and declared references):
// verified before deleted, and what stays keeps what it uses.
import { describe, expect, it } from 'vitest';
import type { CollectionError, Resource } from '../../../src/core/model.js';
import { nukeTypeInfo, removableTypes } from '../../../src/app/nuke/run.js';
import { applyOverrides } from '../../../src/core/nuke/overrides.js';
import { planNuke, protectorTypes } from '../../../src/core/nuke/plan.js';
import { ACCOUNT, NOW, allowed, config, inventory, res } from './helpers.js';

const TYPES = nukeTypeInfo();

const denied = (type: string, operation: string, region = 'us-east-1'): CollectionError => ({ accountId: ACCOUNT, region, operation, code: 'AccessDenied', message: 'denied', resourceTypes: [type] });

function plan(resources: Resource[], errors: CollectionError[] = [], c = config()) {
  return planNuke({ inventory: inventory(resources, { errors }), config: c, types: TYPES, accounts: [allowed()], now: NOW, version: 'test' });
}
const day1 = () => applyOverrides(config(), { tags: { lab: 'day1' } }, removableTypes());

const skipped = (p: ReturnType<typeof plan>, id: string) => p.skipped.find((s) => s.id === id);

describe('nuke: verified before deleted', () => {
  it('never deletes an internet gateway when the VPCs could not be listed (the default VPC decides)', () => {
    const igw = res('ec2:internet-gateway', 'igw-default', { props: { vpcIds: ['vpc-default'] } });
    const p = plan([igw, res('s3:bucket', 'b')], [denied('ec2:vpc', 'ec2:DescribeVpcs')]);
    expect(p.deletions.map((d) => d.id)).toEqual(['b']);
    expect(skipped(p, 'igw-default')).toMatchObject({ category: 'unverified', reason: 'ec2:vpc could not be listed in us-east-1: AccessDenied' });
  });

  it('skips subnets, route tables and security groups too when the VPCs could not be listed, but only in that region', () => {
    const p = plan(
      [
        res('ec2:subnet', 'subnet-1', { props: { vpcId: 'vpc-1' } }),
        res('ec2:route-table', 'rtb-1', { props: { vpcId: 'vpc-1' } }),
        res('ec2:security-group', 'sg-1', { props: { vpcId: 'vpc-1', groupName: 'web' } }),
        res('ec2:security-group', 'sg-eu', { region: 'eu-west-1', props: { vpcId: 'vpc-eu', groupName: 'web' } }),
      ],
      [denied('ec2:vpc', 'ec2:DescribeVpcs')],
    );
    expect(p.skipped.filter((s) => s.category === 'unverified').map((s) => s.id).sort()).toEqual(['rtb-1', 'sg-1', 'subnet-1']);
    expect(p.deletions.map((d) => d.id)).toEqual(['sg-eu']);
  });

  it('skips a resource whose own tags could not be read (a keep tag may be there)', () => {
    const p = plan([res('kms:key', 'key-1', { props: {} })], [denied('kms:key', 'kms:ListResourceTags')]);
    expect(skipped(p, 'key-1')?.category).toBe('unverified');
  });

  it('keeps the internet gateway of a kept VPC and of the default VPC', () => {
    const p = plan([
      res('ec2:vpc', 'vpc-kept', { tags: { 'costguard:keep': 'yes' } }),
      res('ec2:vpc', 'vpc-default', { props: { isDefault: true } }),
      res('ec2:vpc', 'vpc-lab'),
      res('ec2:internet-gateway', 'igw-kept', { props: { vpcIds: ['vpc-kept'] } }),
      res('ec2:internet-gateway', 'igw-default', { props: { vpcIds: ['vpc-default'] } }),
      res('ec2:internet-gateway', 'igw-lab', { props: { vpcIds: ['vpc-lab'] } }),
    ]);
    expect(p.deletions.map((d) => d.id).sort()).toEqual(['igw-lab', 'vpc-lab']);
    expect(skipped(p, 'igw-kept')?.category).toBe('in-use');
    expect(skipped(p, 'igw-default')?.category).toBe('protected');
  });

  it('counts the types that hold, contain or are named by a type among its protectors', () => {
    const protectors = protectorTypes(TYPES);
    expect(protectors.get('ec2:internet-gateway')?.has('ec2:vpc')).toBe(true);
    expect(protectors.get('ec2:security-group')?.has('ec2:instance')).toBe(true);
    expect(protectors.get('ec2:security-group')?.has('ec2:network-interface')).toBe(true);
    expect(protectors.get('ec2:instance')?.has('ec2:volume')).toBe(true);
  });
});

describe('nuke: kept means untouched', () => {
  const lab = (instanceTags: Record<string, string>) => [
    res('ec2:instance', 'i-1', { tags: instanceTags, props: { securityGroupIds: ['sg-own'], volumeIds: ['vol-root'], state: 'running' } }),
    res('ec2:volume', 'vol-root', { props: { attachedInstanceIds: ['i-1'], attached: true, deleteOnTermination: true } }),
    res('ec2:security-group', 'sg-own', { props: { groupName: 'own', referencedGroupIds: ['sg-db'] } }),
    res('ec2:security-group', 'sg-db', { props: { groupName: 'db' } }),
  ];

  it('a kept instance keeps its security groups, and what they refer to', () => {
    const p = plan(lab({ 'costguard:keep': '' }));
    expect(p.deletions).toEqual([]);
    expect(skipped(p, 'sg-own')).toMatchObject({ category: 'in-use' });
    expect(skipped(p, 'sg-own')?.reason).toContain('ec2:instance i-1');
    expect(skipped(p, 'sg-db')?.category).toBe('in-use');
  });

  it('a kept security group keeps the groups its rules refer to', () => {
    const p = plan([res('ec2:security-group', 'sg-a', { tags: { 'costguard:keep': '' }, props: { groupName: 'a', referencedGroupIds: ['sg-b'] } }), res('ec2:security-group', 'sg-b', { props: { groupName: 'b' } })]);
    expect(p.deletions).toEqual([]);
    expect(skipped(p, 'sg-b')?.category).toBe('in-use');
  });

  it('a volume deleted on termination goes with its selected instance and does not hold it back', () => {
    const p = plan(lab({ lab: 'day1' }), [], day1());
    expect(p.deletions.map((d) => d.id)).toContain('i-1');
    expect(skipped(p, 'vol-root')).toMatchObject({ category: 'managed' });
    expect(skipped(p, 'vol-root')?.reason).toContain('on termination');
  });

  it('a volume that outlives its instance and stays holds the instance back', () => {
    const resources = lab({ lab: 'day1' });
    resources[1] = res('ec2:volume', 'vol-root', { props: { attachedInstanceIds: ['i-1'], attached: true, deleteOnTermination: false } });
    const p = plan(resources, [], day1());
    expect(p.deletions.map((d) => d.id)).not.toContain('i-1');
  });
});

describe('nuke: --newer-than and types AWS gives no creation time for', () => {
  const recent = new Date(NOW.getTime() - 3600_000).toISOString();
  const old = new Date(NOW.getTime() - 90 * 86_400_000).toISOString();
  const newer = () => applyOverrides(config(), { newerThan: '8h' }, removableTypes());
  const labVpc = (instanceCreated: string) => [
    res('ec2:vpc', 'vpc-lab'),
    res('ec2:subnet', 'subnet-lab', { props: { vpcId: 'vpc-lab' } }),
    res('ec2:internet-gateway', 'igw-lab', { props: { vpcIds: ['vpc-lab'] } }),
    res('ec2:security-group', 'sg-default', { props: { vpcId: 'vpc-lab', groupName: 'default' } }),
    res('ec2:instance', 'i-lab', { createdAt: instanceCreated, props: { vpcId: 'vpc-lab', subnetId: 'subnet-lab' } }),
  ];

  it('a lab VPC whose every member is selected goes too, and the plan says which were decided this way', () => {
    const p = plan(labVpc(recent), [], newer());
    expect(p.deletions.map((d) => d.id).sort()).toEqual(['i-lab', 'igw-lab', 'subnet-lab', 'vpc-lab']);
    expect(p.deletions.find((d) => d.id === 'i-lab')?.decidedBy).toBeUndefined();
    expect(p.deletions.find((d) => d.id === 'subnet-lab')?.decidedBy).toBe('AWS reports no creation time for ec2:subnet: it goes with what holds it, all deleted in this run (ec2:instance i-lab)');
    expect(p.deletions.find((d) => d.id === 'vpc-lab')?.decidedBy).toMatch(/^AWS reports no creation time for ec2:vpc: it goes with what holds it, all deleted in this run \(.*ec2:subnet subnet-lab/);
  });

  it('an old VPC with an old instance stays, and so does a VPC and gateway that only hold each other', () => {
    expect(plan(labVpc(old), [], newer()).deletions).toEqual([]);
    const alone = plan([res('ec2:vpc', 'vpc-x'), res('ec2:internet-gateway', 'igw-x', { props: { vpcIds: ['vpc-x'] } })], [], newer());
    expect(alone.deletions).toEqual([]);
    expect(skipped(alone, 'vpc-x')?.reason).toMatch(/AWS reports no creation time for ec2:vpc/);
  });

  it('a VPC that also holds an old, unselected instance stays', () => {
    const p = plan([...labVpc(recent), res('ec2:instance', 'i-old', { createdAt: old, props: { vpcId: 'vpc-lab', subnetId: 'subnet-other' } })], [], newer());
    expect(p.deletions.map((d) => d.id)).toContain('i-lab');
    expect(p.deletions.map((d) => d.id)).not.toContain('vpc-lab');
  });

  it('a kept member keeps the VPC', () => {
    const resources = labVpc(recent);
    resources[2] = res('ec2:internet-gateway', 'igw-lab', { tags: { 'costguard:keep': '' }, props: { vpcIds: ['vpc-lab'] } });
    const p = plan(resources, [], newer());
    expect(p.deletions.map((d) => d.id).sort()).toEqual(['i-lab', 'subnet-lab']);
  });
});

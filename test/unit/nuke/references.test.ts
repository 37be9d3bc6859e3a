import { describe, expect, it } from 'vitest';
import { builtinProtection } from '../../../src/core/nuke/protect.js';
import { keepEdges, referencesOf } from '../../../src/core/nuke/references.js';
import { nukeTypeInfo } from '../../../src/app/nuke/run.js';
import { res } from './helpers.js';

const TYPES = nukeTypeInfo();

describe('references between resources (declared by the resource types)', () => {
  it('follows an instance to its security groups, subnet, volumes and key pair (by name)', () => {
    const instance = res('ec2:instance', 'i-1', { props: { subnetId: 'subnet-1', securityGroupIds: ['sg-1'], volumeIds: ['vol-1'], keyName: 'lab' } });
    const targets = [res('ec2:subnet', 'subnet-1'), res('ec2:security-group', 'sg-1'), res('ec2:volume', 'vol-1'), res('ec2:key-pair', 'key-0abc', { name: 'lab' })];
    const refs = referencesOf([instance, ...targets], TYPES);
    expect(refs.map((r) => `${r.key} -> ${r.to.id} (${r.kind})`).sort()).toEqual([
      'keyName -> key-0abc (uses)',
      'securityGroupIds -> sg-1 (uses)',
      'subnetId -> subnet-1 (uses)',
      'volumeIds -> vol-1 (uses)',
    ]);
  });

  it('ignores a property that names a resource but declares no reference', () => {
    // description is free text: a security group described as "sg-1" names nothing.
    const group = res('ec2:security-group', 'sg-2', { props: { description: 'sg-1' } });
    expect(referencesOf([group, res('ec2:security-group', 'sg-1')], TYPES)).toEqual([]);
  });

  it('matches only the types a reference points at, and names only when the reference says byName', () => {
    // a subnet whose id happens to equal the instance's key name is not its key pair
    const instance = res('ec2:instance', 'i-1', { props: { keyName: 'lab', subnetId: 'shared' } });
    const refs = referencesOf([instance, res('ec2:subnet', 'lab'), res('ec2:key-pair', 'shared'), res('ec2:subnet', 'x', { name: 'shared' })], TYPES);
    expect(refs).toEqual([]);
  });

  it('keeps an attached Elastic IP with the instance that stays, and a stayed volume keeps its instance (both)', () => {
    const instance = res('ec2:instance', 'i-1');
    const eip = res('ec2:elastic-ip', 'eipalloc-1', { props: { instanceId: 'i-1' } });
    const volume = res('ec2:volume', 'vol-1', { props: { attachedInstanceIds: ['i-1'] } });
    const snapshot = res('ec2:snapshot', 'snap-1', { props: { volumeId: 'vol-1' } });
    const edges = keepEdges(referencesOf([instance, eip, volume, snapshot], TYPES));
    expect((edges.get(instance) ?? []).map((e) => e.target.id).sort()).toEqual(['eipalloc-1', 'vol-1']);
    expect((edges.get(volume) ?? []).map((e) => e.target.id)).toEqual(['i-1']);
    // a snapshot's source volume is provenance only: nothing keeps anything
    expect(edges.get(snapshot)).toBeUndefined();
  });
});

describe('protection read from the types (callerIdentity, byName references, guards)', () => {
  const ctx = (callerArn: string) => ({
    callerArns: new Map([['111111111111', callerArn]]),
    defaultVpcs: new Map<string, Set<string>>(),
    includeDefaultVpc: false,
    types: new Map(TYPES.map((t) => [t.type, t])),
  });

  it("protects the caller's user and the access keys that name it, not another user's keys", () => {
    const c = ctx('arn:aws:iam::111111111111:user/me');
    expect(builtinProtection(res('iam:user', 'me', { name: 'me', region: 'global' }), c)?.reason).toMatch(/caller's own identity/);
    expect(builtinProtection(res('iam:access-key', 'me#1', { region: 'global', props: { userName: 'me' } }), c)?.reason).toMatch(/^belongs to the caller's own identity/);
    expect(builtinProtection(res('iam:access-key', 'bob#1', { region: 'global', props: { userName: 'bob' } }), c)).toBeUndefined();
    // a role named like the calling user is not the caller
    expect(builtinProtection(res('iam:role', 'me', { name: 'me', region: 'global' }), c)).toBeUndefined();
  });

  it("applies a type's guard: an SSO role is never deleted, another role may be", () => {
    const c = ctx('arn:aws:sts::111111111111:assumed-role/ci/session');
    expect(builtinProtection(res('iam:role', 'AWSReservedSSO_Admin_1', { name: 'AWSReservedSSO_Admin_1', region: 'global', props: { path: '/aws-reserved/sso.amazonaws.com/' } }), c)).toEqual({
      category: 'protected',
      reason: 'IAM Identity Center (SSO) role',
      propagates: true,
    });
    expect(builtinProtection(res('iam:role', 'app', { name: 'app', region: 'global', props: { path: '/' } }), c)).toBeUndefined();
  });
});


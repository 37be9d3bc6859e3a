import { describe, expect, it } from 'vitest';
import { keepEdges, referencesOf } from '../../../src/core/nuke/references.js';
import { nukeTypeInfo } from '../../../src/aws/nuke/run.js';
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

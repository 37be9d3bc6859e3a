import { DeleteKeyPairCommand, DescribeKeyPairsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

export const ec2KeyPair: ResourceType = {
  type: 'ec2:key-pair',
  description: 'EC2 key pairs (free; an instance keeps its key after the pair is deleted)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeKeyPairs'],
    remove: ['ec2:DeleteKeyPair'],
  },
  properties: {
    keyName: { type: 'string', description: 'key pair name' },
    keyType: { type: 'string', description: 'rsa | ed25519' },
    fingerprint: { type: 'string', description: 'key fingerprint' },
  },
  // DescribeKeyPairs is not paginated: 1 call returns every key pair of the region.
  async list(ctx) {
    const out = await ctx.client(EC2Client).send(new DescribeKeyPairsCommand({}));
    return (out.KeyPairs ?? [])
      .filter((k) => k.KeyPairId || k.KeyName)
      .map((k): Resource => {
        const tags = tagsOf(k.Tags);
        const id = k.KeyPairId ?? (k.KeyName as string);
        return {
          type: 'ec2:key-pair',
          id,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:key-pair/${k.KeyName ?? id}`,
          name: k.KeyName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(k.CreateTime),
          tags,
          props: { keyName: k.KeyName, keyType: k.KeyType, fingerprint: k.KeyFingerprint },
        };
      });
  },
  async remove(ctx, resource) {
    // By name when we know it (names are unique in a region, and every implementation accepts them);
    // by id only for a pair listed without a name.
    const name = resource.name ?? (typeof resource.props.keyName === 'string' ? resource.props.keyName : undefined);
    await ctx.client(EC2Client).send(new DeleteKeyPairCommand(name ? { KeyName: name } : { KeyPairId: resource.id }));
  },
  dependsOn: [],
};

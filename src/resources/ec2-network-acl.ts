import { DeleteNetworkAclCommand, EC2Client, paginateDescribeNetworkAcls } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';

/** DescribeNetworkAcls accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2NetworkAcl: ResourceType = {
  type: 'ec2:network-acl',
  description: 'VPC network ACLs (free). A VPC\'s default ACL goes with the VPC and is never deleted by itself',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeNetworkAcls'],
    remove: ['ec2:DeleteNetworkAcl'],
  },
  properties: {
    isDefault: { type: 'boolean', description: 'true for the default ACL of its VPC' },
    vpcId: { type: 'string', description: 'the VPC it belongs to', ref: { to: 'ec2:vpc', kind: 'uses' } },
    subnetIds: { type: 'strings', description: 'subnets associated with it', ref: { to: 'ec2:subnet', kind: 'attached' } },
  },
  // 1 DescribeNetworkAcls call per 1000 ACLs. AWS reports no creation time.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeNetworkAcls({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const a of page.NetworkAcls ?? []) {
        if (!a.NetworkAclId) continue;
        const tags = tagsOf(a.Tags);
        out.push({
          type: 'ec2:network-acl',
          id: a.NetworkAclId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${a.OwnerId ?? ctx.accountId}:network-acl/${a.NetworkAclId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: { isDefault: a.IsDefault === true, vpcId: a.VpcId, subnetIds: (a.Associations ?? []).map((s) => s.SubnetId).filter((s): s is string => !!s) },
        });
      }
    }
    return out;
  },
  // Fails while a subnet is associated with it (reported): the subnets go first.
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteNetworkAclCommand({ NetworkAclId: resource.id }));
  },
  dependsOn: ['ec2:subnet'],
  protect(resource) {
    return resource.props.isDefault === true ? 'the default network ACL of its VPC (goes with the VPC)' : undefined;
  },
};

import { DeleteVpcCommand, EC2Client, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';

/** DescribeVpcs accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2Vpc: ResourceType = {
  type: 'ec2:vpc',
  description: 'VPCs (free themselves; what is inside them costs). The default VPC is never deleted unless asked',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeVpcs'],
    remove: ['ec2:DeleteVpc'],
  },
  properties: {
    isDefault: { type: 'boolean', description: 'true for the default VPC of the region' },
    cidrBlock: { type: 'string', description: 'primary IPv4 CIDR block' },
    state: { type: 'string', description: 'pending | available' },
    dhcpOptionsId: { type: 'string', description: 'DHCP options set', ref: { to: 'ec2:dhcp-options', kind: 'uses' } },
  },
  // 1 DescribeVpcs call per 1000 VPCs. AWS reports no creation time for VPCs.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeVpcs({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const v of page.Vpcs ?? []) {
        if (!v.VpcId) continue;
        const tags = tagsOf(v.Tags);
        out.push({
          type: 'ec2:vpc',
          id: v.VpcId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${v.OwnerId ?? ctx.accountId}:vpc/${v.VpcId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: { isDefault: v.IsDefault === true, cidrBlock: v.CidrBlock, state: v.State, dhcpOptionsId: v.DhcpOptionsId },
        });
      }
    }
    return out;
  },
  // Everything inside must be gone first; the main route table, default security group and default
  // network ACL go with the VPC itself.
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteVpcCommand({ VpcId: resource.id }));
  },
  dependsOn: [
    'ec2:subnet',
    'ec2:security-group',
    'ec2:route-table',
    'ec2:internet-gateway',
    'ec2:egress-only-internet-gateway',
    'ec2:vpc-endpoint',
    'ec2:nat-gateway',
    'ec2:network-interface',
    'ec2:instance',
    'elbv2:load-balancer',
    'elbv2:target-group',
    'elb:classic-load-balancer',
    'rds:db-instance',
    'lambda:function',
    'eks:cluster',
    'elasticache:cache-cluster',
    'cloudformation:stack',
    'ec2:network-acl',
  ],
  guard(resource, ctx) {
    return resource.props.isDefault === true && !ctx.includeDefaultVpc ? 'the default VPC (pass --include-default-vpc to delete it)' : undefined;
  },
};

import { DeleteSubnetCommand, EC2Client, paginateDescribeSubnets } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';

/** DescribeSubnets accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2Subnet: ResourceType = {
  type: 'ec2:subnet',
  description: 'VPC subnets (free; the default subnets of the default VPC are never deleted unless asked)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeSubnets'],
    remove: ['ec2:DeleteSubnet'],
  },
  properties: {
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    defaultForAz: { type: 'boolean', description: 'true for a default subnet (part of the default VPC)' },
    availabilityZone: { type: 'string', description: 'e.g. us-east-1a' },
    cidrBlock: { type: 'string', description: 'IPv4 CIDR block' },
    mapPublicIpOnLaunch: { type: 'boolean', description: 'instances launched here get a public IPv4 (billed)' },
  },
  // 1 DescribeSubnets call per 1000 subnets. AWS reports no creation time for subnets.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeSubnets({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const s of page.Subnets ?? []) {
        if (!s.SubnetId) continue;
        const tags = tagsOf(s.Tags);
        out.push({
          type: 'ec2:subnet',
          id: s.SubnetId,
          arn: s.SubnetArn ?? `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:subnet/${s.SubnetId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: {
            vpcId: s.VpcId,
            defaultForAz: s.DefaultForAz === true,
            availabilityZone: s.AvailabilityZone,
            cidrBlock: s.CidrBlock,
            mapPublicIpOnLaunch: s.MapPublicIpOnLaunch === true,
          },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteSubnetCommand({ SubnetId: resource.id }));
  },
  dependsOn: [
    'ec2:instance',
    'ec2:network-interface',
    'ec2:nat-gateway',
    'ec2:vpc-endpoint',
    'elbv2:load-balancer',
    'elb:classic-load-balancer',
    'rds:db-instance',
    'rds:db-cluster',
    'lambda:function',
    'eks:cluster',
    'eks:nodegroup',
    'autoscaling:group',
    'ecs:service',
    'elasticache:cache-cluster',
    'cloudformation:stack',
  ],
  guard(resource, ctx) {
    return resource.props.defaultForAz === true && !ctx.includeDefaultVpc ? 'part of the default VPC (pass --include-default-vpc to delete it)' : undefined;
  },
  // The planner must see whether its VPC is the default one.
  collectWith: ['ec2:vpc'],
};
